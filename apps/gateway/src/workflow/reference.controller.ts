import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  workflowCalendarGet,
  workflowCalendarPut,
  workflowCatalogGet,
  workflowCatalogPublish,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { catalogQuery, yearParams } from './workflow-http.schema';

const tags = ['workflow'];
const publishBody = workflowCatalogPublish.request;
const calendarBody = workflowCalendarPut.request.omit({ year: true });

/** The 事项目录 and the working-day calendar: everyone reads them, only the admin changes them. */
@Controller('api/v1')
export class WorkflowReferenceController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('catalog')
  @ApiContract({
    summary: '审批事项目录（当前版本或指定版本）',
    tags,
    query: catalogQuery,
    response: workflowCatalogGet.response,
    errors: ['NOT_FOUND'],
  })
  catalog(@CurrentCaller() caller: Caller, @ZodQuery(catalogQuery) query: z.infer<typeof catalogQuery>) {
    return this.rpc.call(workflowCatalogGet, query, { caller });
  }

  @Post('catalog')
  @HttpCode(201)
  @Roles('admin')
  @AuditAction('catalog.publish', {
    objectType: 'catalog',
    responseIdField: 'version',
    detailFields: ['note'],
  })
  @ApiContract({
    summary: '发布新版事项目录',
    description: '已开始的事项继续使用其开始时的目录版本。',
    tags,
    body: publishBody,
    response: workflowCatalogPublish.response,
    status: 201,
    errors: ['FORBIDDEN'],
  })
  publish(@CurrentCaller() caller: Caller, @ZodBody(publishBody) body: z.infer<typeof publishBody>) {
    return this.rpc.call(workflowCatalogPublish, body, { caller });
  }

  @Get('calendar/:year')
  @ApiContract({
    summary: '某年的法定节假日与调休工作日',
    tags,
    params: yearParams,
    response: workflowCalendarGet.response,
    errors: ['NOT_FOUND'],
  })
  calendar(@CurrentCaller() caller: Caller, @ZodParams(yearParams) params: z.infer<typeof yearParams>) {
    return this.rpc.call(workflowCalendarGet, { year: params.year }, { caller });
  }

  @Put('calendar/:year')
  @Roles('admin')
  @AuditAction('calendar.put', { objectType: 'calendar_year', idParam: 'year', detailFields: ['source'] })
  @ApiContract({
    summary: '维护某年的工作日历（重算所有进行中的期限）',
    tags,
    params: yearParams,
    body: calendarBody,
    response: workflowCalendarPut.response,
    errors: ['FORBIDDEN'],
  })
  putCalendar(
    @CurrentCaller() caller: Caller,
    @ZodParams(yearParams) params: z.infer<typeof yearParams>,
    @ZodBody(calendarBody) body: z.infer<typeof calendarBody>,
  ) {
    return this.rpc.call(workflowCalendarPut, { ...body, year: params.year }, { caller });
  }
}
