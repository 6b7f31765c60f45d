import { Controller } from '@nestjs/common';
import { workflowSealRegisterList, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { SealRegisterService } from './seal-register.service';

@Controller()
export class SealRegisterHandler {
  constructor(private readonly service: SealRegisterService) {}

  @RpcHandler(workflowSealRegisterList)
  async list({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowSealRegisterList>>) {
    return { entries: await this.service.list(caller, data) };
  }
}
