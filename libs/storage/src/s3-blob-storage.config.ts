/**
 * The production seam: an S3-compatible object store (MinIO, 阿里云 OSS, 华为云 OBS) holding the same
 * content-addressed keys (`blobs/<aa>/<bb>/<sha256>`). Only the configuration is defined here; the client
 * is written when a store is available to test against (no S3 network code ships untested).
 */
export interface S3BlobStorageConfig {
  endpoint: string;
  bucket: string;
  region: string;
}

export class S3BlobStorageNotAvailableError extends Error {
  constructor() {
    super('BLOB_STORE=s3 is configuration only in this build: use BLOB_STORE=local or provide an S3 client');
  }
}
