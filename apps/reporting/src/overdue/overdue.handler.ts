import { Controller } from '@nestjs/common';
import { reportingOverdue, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { OverdueService } from './overdue.service';

@Controller()
export class OverdueHandler {
  constructor(private readonly service: OverdueService) {}

  @RpcHandler(reportingOverdue)
  overdue({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingOverdue>>) {
    return this.service.page(caller, data);
  }
}
