import { Controller } from '@nestjs/common';
import { listMilestones, recordMilestone, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { requireCaller } from '../shared/access.util';
import { MilestonesService } from './milestones.service';

@Controller()
export class MilestonesHandler {
  constructor(private readonly milestones: MilestonesService) {}

  @RpcHandler(recordMilestone)
  record({ data, caller }: RpcRequestMessage<RpcRequest<typeof recordMilestone>>) {
    return this.milestones.record(requireCaller(caller), data);
  }

  @RpcHandler(listMilestones)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof listMilestones>>) {
    return this.milestones.list(requireCaller(caller), data.projectId);
  }
}
