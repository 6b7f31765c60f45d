import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  workflowRequestAct,
  workflowRequestGet,
  workflowRequestList,
  workflowRequestRaise,
  type Caller,
  type RequestActionRequest,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams, requestActionBody, requestListQuery } from './files-http.schema';

type Id = z.infer<typeof idParams>;
const tags = ['requests'];

/**
 * 企业诉求. The workflow owns roles per action and scope (404 outside it); the gateway only keeps out the
 * roles that never take part (the auditor reads the audit log only).
 */
@Controller('api/v1/requests')
@Roles('admin', 'center_director', 'agent', 'department_officer', 'enterprise', 'leader')
export class RequestsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiContract({
    summary: '企业诉求列表（按数据范围）',
    description: '`states` 可逗号分隔多个状态；`overdue=true` 只列逾期未答复的诉求。',
    tags,
    query: requestListQuery,
    response: workflowRequestList.response,
    errors: ['FORBIDDEN'],
  })
  list(@CurrentCaller() caller: Caller, @ZodQuery(requestListQuery) query: z.infer<typeof requestListQuery>) {
    return this.rpc.call(workflowRequestList, query, { caller });
  }

  @Post()
  @HttpCode(201)
  @Roles('enterprise', 'agent')
  @AuditAction('requests.raise', { objectType: 'request', detailFields: ['projectId', 'category'] })
  @ApiContract({
    summary: '提出企业诉求',
    description:
      '企业就本企业项目提出；代办员可代为登记。附件须先上传到项目（POST /api/v1/projects/{id}/attachments）。',
    tags,
    body: workflowRequestRaise.request,
    response: workflowRequestRaise.response,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  })
  raise(
    @CurrentCaller() caller: Caller,
    @ZodBody(workflowRequestRaise.request) body: z.infer<typeof workflowRequestRaise.request>,
  ) {
    return this.rpc.call(workflowRequestRaise, body, { caller });
  }

  @Get(':id')
  @ApiContract({
    summary: '企业诉求详情（含处理记录）',
    tags,
    params: idParams,
    query: emptyQuery,
    response: workflowRequestGet.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  get(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(workflowRequestGet, { requestId: params.id }, { caller });
  }

  @Post(':id/actions')
  @HttpCode(200)
  @Roles('admin', 'center_director', 'agent', 'department_officer', 'enterprise')
  @AuditAction('requests.act', { objectType: 'request', detailFields: ['action'] })
  @ApiContract({
    summary: '处理企业诉求（交办/答复/确认/重新办理/关闭）',
    description:
      'route：中心主任或管理员交办给部门或代办员；answer：承办方答复；confirm/reopen：企业确认或不满意重新办理；close：中心主任或管理员说明理由后关闭。',
    tags,
    params: idParams,
    body: requestActionBody,
    response: workflowRequestAct.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'VERSION_CONFLICT', 'PRECONDITION_FAILED'],
  })
  act(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(requestActionBody) body: z.infer<typeof requestActionBody>,
  ) {
    const request = { ...body, requestId: params.id } as RequestActionRequest;
    return this.rpc.call(workflowRequestAct, request, { caller });
  }
}
