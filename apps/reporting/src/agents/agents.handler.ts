import { Controller } from '@nestjs/common';
import { reportingAgents } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { AgentsService } from './agents.service';

@Controller()
export class AgentsHandler {
  constructor(private readonly service: AgentsService) {}

  @RpcHandler(reportingAgents)
  agents({ caller }: RpcRequestMessage) {
    return this.service.report(caller);
  }
}
