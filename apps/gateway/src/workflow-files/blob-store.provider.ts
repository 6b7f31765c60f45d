import { join } from 'node:path';
import { LocalDiskBlobStorage, type BlobStorage } from '@daiban/storage';
import type { GatewayConfig } from '../config';

export const GATEWAY_BLOBS = Symbol('GATEWAY_BLOBS');

/**
 * The same `<DATA_DIR>/blobs` the workflow reads: the gateway stages uploads there and streams downloads
 * from it, so files never cross NATS (1 MB messages). In production both mount one shared volume.
 */
export function gatewayBlobStorage(config: GatewayConfig): BlobStorage {
  return new LocalDiskBlobStorage(join(config.DATA_DIR, 'blobs'));
}
