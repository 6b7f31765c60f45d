import { Controller } from '@nestjs/common';
import { reportingOverview } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { OverviewService } from './overview.service';

@Controller()
export class OverviewHandler {
  constructor(private readonly service: OverviewService) {}

  @RpcHandler(reportingOverview)
  overview({ caller }: RpcRequestMessage) {
    return this.service.overview(caller);
  }
}
