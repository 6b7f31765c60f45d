import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';
import { instantString } from './vocabulary';

/** 材料, 承诺书, 补正通知, 结果 (批文/证照扫描件), a request's evidence, anything else. */
export const ATTACHMENT_KINDS = [
  'material',
  'commitment_letter',
  'correction_notice',
  'result',
  'request',
  'other',
] as const;

/**
 * Files larger than this travel through the shared blob store, never inside a NATS message (default
 * max_payload 1 MB; base64 adds a third, the envelope the rest).
 */
export const INLINE_ATTACHMENT_MAX_BYTES = 512 * 1024;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'SHA-256 应为 64 位小写十六进制' });

/** Exactly one thing an attachment belongs to; a project-level file is later claimed by a request. */
const target = z.union([
  z.strictObject({ itemId: idSchema }),
  z.strictObject({ caseId: idSchema }),
  z.strictObject({ projectId: idSchema }),
]);

export const attachmentViewSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  caseId: z.string().nullable(),
  itemId: z.string().nullable(),
  requestId: z.string().nullable(),
  kind: z.enum(ATTACHMENT_KINDS),
  filename: z.string(),
  /** Judged by content; the name's extension is never trusted. */
  contentType: z.string(),
  size: z.int(),
  sha256,
  uploadedBy: z.string(),
  uploadedAt: instantString,
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

/**
 * POST …/attachments. `staged`: the gateway has streamed the upload into the shared blob store and sends
 * its SHA-256 (the workflow re-hashes and sniffs the stored bytes). `inline`: small files (≤ 512 KiB) as
 * base64, for callers without access to the store.
 */
export const workflowAttachmentRegister = defineRpc({
  pattern: 'workflow.attachments.register',
  request: z.strictObject({
    target,
    kind: z.enum(ATTACHMENT_KINDS),
    filename: z.string().trim().min(1).max(255),
    content: z.union([
      z.strictObject({ staged: sha256 }),
      z.strictObject({ base64: z.base64().max(Math.ceil(INLINE_ATTACHMENT_MAX_BYTES / 3) * 4) }),
    ]),
  }),
  response: attachmentViewSchema,
  timeoutMs: 30_000,
});

export const workflowAttachmentList = defineRpc({
  pattern: 'workflow.attachments.list',
  request: target,
  response: z.object({ attachments: z.array(attachmentViewSchema) }),
});

/**
 * Authorizes a download (404 outside the caller's scope) and says where the bytes are: the gateway streams
 * `sha256` from the blob store; files up to the inline limit also come back as base64.
 */
export const workflowAttachmentDownload = defineRpc({
  pattern: 'workflow.attachments.download',
  request: z.strictObject({ attachmentId: idSchema }),
  response: z.object({ attachment: attachmentViewSchema, base64: z.string().nullable() }),
  timeoutMs: 30_000,
});
