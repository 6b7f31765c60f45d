import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  createPark,
  createParkRequestSchema,
  listCounties,
  listLand,
  listLandQuerySchema,
  listParks,
  recordLand,
  recordLandBodySchema,
  updatePark,
  updateParkBodySchema,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams, parksQuery } from './registry-http.schema';

const tags = ['registry'];

/** Counties, parks and each park's land records: thin routes over the registry's contracts. */
@Controller('api/v1')
export class ReferenceController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('counties')
  @ApiContract({
    summary: '区县列表',
    tags,
    query: emptyQuery,
    response: listCounties.response,
    errors: [],
  })
  counties(@CurrentCaller() caller: Caller, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(listCounties, {}, { caller });
  }

  @Get('parks')
  @ApiContract({
    summary: '园区列表',
    description: '停用的园区只有管理员可以通过 includeInactive=true 看到。',
    tags,
    query: parksQuery,
    response: listParks.response,
    errors: [],
  })
  parks(@CurrentCaller() caller: Caller, @ZodQuery(parksQuery) query: z.infer<typeof parksQuery>) {
    return this.rpc.call(listParks, query, { caller });
  }

  @Post('parks')
  @HttpCode(201)
  @Roles('admin')
  @AuditAction('parks.create', { objectType: 'park' })
  @ApiContract({
    summary: '新增园区',
    tags,
    body: createParkRequestSchema,
    response: createPark.response,
    status: 201,
    errors: ['FORBIDDEN', 'DUPLICATE'],
  })
  createPark(
    @CurrentCaller() caller: Caller,
    @ZodBody(createParkRequestSchema) body: z.infer<typeof createParkRequestSchema>,
  ) {
    return this.rpc.call(createPark, body, { caller });
  }

  @Patch('parks/:id')
  @Roles('admin')
  @AuditAction('parks.update', { objectType: 'park' })
  @ApiContract({
    summary: '修改园区（改名、级别、停用）',
    tags,
    params: idParams,
    body: updateParkBodySchema,
    response: updatePark.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VERSION_CONFLICT'],
  })
  updatePark(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodBody(updateParkBodySchema) body: z.infer<typeof updateParkBodySchema>,
  ) {
    return this.rpc.call(updatePark, { ...body, parkId: params.id }, { caller });
  }

  @Post('parks/:id/land-records')
  @HttpCode(201)
  @Roles('agent', 'center_director')
  @AuditAction('land.record', { objectType: 'park' })
  @ApiContract({
    summary: '登记新收储/新盘活土地',
    tags,
    params: idParams,
    body: recordLandBodySchema,
    response: recordLand.response,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  recordLand(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodBody(recordLandBodySchema) body: z.infer<typeof recordLandBodySchema>,
  ) {
    return this.rpc.call(recordLand, { ...body, parkId: params.id }, { caller });
  }

  @Get('parks/:id/land-records')
  @Roles('agent', 'center_director', 'leader')
  @ApiContract({
    summary: '园区土地收储/盘活记录',
    tags,
    params: idParams,
    query: listLandQuerySchema,
    response: listLand.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  landRecords(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodQuery(listLandQuerySchema) query: z.infer<typeof listLandQuerySchema>,
  ) {
    return this.rpc.call(listLand, { ...query, parkId: params.id }, { caller });
  }
}
