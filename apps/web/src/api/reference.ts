import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { messages } from '../i18n/messages';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Park =
  paths['/api/v1/parks']['get']['responses'][200]['content']['application/json']['items'][number];
export type County =
  paths['/api/v1/counties']['get']['responses'][200]['content']['application/json']['items'][number];
export type Catalog = paths['/api/v1/catalog']['get']['responses'][200]['content']['application/json'];
export interface Department {
  code: string;
  name: string;
}

/** Reference data changes a few times a year: keep it for the session. */
const REFERENCE_STALE_MS = 10 * 60_000;

export function useParks(enabled = true) {
  return useQuery({
    queryKey: ['parks'],
    queryFn: async () => unwrap(await api.GET('/api/v1/parks')).items,
    staleTime: REFERENCE_STALE_MS,
    enabled,
  });
}

export function useCounties(enabled = true) {
  return useQuery({
    queryKey: ['counties'],
    queryFn: async () => unwrap(await api.GET('/api/v1/counties')).items,
    staleTime: REFERENCE_STALE_MS,
    enabled,
  });
}

/** The catalog of a version, or the current one. */
export function useCatalog(version?: number, enabled = true) {
  return useQuery({
    queryKey: ['catalog', version ?? 'current'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/catalog', { params: { query: version ? { version } : {} } })),
    staleTime: REFERENCE_STALE_MS,
    enabled,
  });
}

/** There is no department list of its own: the departments are those the current catalog routes items to. */
export function departmentsOf(catalog: Catalog | undefined): Department[] {
  const byCode = new Map<string, string>();
  for (const item of catalog?.items ?? []) byCode.set(item.departmentCode, item.departmentName);
  return [...byCode].map(([code, name]) => ({ code, name }));
}

export interface CatalogNames {
  items: Map<string, string>;
  departments: Map<string, string>;
}

/** Catalog code → item and department names of the current catalog: rows carry codes only. */
export function useCatalogNames(): CatalogNames {
  const catalog = useCatalog();
  return useMemo(
    () => ({
      items: new Map(catalog.data?.items.map((item) => [item.code, item.name])),
      departments: new Map(departmentsOf(catalog.data).map((d) => [d.code, d.name])),
    }),
    [catalog.data],
  );
}

export interface ReferenceNames {
  park(id: string): string;
  county(code: string): string;
  department(code: string): string;
}

/** Names for ids, falling back to the id (or the built-in county names) until the lists arrive. */
export function referenceNames(parks?: Park[], counties?: County[], catalog?: Catalog): ReferenceNames {
  const parkNames = new Map(parks?.map((park) => [park.id, park.name]));
  const countyNames = new Map(counties?.map((county) => [county.code, county.name]));
  const departments = new Map(departmentsOf(catalog).map((d) => [d.code, d.name]));
  return {
    park: (id) => parkNames.get(id) ?? id,
    county: (code) => countyNames.get(code) ?? messages.counties[code] ?? code,
    department: (code) => departments.get(code) ?? code,
  };
}
