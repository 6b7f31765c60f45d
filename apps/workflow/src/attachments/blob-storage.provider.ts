import { join } from 'node:path';
import { LocalDiskBlobStorage, S3BlobStorageNotAvailableError, type BlobStorage } from '@daiban/storage';
import type { WorkflowConfig } from '../config';

/** Nest token for the blob store; tests and the gateway use the same implementation on the same folder. */
export const BLOB_STORAGE = Symbol('BLOB_STORAGE');

export function blobStorageFor(config: WorkflowConfig): BlobStorage {
  if (config.BLOB_STORE === 's3') throw new S3BlobStorageNotAvailableError();
  return new LocalDiskBlobStorage(join(config.DATA_DIR, 'blobs'));
}
