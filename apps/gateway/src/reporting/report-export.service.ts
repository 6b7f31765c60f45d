import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import {
  reportingExport,
  reportingExportChunk,
  type Caller,
  type ExportFile,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';

export type ExportRequest = RpcRequest<typeof reportingExport>;

/** RFC 5987 attr-char: encodeURIComponent leaves `'()*` alone, which the grammar does not allow. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Old clients read only `filename=`, which must be plain ASCII: the Chinese name would arrive as mojibake,
 * so they get the report's key and the extension instead; everyone else reads `filename*`.
 */
export function contentDisposition(filename: string, asciiStem: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1];
  const fallback = `${asciiStem.replace(/[^A-Za-z0-9._-]/g, '_')}${extension ? `.${extension}` : ''}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/**
 * Streams a report file to the client. NATS caps a message at 1 MiB, so a large file arrives as its first
 * chunk plus a handle; the rest is fetched chunk by chunk while earlier ones are already on the wire, which
 * keeps the gateway's memory at one chunk per download whatever the file size.
 */
@Injectable()
export class ReportExportService {
  constructor(private readonly rpc: RpcClient) {}

  async export(caller: Caller, request: ExportRequest): Promise<StreamableFile> {
    // Awaited before any byte is sent, so a refusal or a bad parameter is still a proper error answer.
    const first = await this.rpc.call(reportingExport, request, { caller });
    return new StreamableFile(Readable.from(this.chunks(caller, first)), {
      type: first.contentType,
      length: first.byteLength,
      disposition: contentDisposition(first.filename, `report-${request.report}`),
    });
  }

  private async *chunks(caller: Caller, first: ExportFile): AsyncGenerator<Buffer> {
    yield Buffer.from(first.base64, 'base64');
    if (first.chunkCount <= 1 || !first.exportId) return;
    for (let index = 1; index < first.chunkCount; index += 1) {
      const chunk = await this.rpc.call(
        reportingExportChunk,
        { exportId: first.exportId, index },
        { caller },
      );
      yield Buffer.from(chunk.base64, 'base64');
    }
  }
}
