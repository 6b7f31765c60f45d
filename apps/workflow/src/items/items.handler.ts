import { Controller } from '@nestjs/common';
import { workflowItemAct, workflowItemGet, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { ItemsService } from './items.service';

@Controller()
export class ItemsHandler {
  constructor(private readonly service: ItemsService) {}

  @RpcHandler(workflowItemGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowItemGet>>) {
    return this.service.get(caller, data.itemId);
  }

  @RpcHandler(workflowItemAct)
  act({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowItemAct>>) {
    return this.service.act(caller, data);
  }
}
