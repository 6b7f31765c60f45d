import { Controller, Get, Put } from '@nestjs/common';
import type { z } from 'zod';
import { reportingTargetsGet, reportingTargetsPut, type Caller } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, targetsPutBody, yearParams } from './reporting-http.schema';

type Year = z.infer<typeof yearParams>;
const tags = ['reporting'];

/** Annual targets: the admin sets them; report readers see them next to the numbers they judge. */
@Controller('api/v1/targets')
export class TargetsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':year')
  @Roles('admin', 'leader', 'center_director', 'agent', 'department_officer')
  @ApiContract({
    summary: '年度目标',
    tags,
    params: yearParams,
    query: emptyQuery,
    response: reportingTargetsGet.response,
    errors: ['FORBIDDEN'],
  })
  get(@CurrentCaller() caller: Caller, @ZodParams(yearParams) p: Year, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(reportingTargetsGet, { year: p.year }, { caller });
  }

  @Put(':year')
  @Roles('admin')
  @AuditAction('targets.put', { objectType: 'report_targets', idParam: 'year' })
  @ApiContract({
    summary: '设置年度目标',
    description: '`expectedVersion` 为读取时的版本（默认目标为 0），版本不符返回 409。',
    tags,
    params: yearParams,
    body: targetsPutBody,
    response: reportingTargetsPut.response,
    errors: ['FORBIDDEN', 'VERSION_CONFLICT'],
  })
  put(
    @CurrentCaller() caller: Caller,
    @ZodParams(yearParams) p: Year,
    @ZodBody(targetsPutBody) body: z.infer<typeof targetsPutBody>,
  ) {
    return this.rpc.call(reportingTargetsPut, { year: p.year, ...body }, { caller });
  }
}
