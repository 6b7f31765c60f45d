import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import {
  actOnSupervisionOrder,
  createSupervisionOrder,
  getSupervisionOrder,
  listSupervisionOrders,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import {
  emptyQuery,
  supervisionActionBody,
  supervisionListQuery,
  uuidParams,
} from './notifications-http.schema';

const createBody = createSupervisionOrder.request;

/** 督办单: the notifications service filters by scope (404 outside it) and checks who may do what. */
@Controller('api/v1/supervision-orders')
@Roles('admin', 'center_director', 'agent', 'department_officer', 'leader')
export class SupervisionOrdersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiContract({
    summary: '督办单列表',
    tags: ['supervision-orders'],
    query: supervisionListQuery,
    response: listSupervisionOrders.response,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'FORBIDDEN'],
  })
  list(
    @CurrentCaller() caller: Caller,
    @ZodQuery(supervisionListQuery) query: z.infer<typeof supervisionListQuery>,
  ) {
    return this.rpc.call(
      listSupervisionOrders,
      { status: query.status, limit: query.limit ?? 20, offset: query.offset ?? 0 },
      { caller },
    );
  }

  @Get(':id')
  @ApiContract({
    summary: '督办单详情',
    tags: ['supervision-orders'],
    params: uuidParams,
    query: emptyQuery,
    response: getSupervisionOrder.response,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
  })
  get(
    @CurrentCaller() caller: Caller,
    @ZodParams(uuidParams) params: z.infer<typeof uuidParams>,
    @ZodQuery(emptyQuery) _q: unknown,
  ) {
    return this.rpc.call(getSupervisionOrder, { id: params.id }, { caller });
  }

  @Post()
  @HttpCode(201)
  @Roles('admin', 'center_director', 'leader')
  @AuditAction('supervision_orders.issue', { objectType: 'supervision_order' })
  @ApiContract({
    summary: '发出督办单',
    tags: ['supervision-orders'],
    body: createBody,
    response: createSupervisionOrder.response,
    status: 201,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'NOT_FOUND', 'FORBIDDEN'],
  })
  create(@CurrentCaller() caller: Caller, @ZodBody(createBody) body: z.infer<typeof createBody>) {
    return this.rpc.call(createSupervisionOrder, body, { caller });
  }

  @Post(':id/actions')
  @HttpCode(200)
  @Roles('admin', 'center_director', 'department_officer', 'leader')
  @AuditAction('supervision_orders.act', { objectType: 'supervision_order', detailFields: ['action'] })
  @ApiContract({
    summary: '督办单签收、反馈、复核、办结',
    tags: ['supervision-orders'],
    params: uuidParams,
    body: supervisionActionBody,
    response: actOnSupervisionOrder.response,
    errors: [
      'VALIDATION_FAILED',
      'UNKNOWN_FIELD',
      'NOT_FOUND',
      'FORBIDDEN',
      'ILLEGAL_TRANSITION',
      'VERSION_CONFLICT',
    ],
  })
  act(
    @CurrentCaller() caller: Caller,
    @ZodParams(uuidParams) params: z.infer<typeof uuidParams>,
    @ZodBody(supervisionActionBody) body: z.infer<typeof supervisionActionBody>,
  ) {
    return this.rpc.call(actOnSupervisionOrder, { ...body, id: params.id }, { caller });
  }
}
