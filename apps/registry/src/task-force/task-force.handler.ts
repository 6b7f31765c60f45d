import { Controller } from '@nestjs/common';
import { getTaskForce, setTaskForce, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { requireCaller } from '../shared/access.util';
import { TaskForceService } from './task-force.service';

@Controller()
export class TaskForceHandler {
  constructor(private readonly taskForce: TaskForceService) {}

  @RpcHandler(setTaskForce)
  set({ data, caller }: RpcRequestMessage<RpcRequest<typeof setTaskForce>>) {
    return this.taskForce.set(requireCaller(caller), data);
  }

  @RpcHandler(getTaskForce)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof getTaskForce>>) {
    return this.taskForce.get(requireCaller(caller), data.projectId);
  }
}
