import { useQuery } from '@tanstack/react-query';
import { messages } from '../i18n/messages';
import { api, unwrap } from './client';
import { referenceNames, useCatalog, useCounties, useParks, type ReferenceNames } from './reference';
import type { paths } from './schema';

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['role'];
export type Scope = Me['scope'];

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => unwrap(await api.GET('/api/v1/me')) });
}

export function roleLabel(role: Role): string {
  return messages.roles[role];
}

/** The scope in words; park, county and department names come from `names` (ids until they load). */
export function scopeLabel(scope: Scope, names: ReferenceNames = referenceNames()): string {
  switch (scope.kind) {
    case 'city':
      return messages.scope.city;
    case 'county':
      return messages.scope.county(names.county(scope.countyCode));
    case 'park':
      return messages.scope.park(names.park(scope.parkId));
    case 'department':
      return messages.scope.department(
        names.department(scope.departmentCode),
        scope.countyCode === null ? null : names.county(scope.countyCode),
      );
    case 'enterprise':
      return messages.scope.enterprise;
    case 'none':
      return messages.scope.none;
  }
}

/** Loads only the reference lists the scope needs to be named. */
export function useScopeLabel(scope: Scope | undefined): string {
  const kind = scope?.kind;
  const parks = useParks(kind === 'park');
  const counties = useCounties(kind === 'county' || kind === 'department');
  const catalog = useCatalog(undefined, kind === 'department');
  return scope ? scopeLabel(scope, referenceNames(parks.data, counties.data, catalog.data)) : '';
}
