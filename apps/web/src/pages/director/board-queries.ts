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
export type CasePage = Json<'/api/v1/cases', 'get'>;
export type CaseEntry = CasePage['items'][number];
export type ParkAgent = Json<'/api/v1/parks/{id}/agents', 'get'>['items'][number];

/** An agent the director may pick, with the workload figures reporting has for it (0 when none). */
export interface AssignableAgent {
  id: string;
  name: string;
  openCases: number;
  overdueItems: number;
}

/** Every board query lives under this key, so the live stream refreshes the whole board at once. */
export const BOARD_KEY = 'park-board';

/** 代办员 of the park with their workload (reporting's read model, scoped to the caller's park). */
export function useAgents() {
  return useQuery({
    queryKey: [BOARD_KEY, 'agents'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/agents')),
  });
}

/** The park's 代办员 from the users (every enabled agent, also those without a case yet). */
export function useParkAgents(parkId: string | null) {
  return useQuery({
    queryKey: [BOARD_KEY, 'park-agents', parkId],
    enabled: parkId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/parks/{id}/agents', { params: { path: { id: parkId! } } })),
  });
}

/**
 * The park's agents with their workload. Reporting only knows agents who have had a case, so the users
 * list decides who is offered; without it (still loading or refused) the workload rows are offered.
 */
export function assignableAgents(
  parkAgents: readonly ParkAgent[] | undefined,
  workload: readonly AgentRow[] | undefined,
): AssignableAgent[] {
  const rows = new Map((workload ?? []).map((row) => [row.agentUserId, row] as const));
  if (!parkAgents)
    return [...rows.values()].map((row) => ({
      id: row.agentUserId,
      name: row.agentName ?? row.agentUserId,
      openCases: row.openCases,
      overdueItems: row.overdueItems,
    }));
  return parkAgents.map((agent) => ({
    id: agent.id,
    name: agent.displayName,
    openCases: rows.get(agent.id)?.openCases ?? 0,
    overdueItems: rows.get(agent.id)?.overdueItems ?? 0,
  }));
}
