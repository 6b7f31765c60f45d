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
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams } from './registry-http.schema';

@Controller('api/v1/enterprises')
export class EnterprisesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  register(
    @CurrentCaller() caller: Caller,
    @ZodBody(registerEnterpriseRequestSchema) body: z.infer<typeof registerEnterpriseRequestSchema>,
  ) {
    return this.rpc.call(registerEnterprise, body, { caller });
  }

  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @ZodQuery(listEnterprisesQuerySchema) query: z.infer<typeof listEnterprisesQuerySchema>,
  ) {
    return this.rpc.call(listEnterprises, query, { caller });
  }

  @Get(':id')
  get(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodQuery(emptyQuery) _q: unknown,
  ) {
    return this.rpc.call(getEnterprise, { enterpriseId: params.id }, { caller });
  }

  @Patch(':id')
  update(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: z.infer<typeof idParams>,
    @ZodBody(updateEnterpriseBodySchema) body: z.infer<typeof updateEnterpriseBodySchema>,
  ) {
    return this.rpc.call(updateEnterprise, { ...body, enterpriseId: params.id }, { caller });
  }

  /** 个人信息保护法: full phones only through this action, which the gateway's audit log records. */
  @Post(':id/contacts/reveal')
  @HttpCode(200)
  reveal(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: z.infer<typeof idParams>) {
    return this.rpc.call(revealEnterpriseContacts, { enterpriseId: params.id }, { caller });
  }
}
