import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;

export type Overview = Json<'/api/v1/reports/overview'>;
export type OverdueRow = Json<'/api/v1/reports/overdue'>['rows'][number];
export type DepartmentRow = Json<'/api/v1/reports/departments'>['rows'][number];
export type QuarterlyReport = Json<'/api/v1/reports/quarterly'>;
export type QuarterlyUnit = QuarterlyReport['counties'][number];
export type ParkEvaluationRow = Json<'/api/v1/reports/park-evaluation'>['rows'][number];

/** Reports are read models that change with every event; a minute old is fresh enough for a cockpit. */
const REPORT_STALE_MS = 60_000;

export function useOverview(countyCode: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'overview', countyCode ?? null],
    staleTime: REPORT_STALE_MS,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/overview', { params: { query: { countyCode } } })),
  });
}

export function useDepartments(year: number, countyCode: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'departments', year, countyCode ?? null],
    staleTime: REPORT_STALE_MS,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/departments', { params: { query: { year, countyCode } } })),
  });
}

export function useQuarterly(year: number, quarter: number, countyCode: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'quarterly', year, quarter, countyCode ?? null],
    staleTime: REPORT_STALE_MS,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reports/quarterly', { params: { query: { year, quarter, countyCode } } }),
      ),
  });
}

export function useParkEvaluation(year: number, countyCode: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'park-evaluation', year, countyCode ?? null],
    staleTime: REPORT_STALE_MS,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/park-evaluation', { params: { query: { year, countyCode } } })),
  });
}
