import type { FastifyRequest } from 'fastify';
import { DomainError } from '@daiban/contracts';
import { BlobTooLargeError, type BlobStorage } from '@daiban/storage';
import { FILES_MESSAGES } from './files.messages';

export interface StagedUpload {
  filename: string;
  sha256: string;
  size: number;
  fields: Record<string, string>;
}

const MB = 1024 * 1024;

function tooLarge(maxBytes: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', FILES_MESSAGES.fileTooLarge(Math.round(maxBytes / MB)));
}

/** Reads what is left of the request so the client receives our error instead of a reset connection. */
async function drain(request: FastifyRequest): Promise<void> {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((resolve) => {
    raw.on('end', resolve);
    raw.on('error', () => resolve());
    raw.on('close', resolve);
    raw.resume();
  });
}

/**
 * Streams the one `file` part of a multipart request into the blob store while hashing it, and collects
 * the plain fields named in `allowedFields` (in any order relative to the file). Over `maxBytes` the
 * partial blob is discarded and PAYLOAD_TOO_LARGE raised.
 */
export async function stageUpload(
  request: FastifyRequest,
  blobs: BlobStorage,
  maxBytes: number,
  allowedFields: readonly string[],
): Promise<StagedUpload> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', FILES_MESSAGES.notMultipart);
  const fields: Record<string, string> = {};
  let staged: Omit<StagedUpload, 'fields'> | null = null;
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: allowedFields.length + 1, fieldSize: 4096 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || staged) {
          part.file.resume();
          throw new DomainError('VALIDATION_FAILED', FILES_MESSAGES.oneFileOnly, [
            { field: part.fieldname, message: FILES_MESSAGES.oneFileOnly },
          ]);
        }
        const blob = await blobs.putStream(part.file, maxBytes);
        // Busboy stops at the limit and marks the stream instead of failing it when throwing is off.
        if (part.file.truncated) throw tooLarge(maxBytes);
        staged = { filename: part.filename, sha256: blob.sha256, size: blob.size };
      } else {
        if (!allowedFields.includes(part.fieldname))
          throw new DomainError('UNKNOWN_FIELD', FILES_MESSAGES.unknownPart(part.fieldname), [
            { field: part.fieldname, message: '不允许的字段' },
          ]);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    await drain(request);
    if (error instanceof BlobTooLargeError || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw tooLarge(maxBytes);
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new DomainError('VALIDATION_FAILED', FILES_MESSAGES.oneFileOnly);
    throw error;
  }
  if (!staged)
    throw new DomainError('VALIDATION_FAILED', FILES_MESSAGES.fileMissing, [
      { field: 'file', message: FILES_MESSAGES.fileMissing },
    ]);
  return { ...staged, fields };
}

/** RFC 6266/5987: an ASCII fallback for old clients and the UTF-8 name (Chinese file names) for the rest. */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
