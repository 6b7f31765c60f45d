import { Controller } from '@nestjs/common';
import {
  workflowCaseAssignAgent,
  workflowCaseClose,
  workflowCaseGet,
  workflowCaseGetByProject,
  workflowCaseList,
  workflowCaseOpen,
  workflowCaseResume,
  workflowCaseSignAgreement,
  workflowCaseSuspend,
  workflowCaseTerminate,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { CasesService } from './cases.service';

type Msg<D> = RpcRequestMessage<RpcRequest<D>>;

@Controller()
export class CasesHandler {
  constructor(private readonly service: CasesService) {}

  @RpcHandler(workflowCaseGet)
  get({ data, caller }: Msg<typeof workflowCaseGet>) {
    return this.service.get(caller, { caseId: data.caseId });
  }

  @RpcHandler(workflowCaseGetByProject)
  getByProject({ data, caller }: Msg<typeof workflowCaseGetByProject>) {
    return this.service.get(caller, { projectId: data.projectId });
  }

  @RpcHandler(workflowCaseList)
  list({ data, caller }: Msg<typeof workflowCaseList>) {
    return this.service.list(caller, data);
  }

  @RpcHandler(workflowCaseOpen)
  open({ data, caller }: Msg<typeof workflowCaseOpen>) {
    return this.service.open(caller, data.projectId);
  }

  @RpcHandler(workflowCaseSignAgreement)
  signAgreement({ data, caller }: Msg<typeof workflowCaseSignAgreement>) {
    return this.service.signAgreement(caller, data);
  }

  @RpcHandler(workflowCaseAssignAgent)
  assignAgent({ data, caller }: Msg<typeof workflowCaseAssignAgent>) {
    return this.service.assignAgent(caller, data.caseId, data.agentUserId, data.expectedVersion);
  }

  @RpcHandler(workflowCaseSuspend)
  suspend({ data, caller }: Msg<typeof workflowCaseSuspend>) {
    return this.service.suspend(caller, data.caseId, data.reason, data.expectedVersion);
  }

  @RpcHandler(workflowCaseResume)
  resume({ data, caller }: Msg<typeof workflowCaseResume>) {
    return this.service.resume(caller, data.caseId, data.note, data.expectedVersion);
  }

  @RpcHandler(workflowCaseTerminate)
  terminate({ data, caller }: Msg<typeof workflowCaseTerminate>) {
    return this.service.terminateByCaller(caller, data.caseId, data.reason, data.expectedVersion);
  }

  @RpcHandler(workflowCaseClose)
  close({ data, caller }: Msg<typeof workflowCaseClose>) {
    return this.service.close(caller, data.caseId, data.rating, data.comment, data.expectedVersion);
  }
}
