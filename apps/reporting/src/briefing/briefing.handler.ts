import { Controller } from '@nestjs/common';
import { reportingBriefing, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { BriefingService } from './briefing.service';

@Controller()
export class BriefingHandler {
  constructor(private readonly service: BriefingService) {}

  @RpcHandler(reportingBriefing)
  briefing({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingBriefing>>) {
    return this.service.report(caller, data.year, data.quarter, data.countyCode);
  }
}
