import { z } from 'zod';
import { defineRpc } from '../rpc';

export const agentRowSchema = z.object({
  agentUserId: z.string(),
  /** From the gateway's user events; null until that user's event has arrived. */
  agentName: z.string().nullable(),
  openCases: z.number().int(),
  closedCases: z.number().int(),
  openItems: z.number().int(),
  overdueItems: z.number().int(),
  yellowItems: z.number().int(),
  ratingCount: z.number().int(),
  averageRating: z.number().nullable(),
});
export type AgentRow = z.infer<typeof agentRowSchema>;

/** GET /api/v1/reports/agents — workload and ratings per 代办员 (ids only: names live in the gateway). */
export const reportingAgents = defineRpc({
  pattern: 'reporting.reports.agents',
  request: z.strictObject({}),
  response: z.object({ asOf: z.string(), rows: z.array(agentRowSchema) }),
  timeoutMs: 15_000,
});
