import { Controller, Inject } from '@nestjs/common';
import { workflowConfigThresholds, type WorkflowThresholds } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { assertRole, requireCaller } from '../common/caller.util';
import { WORKFLOW_CONFIG, type WorkflowConfig } from '../config';
import { ACCEPTANCE_DECISION_WORKING_DAYS } from '../items/item-clock.util';

/** The time limits in force, for the admin's thresholds page. */
@Controller()
export class ThresholdsHandler {
  constructor(@Inject(WORKFLOW_CONFIG) private readonly config: WorkflowConfig) {}

  @RpcHandler(workflowConfigThresholds)
  get({ caller }: RpcRequestMessage<unknown>): WorkflowThresholds {
    assertRole(requireCaller(caller), ['admin']);
    const requestLimit: keyof WorkflowConfig = 'REQUEST_LIMIT_WORKING_DAYS';
    return {
      acceptanceDecisionWorkingDays: {
        value: ACCEPTANCE_DECISION_WORKING_DAYS,
        source: 'code',
        name: 'ACCEPTANCE_DECISION_WORKING_DAYS',
      },
      requestLimitWorkingDays: { value: this.config[requestLimit], source: 'env', name: requestLimit },
    };
  }
}
