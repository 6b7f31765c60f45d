import { Controller } from '@nestjs/common';
import { workflowImportRun, workflowImportTemplate, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { ImportService } from './import.service';

@Controller()
export class ImportHandler {
  constructor(private readonly service: ImportService) {}

  @RpcHandler(workflowImportRun)
  run({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowImportRun>>) {
    return this.service.run(caller, data);
  }

  @RpcHandler(workflowImportTemplate)
  template({ caller }: RpcRequestMessage<RpcRequest<typeof workflowImportTemplate>>) {
    return this.service.template(caller);
  }
}
