export * from './blob-storage';
export * from './local-disk-blob-storage';
export * from './s3-blob-storage.config';
export * from './content-type.util';
