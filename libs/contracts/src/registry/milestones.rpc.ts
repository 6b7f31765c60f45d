import { z } from 'zod';
import { defineRpc } from '../rpc';
import { MILESTONE_TYPES, PROJECT_STAGES, PROJECT_STATUSES } from '../events/projects.events';
import { milestoneViewSchema } from './projects.rpc';
import { idSchema, localDateSchema } from './registry-common.schema';

const recordMilestoneShape = {
  type: z.enum(MILESTONE_TYPES),
  date: localDateSchema,
  evidence: z.string().trim().min(1, { message: '请填写佐证材料说明' }).max(2000),
  /** A correction names the milestone it replaces and why; the old one stays in the history. */
  supersedesId: idSchema.optional(),
  reason: z.string().trim().min(1).max(500).optional(),
};
const correctionNeedsReason: [
  (v: { supersedesId?: string; reason?: string }) => boolean,
  { message: string; path: string[] },
] = [(v) => !v.supersedesId || !!v.reason, { message: '更正里程碑须填写更正原因', path: ['reason'] }];

export const recordMilestoneBodySchema = z
  .strictObject(recordMilestoneShape)
  .refine(...correctionNeedsReason);

export const recordMilestone = defineRpc({
  pattern: 'registry.milestone.record',
  request: z.strictObject({ ...recordMilestoneShape, projectId: idSchema }).refine(...correctionNeedsReason),
  response: z.object({
    milestone: milestoneViewSchema,
    projectStatus: z.enum(PROJECT_STATUSES),
    projectStage: z.enum(PROJECT_STAGES),
    projectVersion: z.number().int(),
  }),
});

export const listMilestones = defineRpc({
  pattern: 'registry.milestone.list',
  request: z.strictObject({ projectId: idSchema }),
  response: z.object({ items: z.array(milestoneViewSchema) }),
});
