import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import {
  reportingAgents,
  reportingBriefing,
  reportingDepartments,
  reportingInvestment,
  reportingOverdue,
  reportingOverview,
  reportingParkEvaluation,
  reportingQuarterly,
  type Caller,
  type ExportFormat,
  type RpcDefinition,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { Roles } from '../auth/auth.decorators';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodQuery } from '../http/zod-http';
import { narrowToCounty } from './county-view.util';
import { ReportContract } from './report-contract.decorator';
import { ReportExportService, type ExportRequest } from './report-export.service';
import {
  briefingQuery,
  departmentsQuery,
  formatOnlyQuery,
  overdueQuery,
  quarterQuery,
  yearQuery,
} from './reporting-http.schema';

const tags = ['reporting'];
const errors = ['FORBIDDEN' as const];

/**
 * The reports, each as JSON or (`?format=`) as a file. The reporting service narrows every answer to the
 * caller's scope; the role list here only turns away those who read no reports at all (enterprises,
 * auditors, and the admin under 三权分立) before any work is done. `countyCode` narrows a city-wide reader's
 * scope to one county for every report but the overdue list (which filters by it) and the briefing (whose
 * subject it is).
 */
@Controller('api/v1/reports')
@Roles('leader', 'center_director', 'agent', 'department_officer')
export class ReportsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly files: ReportExportService,
  ) {}

  /** The JSON report, or the same parameters rendered by the reporting service as a file. */
  private answer<D extends RpcDefinition>(
    caller: Caller,
    def: D,
    params: RpcRequest<D>,
    format: ExportFormat | undefined,
    report: ExportRequest['report'],
  ) {
    if (!format) return this.rpc.call(def, params, { caller });
    return this.files.export(caller, { report, format, params } as ExportRequest);
  }

  @Get('overview')
  @ReportContract({
    summary: '领导驾驶舱总览',
    tags,
    query: formatOnlyQuery,
    response: reportingOverview.response,
    errors,
  })
  overview(@CurrentCaller() caller: Caller, @ZodQuery(formatOnlyQuery) q: z.infer<typeof formatOnlyQuery>) {
    return this.answer(narrowToCounty(caller, q.countyCode), reportingOverview, {}, q.format, 'overview');
  }

  @Get('overdue')
  @ReportContract({
    summary: '超期与黄灯事项',
    description: '导出时忽略分页，最多 50,000 行。',
    tags,
    query: overdueQuery,
    response: reportingOverdue.response,
    errors,
  })
  overdue(@CurrentCaller() caller: Caller, @ZodQuery(overdueQuery) q: z.infer<typeof overdueQuery>) {
    const { format, page, pageSize, ...filters } = q;
    if (format) return this.files.export(caller, { report: 'overdue', format, params: filters });
    return this.rpc.call(reportingOverdue, { ...filters, page, pageSize }, { caller });
  }

  @Get('departments')
  @ReportContract({
    summary: '部门办理情况',
    tags,
    query: departmentsQuery,
    response: reportingDepartments.response,
    errors,
  })
  departments(
    @CurrentCaller() caller: Caller,
    @ZodQuery(departmentsQuery) { format, countyCode, ...params }: z.infer<typeof departmentsQuery>,
  ) {
    return this.answer(
      narrowToCounty(caller, countyCode),
      reportingDepartments,
      params,
      format,
      'departments',
    );
  }

  @Get('agents')
  @ReportContract({
    summary: '代办员工作量与评价',
    tags,
    query: formatOnlyQuery,
    response: reportingAgents.response,
    errors,
  })
  agents(@CurrentCaller() caller: Caller, @ZodQuery(formatOnlyQuery) q: z.infer<typeof formatOnlyQuery>) {
    return this.answer(narrowToCounty(caller, q.countyCode), reportingAgents, {}, q.format, 'agents');
  }

  @Get('quarterly')
  @ReportContract({
    summary: '季度新开工、新投产、新收储、新盘活',
    tags,
    query: quarterQuery,
    response: reportingQuarterly.response,
    errors,
  })
  quarterly(
    @CurrentCaller() caller: Caller,
    @ZodQuery(quarterQuery) { format, countyCode, ...params }: z.infer<typeof quarterQuery>,
  ) {
    return this.answer(narrowToCounty(caller, countyCode), reportingQuarterly, params, format, 'quarterly');
  }

  @Get('park-evaluation')
  @ReportContract({
    summary: '园区年度评价',
    description: '权重取当年目标中的设置。',
    tags,
    query: yearQuery,
    response: reportingParkEvaluation.response,
    errors,
  })
  parkEvaluation(
    @CurrentCaller() caller: Caller,
    @ZodQuery(yearQuery) { format, countyCode, ...params }: z.infer<typeof yearQuery>,
  ) {
    const scoped = narrowToCounty(caller, countyCode);
    return this.answer(scoped, reportingParkEvaluation, params, format, 'parkEvaluation');
  }

  @Get('investment')
  @ReportContract({
    summary: '招商签约项目（按投资档次）',
    tags,
    query: yearQuery,
    response: reportingInvestment.response,
    errors,
  })
  investment(
    @CurrentCaller() caller: Caller,
    @ZodQuery(yearQuery) { format, countyCode, ...params }: z.infer<typeof yearQuery>,
  ) {
    return this.answer(narrowToCounty(caller, countyCode), reportingInvestment, params, format, 'investment');
  }

  @Get('briefing')
  @ReportContract({
    summary: '季度现场会材料',
    tags,
    query: briefingQuery,
    response: reportingBriefing.response,
    errors,
  })
  briefing(
    @CurrentCaller() caller: Caller,
    @ZodQuery(briefingQuery) { format, ...params }: z.infer<typeof briefingQuery>,
  ) {
    return this.answer(caller, reportingBriefing, params, format, 'briefing');
  }
}
