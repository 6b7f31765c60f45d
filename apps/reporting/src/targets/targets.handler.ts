import { Controller } from '@nestjs/common';
import { reportingTargetsGet, reportingTargetsPut, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { TargetsService } from './targets.service';

@Controller()
export class TargetsHandler {
  constructor(private readonly service: TargetsService) {}

  @RpcHandler(reportingTargetsGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingTargetsGet>>) {
    return this.service.get(caller, data.year);
  }

  @RpcHandler(reportingTargetsPut)
  put({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingTargetsPut>>) {
    return this.service.put(caller, data.year, data.expectedVersion, data.targets);
  }
}
