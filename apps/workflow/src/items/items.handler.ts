import { Controller } from '@nestjs/common';
import { workflowItemAct, workflowItemGet, workflowItemList, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { ItemsService } from './items.service';

@Controller()
export class ItemsHandler {
  constructor(private readonly service: ItemsService) {}

  @RpcHandler(workflowItemGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowItemGet>>) {
    return this.service.get(caller, data.itemId);
  }

  @RpcHandler(workflowItemList)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowItemList>>) {
    return this.service.list(caller, data);
  }

  @RpcHandler(workflowItemAct)
  act({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowItemAct>>) {
    return this.service.act(caller, data);
  }
}
