import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { instantString, localDateString } from './vocabulary';

export const sealRegisterEntrySchema = z.object({
  id: z.string(),
  parkId: z.string(),
  issuedOn: localDateString,
  itemId: z.string(),
  itemName: z.string(),
  departmentCode: z.string(),
  caseId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  resultDocNo: z.string(),
  handlerUserId: z.string().nullable(),
  approver: z.string(),
  recordedAt: instantString,
});
export type SealRegisterEntry = z.infer<typeof sealRegisterEntrySchema>;

/** GET /api/v1/parks/{id}/seal-register: every result issued with the park's 2号章. */
export const workflowSealRegisterList = defineRpc({
  pattern: 'workflow.sealRegister.list',
  request: z.strictObject({
    parkId: idSchema,
    from: localDateString.optional(),
    to: localDateString.optional(),
  }),
  response: z.object({ entries: z.array(sealRegisterEntrySchema) }),
});
