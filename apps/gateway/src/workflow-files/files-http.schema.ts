import { z } from 'zod';
import {
  ATTACHMENT_KINDS,
  REQUEST_CATEGORIES,
  REQUEST_STATES,
  idSchema,
  requestActionSchema,
} from '@daiban/contracts';
import { FILES_MESSAGES } from './files.messages';

export const idParams = z.strictObject({ id: idSchema });
export const emptyQuery = z.strictObject({});

const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query strings carry lists as `states=raised,routed` (or the key repeated). */
export const requestListQuery = z.strictObject({
  states: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(REQUEST_STATES)).max(REQUEST_STATES.length))
    .optional(),
  projectId: idSchema.optional(),
  category: z.enum(REQUEST_CATEGORIES).optional(),
  overdue: boolString.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * The action body is the contract's union without `requestId` (that comes from the path). Rebuilt per
 * option because zod refuses `.omit` on refined objects; the refinements run again in the RPC request.
 */
export const requestActionBody = z.discriminatedUnion(
  'action',
  requestActionSchema.options.map((option) => {
    const { requestId: _requestId, ...shape } = option.shape;
    return z.strictObject(shape);
  }) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const attachmentListQuery = z
  .strictObject({ itemId: idSchema.optional(), caseId: idSchema.optional(), projectId: idSchema.optional() })
  .refine((q) => [q.itemId, q.caseId, q.projectId].filter(Boolean).length === 1, {
    message: FILES_MESSAGES.oneTarget,
  });

/** The non-file fields of an attachment upload (multipart form fields, hence documented separately). */
export const attachmentFormFields = z.strictObject({
  kind: z.enum(ATTACHMENT_KINDS),
  filename: z.string().trim().min(1).max(255).optional(),
});

/** Documents the multipart body in OpenAPI: a binary `file` plus the form fields. */
export const attachmentUploadDoc = z.object({
  file: z
    .string()
    .meta({ format: 'binary', description: '文件（PDF、图片、Office，≤ 20 MB，按内容识别类型）' }),
  kind: z.enum(ATTACHMENT_KINDS),
  filename: z.string().optional().meta({ description: '显示用文件名，缺省取上传文件名' }),
});

export const importUploadDoc = z.object({
  file: z.string().meta({ format: 'binary', description: '台账 .xlsx 或 UTF-8 .csv，≤ 8 MB' }),
});
