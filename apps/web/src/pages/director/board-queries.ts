import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

export type ProjectPage = Json<'/api/v1/projects', 'get'>;
export type Project = ProjectPage['items'][number];
export type CaseView = Json<'/api/v1/cases/{id}', 'get'>;
export type AgentRow = Json<'/api/v1/reports/agents', 'get'>['rows'][number];

/** Every board query lives under this key, so the live stream refreshes the whole board at once. */
export const BOARD_KEY = 'park-board';

/** The case of a project, or null when it has none (404); shares its cache entry with the enterprise home. */
export function useProjectCase(projectId: string) {
  return useQuery({
    queryKey: ['project-case', projectId],
    queryFn: async (): Promise<CaseView | null> => {
      const result = await api.GET('/api/v1/projects/{id}/case', { params: { path: { id: projectId } } });
      return result.response.status === 404 ? null : unwrap(result);
    },
  });
}

/** 代办员 of the park with their workload (reporting's read model, scoped to the caller's park). */
export function useAgents() {
  return useQuery({
    queryKey: [BOARD_KEY, 'agents'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/agents')),
  });
}

export function agentName(agents: readonly AgentRow[] | undefined, userId: string | null): string | null {
  if (userId === null) return null;
  return agents?.find((agent) => agent.agentUserId === userId)?.agentName ?? null;
}
