import { useQuery } from '@tanstack/react-query';
import { messages } from '../i18n/messages';
import { api, unwrap } from './client';
import type { paths } from './schema';

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Role = Me['role'];
export type Scope = Me['scope'];

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => unwrap(await api.GET('/api/v1/me')) });
}

const county = (code: string | null): string | null =>
  code === null ? null : (messages.counties[code] ?? code);

export function roleLabel(role: Role): string {
  return messages.roles[role];
}

export function scopeLabel(scope: Scope): string {
  switch (scope.kind) {
    case 'city':
      return messages.scope.city;
    case 'county':
      return messages.scope.county(county(scope.countyCode) ?? scope.countyCode);
    case 'park':
      return messages.scope.park(scope.parkId);
    case 'department':
      return messages.scope.department(scope.departmentCode, county(scope.countyCode));
    case 'enterprise':
      return messages.scope.enterprise;
    case 'none':
      return messages.scope.none;
  }
}
