import { Controller } from '@nestjs/common';
import { reportingInvestment, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { InvestmentService } from './investment.service';

@Controller()
export class InvestmentHandler {
  constructor(private readonly service: InvestmentService) {}

  @RpcHandler(reportingInvestment)
  investment({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingInvestment>>) {
    return this.service.report(caller, data.year);
  }
}
