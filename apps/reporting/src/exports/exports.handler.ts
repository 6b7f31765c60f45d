import { Controller } from '@nestjs/common';
import { reportingExport, reportingExportChunk, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { ExportsService } from './exports.service';

@Controller()
export class ExportsHandler {
  constructor(private readonly service: ExportsService) {}

  @RpcHandler(reportingExport)
  create({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingExport>>) {
    return this.service.create(caller, data);
  }

  @RpcHandler(reportingExportChunk)
  chunk({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingExportChunk>>) {
    return this.service.chunk(caller, data.exportId, data.index);
  }
}
