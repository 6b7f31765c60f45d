import { Controller } from '@nestjs/common';
import { reportingQuarterly, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { QuarterlyService } from './quarterly.service';

@Controller()
export class QuarterlyHandler {
  constructor(private readonly service: QuarterlyService) {}

  @RpcHandler(reportingQuarterly)
  report({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingQuarterly>>) {
    return this.service.report(caller, data.year, data.quarter);
  }
}
