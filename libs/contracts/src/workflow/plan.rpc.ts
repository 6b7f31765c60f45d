import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { ITEM_STATES, localDateString } from './vocabulary';

export const planItemSchema = z.object({
  itemId: z.string(),
  catalogCode: z.string(),
  name: z.string(),
  state: z.enum(ITEM_STATES),
  duration: z.int(),
  prerequisites: z.array(z.string()),
  /** 倒排工期: the last day the item may start and still let construction begin on the target date. */
  latestStart: localDateString.nullable(),
  latestFinish: localDateString.nullable(),
  /** Forecast from the current state. */
  expectedStart: localDateString.nullable(),
  expectedFinish: localDateString,
  done: z.boolean(),
  critical: z.boolean(),
  late: z.boolean(),
});

export const planSchema = z.object({
  caseId: z.string(),
  today: localDateString,
  targetConstructionStart: localDateString.nullable(),
  forecastConstructionStart: localDateString,
  behindSchedule: z.boolean(),
  criticalPath: z.array(z.string()),
  provisional: z.boolean(),
  items: z.array(planItemSchema),
});
export type PlanView = z.infer<typeof planSchema>;

/** GET /api/v1/cases/{id}/plan. */
export const workflowPlanGet = defineRpc({
  pattern: 'workflow.plan.get',
  request: z.strictObject({ caseId: idSchema }),
  response: planSchema,
});
