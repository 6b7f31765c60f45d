import { Controller } from '@nestjs/common';
import { reportingParkEvaluation, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { ParkEvaluationService } from './park-evaluation.service';

@Controller()
export class ParkEvaluationHandler {
  constructor(private readonly service: ParkEvaluationService) {}

  @RpcHandler(reportingParkEvaluation)
  evaluate({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingParkEvaluation>>) {
    return this.service.report(caller, data.year, data.weights);
  }
}
