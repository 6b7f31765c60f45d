import { Controller, Get, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CASE_LIST_PAGE_SIZE_MAX,
  CASE_STATES,
  caseViewSchema,
  idSchema,
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
  workflowLedgerExport,
  workflowLedgerList,
  workflowPlanGet,
  workflowSealRegisterList,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import {
  agreementBody,
  caseActionBody,
  idParams,
  ledgerQuery,
  sealRegisterQuery,
  type CaseActionBody,
} from './workflow-http.schema';

type Id = z.infer<typeof idParams>;
const tags = ['workflow'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266/5987: the Chinese file name for browsers that read it, an ASCII one for the rest. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** `?state=in_progress,suspended&agentId=…`: states travel comma-separated in the query string. */
export const caseListQuery = z.strictObject({
  state: z
    .string()
    .max(500)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(CASE_STATES)))
    .optional(),
  agentId: idSchema.optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(CASE_LIST_PAGE_SIZE_MAX).optional(),
});

/**
 * 代办件 routes. Reads carry no role list: the workflow answers 404 outside the caller's scope, which
 * is the same answer for a role that never sees cases. Actions name the roles of the case lifecycle.
 */
@Controller('api/v1')
export class CasesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects/:id/case')
  @HttpCode(201)
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('cases.open', { objectType: 'project' })
  @ApiContract({
    summary: '为未达门槛的项目申请代办',
    tags,
    params: idParams,
    response: workflowCaseOpen.response,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'DUPLICATE'],
  })
  open(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(workflowCaseOpen, { projectId: params.id }, { caller });
  }

  @Get('projects/:id/case')
  @ApiContract({
    summary: '项目的代办件',
    tags,
    params: idParams,
    response: workflowCaseGetByProject.response,
    errors: ['NOT_FOUND'],
  })
  byProject(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(workflowCaseGetByProject, { projectId: params.id }, { caller });
  }

  @Get('cases')
  @ApiContract({
    summary: '代办件列表（调用者范围内，按开启时间倒序）',
    description: 'state 以逗号分隔；agentId 为代办员用户 ID；每件附各灯色事项数。部门专办员请用事项清单。',
    tags,
    query: caseListQuery,
    response: workflowCaseList.response,
    errors: ['VALIDATION_FAILED'],
  })
  list(@CurrentCaller() caller: Caller, @ZodQuery(caseListQuery) query: z.infer<typeof caseListQuery>) {
    const request = workflowCaseList.request.parse({
      states: query.state,
      agentUserId: query.agentId,
      page: query.page,
      pageSize: query.pageSize,
    });
    return this.rpc.call(workflowCaseList, request, { caller });
  }

  @Get('cases/:id')
  @ApiContract({
    summary: '代办件详情（含调用者可见的事项）',
    tags,
    params: idParams,
    response: workflowCaseGet.response,
    errors: ['NOT_FOUND'],
  })
  get(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(workflowCaseGet, { caseId: params.id }, { caller });
  }

  @Post('cases/:id/agreement')
  @HttpCode(200)
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('cases.signAgreement', { objectType: 'case', detailFields: ['signedOn', 'coverage'] })
  @ApiContract({
    summary: '签订代办协议（按当前目录生成事项清单）',
    tags,
    params: idParams,
    body: agreementBody,
    response: workflowCaseSignAgreement.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'VERSION_CONFLICT'],
  })
  signAgreement(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(agreementBody) body: z.infer<typeof agreementBody>,
  ) {
    return this.rpc.call(workflowCaseSignAgreement, { ...body, caseId: params.id }, { caller });
  }

  @Post('cases/:id/actions')
  @HttpCode(200)
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('cases.act', { objectType: 'case', detailFields: ['action', 'agentUserId', 'rating'] })
  @ApiContract({
    summary: '代办件操作：指派代办员、暂停、恢复、终止、办结评价',
    description:
      'assign_agent（中心主任）、suspend/resume（代办员、中心主任）、terminate（企业、中心主任）、close（企业，评分 1–5）。',
    tags,
    params: idParams,
    body: caseActionBody,
    response: caseViewSchema,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'VERSION_CONFLICT', 'PRECONDITION_FAILED'],
  })
  act(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(caseActionBody) body: CaseActionBody,
  ) {
    const caseId = params.id;
    const opts = { caller };
    switch (body.action) {
      case 'assign_agent': {
        const { action: _a, ...rest } = body;
        return this.rpc.call(workflowCaseAssignAgent, { ...rest, caseId }, opts);
      }
      case 'suspend': {
        const { action: _a, ...rest } = body;
        return this.rpc.call(workflowCaseSuspend, { ...rest, caseId }, opts);
      }
      case 'resume': {
        const { action: _a, ...rest } = body;
        return this.rpc.call(workflowCaseResume, { ...rest, caseId }, opts);
      }
      case 'terminate': {
        const { action: _a, ...rest } = body;
        return this.rpc.call(workflowCaseTerminate, { ...rest, caseId }, opts);
      }
      case 'close': {
        const { action: _a, ...rest } = body;
        return this.rpc.call(workflowCaseClose, { ...rest, caseId }, opts);
      }
    }
  }

  @Get('cases/:id/ledger')
  @ApiContract({
    summary: '代办台账（按生效时间）；format=xlsx 下载 Excel',
    description: `format=xlsx 时返回 ${XLSX} 附件（Content-Disposition）。`,
    tags,
    params: idParams,
    query: ledgerQuery,
    response: workflowLedgerList.response,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  })
  async ledger(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodQuery(ledgerQuery) query: z.infer<typeof ledgerQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.format === 'json') return this.rpc.call(workflowLedgerList, { caseId: params.id }, { caller });
    const file = await this.rpc.call(workflowLedgerExport, { caseId: params.id }, { caller });
    void reply.header('Cache-Control', 'no-store');
    return new StreamableFile(Buffer.from(file.base64, 'base64'), {
      type: file.contentType,
      disposition: attachmentDisposition(file.filename),
    });
  }

  @Get('cases/:id/plan')
  @ApiContract({
    summary: '倒排工期计划与预测开工日',
    tags,
    params: idParams,
    response: workflowPlanGet.response,
    errors: ['NOT_FOUND'],
  })
  plan(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(workflowPlanGet, { caseId: params.id }, { caller });
  }

  @Get('parks/:id/seal-register')
  @ApiContract({
    summary: '园区 2号章 使用登记簿',
    tags,
    params: idParams,
    query: sealRegisterQuery,
    response: workflowSealRegisterList.response,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  })
  sealRegister(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodQuery(sealRegisterQuery) query: z.infer<typeof sealRegisterQuery>,
  ) {
    return this.rpc.call(workflowSealRegisterList, { ...query, parkId: params.id }, { caller });
  }
}
