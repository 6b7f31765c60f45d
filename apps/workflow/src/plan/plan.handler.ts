import { Controller } from '@nestjs/common';
import { workflowPlanGet, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { PlanService } from './plan.service';

@Controller()
export class PlanHandler {
  constructor(private readonly service: PlanService) {}

  @RpcHandler(workflowPlanGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowPlanGet>>) {
    return this.service.get(caller, data.caseId);
  }
}
