import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type ProjectDetail =
  paths['/api/v1/projects/{id}']['get']['responses'][200]['content']['application/json'];
export type CaseDetail = paths['/api/v1/cases/{id}']['get']['responses'][200]['content']['application/json'];
export type CaseItem = CaseDetail['items'][number];
export type Plan = paths['/api/v1/cases/{id}/plan']['get']['responses'][200]['content']['application/json'];
export type LedgerEntry =
  paths['/api/v1/cases/{id}/ledger']['get']['responses'][200]['content']['application/json']['entries'][number];

/**
 * The project's case, or null when none is open (404). Keyed under `case` so the live stream's
 * invalidation refreshes it with every pushed event.
 */
export function useProjectCase(projectId: string) {
  return useQuery({
    queryKey: ['case', 'by-project', projectId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/projects/{id}/case', { params: { path: { id: projectId } } });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: ['projects', projectId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects/{id}', { params: { path: { id: projectId } } })),
  });
}

/** 倒排工期 forecast: optional for the timeline, so a refusal leaves the expected dates out. */
export function useCasePlan(caseId: string | undefined) {
  return useQuery({
    queryKey: ['case', caseId, 'plan'],
    enabled: caseId !== undefined,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases/{id}/plan', { params: { path: { id: caseId! } } })),
  });
}

export function useCaseLedger(caseId: string | undefined) {
  return useQuery({
    queryKey: ['case', caseId, 'ledger'],
    enabled: caseId !== undefined,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases/{id}/ledger', { params: { path: { id: caseId! } } })),
  });
}
