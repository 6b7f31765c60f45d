import { Controller } from '@nestjs/common';
import { workflowLedgerExport, workflowLedgerList, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { LedgerService } from './ledger.service';

@Controller()
export class LedgerHandler {
  constructor(private readonly service: LedgerService) {}

  @RpcHandler(workflowLedgerList)
  async list({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowLedgerList>>) {
    return { entries: await this.service.list(caller, data.caseId) };
  }

  @RpcHandler(workflowLedgerExport)
  export({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowLedgerExport>>) {
    return this.service.export(caller, data.caseId);
  }
}
