import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';

/** A SHA-256 in lowercase hex: the only key a blob has. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export interface BlobInfo {
  sha256: string;
  size: number;
}

/**
 * Content-addressed storage for uploaded files. The gateway writes what it receives (multipart, streamed)
 * and passes services only the key: NATS's default 1 MB message limit rules out sending files through
 * request-reply, and content addressing makes a retried upload idempotent and identical files one blob.
 * Implementations must make `put` atomic: a reader never sees half a blob under its key.
 */
export interface BlobStorage {
  put(bytes: Buffer): Promise<BlobInfo & { created: boolean }>;
  stat(sha256: string): Promise<BlobInfo | null>;
  get(sha256: string): Promise<Buffer>;
  /** Reads at most `length` bytes from the start: enough to sniff a type without loading 20 MB. */
  head(sha256: string, length: number): Promise<Buffer>;
  /**
   * Writes a stream while hashing it, so a 20 MB upload never sits in memory whole. Past `maxBytes` the
   * partial write is discarded and `BlobTooLargeError` thrown; the source is left to the caller to drain.
   */
  putStream(source: AsyncIterable<Buffer>, maxBytes: number): Promise<BlobInfo & { created: boolean }>;
  /** The blob's bytes as a stream, for downloads. */
  openStream(sha256: string): Promise<Readable>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
