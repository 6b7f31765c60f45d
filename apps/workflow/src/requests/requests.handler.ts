import { Controller } from '@nestjs/common';
import {
  workflowRequestAct,
  workflowRequestGet,
  workflowRequestList,
  workflowRequestRaise,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { RequestsService } from './requests.service';

@Controller()
export class RequestsHandler {
  constructor(private readonly service: RequestsService) {}

  @RpcHandler(workflowRequestList)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowRequestList>>) {
    return this.service.list(caller, data);
  }

  @RpcHandler(workflowRequestGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowRequestGet>>) {
    return this.service.get(caller, data.requestId);
  }

  @RpcHandler(workflowRequestRaise)
  raise({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowRequestRaise>>) {
    return this.service.raise(caller, data);
  }

  @RpcHandler(workflowRequestAct)
  act({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowRequestAct>>) {
    return this.service.act(caller, data);
  }
}
