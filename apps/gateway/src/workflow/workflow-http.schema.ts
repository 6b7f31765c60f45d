import { z } from 'zod';
import {
  idSchema,
  itemActionRequestSchema,
  localDateString,
  workflowCaseAssignAgent,
  workflowCaseClose,
  workflowCaseResume,
  workflowCaseSuspend,
  workflowCaseTerminate,
  workflowSealRegisterList,
} from '@daiban/contracts';

export const idParams = z.strictObject({ id: idSchema });
export const yearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const catalogQuery = z.strictObject({ version: z.coerce.number().int().positive().optional() });
export const ledgerQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') });
export const sealRegisterQuery = z.strictObject({
  from: localDateString.optional(),
  to: localDateString.optional(),
});
export const sealRegisterResponse = workflowSealRegisterList.response;

/** The path names the object; the body never does (an id in both would be a second source of truth). */
type WithoutId<S> =
  S extends z.ZodObject<infer Shape> ? z.ZodObject<Omit<Shape, 'itemId' | 'caseId'>> : never;
const withoutIds = <S extends z.ZodObject>(schema: S) =>
  schema.omit(
    Object.fromEntries(
      ['itemId', 'caseId'].filter((key) => key in schema.shape).map((key) => [key, true]),
    ) as never,
  ) as unknown as WithoutId<S>;

export const itemActionBody = z.discriminatedUnion(
  'action',
  itemActionRequestSchema.options.map((option) => withoutIds(option)) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);
export type ItemActionBody = { action: string } & Record<string, unknown>;

/** The agreement request without its `caseId` (a refined schema cannot be `omit`ted, so it is restated). */
export const agreementBody = z
  .strictObject({
    expectedVersion: z.int().positive().optional(),
    signedOn: localDateString,
    coverage: z.enum(['whole', 'items']),
    itemCodes: z.array(z.string()).max(200).optional(),
    serviceLevel: z.enum(['agency', 'accompany']).default('agency'),
  })
  .refine((v) => v.coverage === 'whole' || (v.itemCodes?.length ?? 0) > 0, {
    message: '委托部分事项时须选择事项',
    path: ['itemCodes'],
  });

/** POST /cases/{id}/actions mirrors the items' actions: one `action` and exactly its own fields. */
export const caseActionBody = z.discriminatedUnion('action', [
  withoutIds(workflowCaseAssignAgent.request).extend({ action: z.literal('assign_agent') }),
  withoutIds(workflowCaseSuspend.request).extend({ action: z.literal('suspend') }),
  withoutIds(workflowCaseResume.request).extend({ action: z.literal('resume') }),
  withoutIds(workflowCaseTerminate.request).extend({ action: z.literal('terminate') }),
  withoutIds(workflowCaseClose.request).extend({ action: z.literal('close') }),
]);
export type CaseActionBody = z.infer<typeof caseActionBody>;
