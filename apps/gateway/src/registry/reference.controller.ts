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
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams, parksQuery } from './registry-http.schema';

/** Counties, parks and each park's land records: thin routes over the registry's contracts. */
@Controller('api/v1')
export class ReferenceController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('counties')
  counties(@CurrentCaller() caller: Caller, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(listCounties, {}, { caller });
  }

  @Get('parks')
  parks(@CurrentCaller() caller: Caller, @ZodQuery(parksQuery) query: z.infer<typeof parksQuery>) {
    return this.rpc.call(listParks, query, { caller });
  }

  @Post('parks')
  @HttpCode(201)
  createPark(
    @CurrentCaller() caller: Caller,
    @ZodBody(createParkRequestSchema) body: z.infer<typeof createParkRequestSchema>,
  ) {
    return this.rpc.call(createPark, body, { caller });
  }

  @Patch('parks/:id')
  updatePark(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodBody(updateParkBodySchema) body: z.infer<typeof updateParkBodySchema>,
  ) {
    return this.rpc.call(updatePark, { ...body, parkId: params.id }, { caller });
  }

  @Post('parks/:id/land-records')
  @HttpCode(201)
  recordLand(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodBody(recordLandBodySchema) body: z.infer<typeof recordLandBodySchema>,
  ) {
    return this.rpc.call(recordLand, { ...body, parkId: params.id }, { caller });
  }

  @Get('parks/:id/land-records')
  landRecords(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodQuery(listLandQuerySchema) query: z.infer<typeof listLandQuerySchema>,
  ) {
    return this.rpc.call(listLand, { ...query, parkId: params.id }, { caller });
  }
}
