import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  ITEM_LIST_PAGE_SIZE_MAX,
  ITEM_STATES,
  LIGHTS,
  itemListRequestSchema,
  workflowItemAct,
  workflowItemGet,
  workflowItemList,
  type Caller,
  type ItemActionRequest,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { idParams, itemActionBody, type ItemActionBody } from './workflow-http.schema';

type Id = z.infer<typeof idParams>;
const tags = ['workflow'];

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
/** `?states=accepted,submitted`: lists travel comma-separated in the query string. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** The contract's request, with what a query string can carry: text flags, comma lists, numeric text. */
export const itemListQuery = itemListRequestSchema.extend({
  mine: flag.optional(),
  openOnly: flag.optional(),
  states: csvOf(ITEM_STATES).optional(),
  lights: csvOf(LIGHTS).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(ITEM_LIST_PAGE_SIZE_MAX).optional(),
});

@Controller('api/v1/items')
export class ItemsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiContract({
    summary: '事项工作清单（按紧急程度：红灯、黄灯、剩余工作日）',
    description: 'mine=true：代办员本人负责的代办件；states、lights 以逗号分隔；默认只列未办结事项。',
    tags,
    query: itemListQuery,
    response: workflowItemList.response,
    errors: ['VALIDATION_FAILED'],
  })
  list(@CurrentCaller() caller: Caller, @ZodQuery(itemListQuery) query: z.infer<typeof itemListQuery>) {
    return this.rpc.call(workflowItemList, workflowItemList.request.parse(query), { caller });
  }

  @Get(':id')
  @ApiContract({
    summary: '审批事项详情（期限、亮灯、时钟）',
    tags,
    params: idParams,
    response: workflowItemGet.response,
    errors: ['NOT_FOUND'],
  })
  get(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(workflowItemGet, { itemId: params.id }, { caller });
  }

  /**
   * Which role may take which action in which state is the workflow's table (item-state-machine.ts);
   * these are the roles it names at all (the director only waives).
   */
  @Post(':id/actions')
  @HttpCode(200)
  @Roles('agent', 'department_officer', 'center_director')
  @AuditAction('items.act', { objectType: 'item', detailFields: ['action', 'at', 'issuedVia'] })
  @ApiContract({
    summary: '事项操作（受理、补正、特别程序、延期、办结…）',
    description: 'at：生效时间（仅代办员、管理员可补录过去的时间）；expectedVersion：乐观锁。',
    tags,
    params: idParams,
    body: itemActionBody,
    response: workflowItemAct.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION', 'VERSION_CONFLICT', 'PRECONDITION_FAILED'],
  })
  act(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(itemActionBody) body: ItemActionBody,
  ) {
    return this.rpc.call(workflowItemAct, { ...body, itemId: params.id } as ItemActionRequest, { caller });
  }
}
