import { Controller } from '@nestjs/common';
import { workflowCatalogGet, workflowCatalogPublish, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { CatalogService } from './catalog.service';

@Controller()
export class CatalogHandler {
  constructor(private readonly service: CatalogService) {}

  @RpcHandler(workflowCatalogGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowCatalogGet>>) {
    return this.service.get(caller, data.version);
  }

  @RpcHandler(workflowCatalogPublish)
  publish({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowCatalogPublish>>) {
    return this.service.publish(caller, data.items, data.note);
  }
}
