import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobTooLargeError, SHA256_PATTERN, sha256Of, type BlobInfo, type BlobStorage } from './blob-storage';

/**
 * Blobs as files under `<root>/<aa>/<bb>/<sha256>`: two levels of fan-out keep directories small.
 * Written to a temporary name in the same directory and renamed, which is atomic on one filesystem.
 */
export class LocalDiskBlobStorage implements BlobStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error('invalid blob key');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<BlobInfo & { created: boolean }> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    const existing = await this.stat(sha256);
    if (existing) return { ...existing, created: false };
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return { sha256, size: bytes.length, created: true };
  }

  async stat(sha256: string): Promise<BlobInfo | null> {
    try {
      const info = await stat(this.pathOf(sha256));
      return { sha256, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async head(sha256: string, length: number): Promise<Buffer> {
    const handle = await open(this.pathOf(sha256), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async putStream(source: AsyncIterable<Buffer>, maxBytes: number): Promise<BlobInfo & { created: boolean }> {
    // The key is known only at the end, so the bytes land in a staging file on the same filesystem first.
    const staging = join(this.root, 'staging');
    await mkdir(staging, { recursive: true });
    const temporary = join(staging, `${randomUUID()}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(temporary, 'wx');
    let moved = false;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.close();
      const sha256 = hash.digest('hex');
      const existing = await this.stat(sha256);
      if (existing) return { ...existing, created: false };
      const path = this.pathOf(sha256);
      await mkdir(dirname(path), { recursive: true });
      await rename(temporary, path);
      moved = true;
      return { sha256, size, created: true };
    } finally {
      await handle.close().catch(() => undefined);
      if (!moved) await unlink(temporary).catch(() => undefined);
    }
  }

  async openStream(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    // Fails here (ENOENT) rather than mid-response, so the caller can still answer with an error status.
    await stat(path);
    return createReadStream(path);
  }
}
