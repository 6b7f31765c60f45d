import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  getEnterprise,
  listEnterprises,
  listEnterprisesQuerySchema,
  registerEnterprise,
  registerEnterpriseRequestSchema,
  revealEnterpriseContacts,
  updateEnterprise,
  updateEnterpriseBodySchema,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams } from './registry-http.schema';
import { NotReplayable } from '../http/idempotency.interceptor';

const tags = ['registry'];

/** Department officers, auditors and the admin never read enterprises (registry README, access decisions). */
@Controller('api/v1/enterprises')
@Roles('enterprise', 'agent', 'center_director', 'leader')
export class EnterprisesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @Roles('agent', 'center_director')
  @AuditAction('enterprises.register', { objectType: 'enterprise' })
  @ApiContract({
    summary: '登记企业',
    tags,
    body: registerEnterpriseRequestSchema,
    response: registerEnterprise.response,
    status: 201,
    errors: ['FORBIDDEN', 'DUPLICATE'],
  })
  register(
    @CurrentCaller() caller: Caller,
    @ZodBody(registerEnterpriseRequestSchema) body: z.infer<typeof registerEnterpriseRequestSchema>,
  ) {
    return this.rpc.call(registerEnterprise, body, { caller });
  }

  @Get()
  @ApiContract({
    summary: '企业列表（按数据范围）',
    tags,
    query: listEnterprisesQuerySchema,
    response: listEnterprises.response,
    errors: ['FORBIDDEN'],
  })
  list(
    @CurrentCaller() caller: Caller,
    @ZodQuery(listEnterprisesQuerySchema) query: z.infer<typeof listEnterprisesQuerySchema>,
  ) {
    return this.rpc.call(listEnterprises, query, { caller });
  }

  @Get(':id')
  @ApiContract({
    summary: '企业详情（联系电话脱敏）',
    tags,
    params: idParams,
    query: emptyQuery,
    response: getEnterprise.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  get(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodQuery(emptyQuery) _q: unknown,
  ) {
    return this.rpc.call(getEnterprise, { enterpriseId: params.id }, { caller });
  }

  @Patch(':id')
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('enterprises.update', { objectType: 'enterprise' })
  @ApiContract({
    summary: '修改企业信息',
    description: '企业不能修改自己的统一社会信用代码。',
    tags,
    params: idParams,
    body: updateEnterpriseBodySchema,
    response: updateEnterprise.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VERSION_CONFLICT', 'DUPLICATE'],
  })
  update(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodBody(updateEnterpriseBodySchema) body: z.infer<typeof updateEnterpriseBodySchema>,
  ) {
    return this.rpc.call(updateEnterprise, { ...body, enterpriseId: params.id }, { caller });
  }

  /** 个人信息保护法: full phones only through this action, which the gateway's audit log records. */
  @Post(':id/contacts/reveal')
  @NotReplayable()
  @HttpCode(200)
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('enterprises.revealContacts', { objectType: 'enterprise' })
  @ApiContract({
    summary: '查看企业联系人完整电话（留痕）',
    tags,
    params: idParams,
    response: revealEnterpriseContacts.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  reveal(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: z.infer<typeof idParams>) {
    return this.rpc.call(revealEnterpriseContacts, { enterpriseId: params.id }, { caller });
  }
}
