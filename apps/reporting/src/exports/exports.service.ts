import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import {
  DomainError,
  EXPORT_CHUNK_BYTES,
  type Caller,
  type ExportFile,
  type RpcRequest,
  type reportingExport,
} from '@daiban/contracts';
import { requireReportReader } from '../common/report-access.util';
import { FILE_TITLES, HEADERS, MSG } from '../common/reporting-messages.constant';
import { AgentsService } from '../agents/agents.service';
import { BriefingService } from '../briefing/briefing.service';
import { DepartmentsService } from '../departments/departments.service';
import { InvestmentService } from '../investment/investment.service';
import { OverdueService } from '../overdue/overdue.service';
import { OverviewService } from '../overview/overview.service';
import { ParkEvaluationService } from '../park-evaluation/park-evaluation.service';
import { QuarterlyService } from '../quarterly/quarterly.service';
import {
  agentSections,
  briefingSections,
  departmentSections,
  investmentSections,
  overdueSections,
  overviewSections,
  parkEvaluationSections,
  quarterlySections,
} from './report-sections.util';
import { toCsv, toXlsx, type Section } from './tabular.util';

type ExportRequest = RpcRequest<typeof reportingExport>;

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Stored chunked exports live this long: enough for the gateway to fetch the rest right away. */
export const EXPORT_RETENTION_MS = 15 * 60 * 1000;

/**
 * Every report as .xlsx or .csv, built from the same service call as the JSON answer (so the same scope
 * filter applies). A file that fits one request-reply message comes back whole; a larger one is stored and
 * fetched chunk by chunk (see EXPORT_CHUNK_BYTES).
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly overview: OverviewService,
    private readonly overdue: OverdueService,
    private readonly departments: DepartmentsService,
    private readonly agents: AgentsService,
    private readonly quarterly: QuarterlyService,
    private readonly evaluation: ParkEvaluationService,
    private readonly investment: InvestmentService,
    private readonly briefing: BriefingService,
  ) {}

  async create(callerOrNull: Caller | null, request: ExportRequest): Promise<ExportFile> {
    const caller = requireReportReader(callerOrNull);
    const { sections, stem } = await this.sections(caller, request);
    const labels = { yes: HEADERS.yes, no: HEADERS.no };
    const content = request.format === 'xlsx' ? await toXlsx(sections, labels) : toCsv(sections, labels);
    const file = {
      filename: `${stem}.${request.format}`,
      contentType: CONTENT_TYPES[request.format],
      byteLength: content.length,
      chunkCount: Math.max(1, Math.ceil(content.length / EXPORT_CHUNK_BYTES)),
    };
    if (file.chunkCount === 1) return { ...file, exportId: null, base64: content.toString('base64') };
    const exportId = randomUUID();
    const now = this.clock.now();
    await this.db.query(`DELETE FROM report_exports WHERE created_at < $1`, [
      new Date(now.getTime() - EXPORT_RETENTION_MS),
    ]);
    await this.db.query(
      `INSERT INTO report_exports (export_id, user_id, filename, content_type, content, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [exportId, caller.userId, file.filename, file.contentType, content, now],
    );
    return { ...file, exportId, base64: content.subarray(0, EXPORT_CHUNK_BYTES).toString('base64') };
  }

  async chunk(callerOrNull: Caller | null, exportId: string, index: number) {
    const caller = requireReportReader(callerOrNull);
    const cutoff = new Date(this.clock.now().getTime() - EXPORT_RETENTION_MS);
    // Another user's export id does not exist for this caller.
    const rows: Array<{ part: Buffer }> = await this.db.query(
      `SELECT substring(content FROM $3::int FOR $4::int) AS part FROM report_exports
       WHERE export_id = $1 AND user_id = $2 AND created_at >= $5 AND length(content) > $3::int - 1`,
      [exportId, caller.userId, index * EXPORT_CHUNK_BYTES + 1, EXPORT_CHUNK_BYTES, cutoff],
    );
    if (!rows.length || rows[0].part.length === 0) throw new DomainError('NOT_FOUND', MSG.exportNotFound);
    return { index, base64: rows[0].part.toString('base64') };
  }

  private async sections(caller: Caller, r: ExportRequest): Promise<{ sections: Section[]; stem: string }> {
    switch (r.report) {
      case 'overview':
        return {
          sections: overviewSections(await this.overview.overview(caller)),
          stem: FILE_TITLES.overview,
        };
      case 'overdue':
        return {
          sections: overdueSections(await this.overdue.all(caller, r.params)),
          stem: FILE_TITLES.overdue,
        };
      case 'departments': {
        const report = await this.departments.report(caller, r.params.year);
        const suffix = r.params.year ? `-${r.params.year}` : '';
        return { sections: departmentSections(report.rows), stem: `${FILE_TITLES.departments}${suffix}` };
      }
      case 'agents':
        return { sections: agentSections((await this.agents.report(caller)).rows), stem: FILE_TITLES.agents };
      case 'quarterly':
        return {
          sections: quarterlySections(await this.quarterly.report(caller, r.params.year, r.params.quarter)),
          stem: `${FILE_TITLES.quarterly}-${r.params.year}Q${r.params.quarter}`,
        };
      case 'parkEvaluation':
        return {
          sections: parkEvaluationSections(
            (await this.evaluation.report(caller, r.params.year, r.params.weights)).rows,
          ),
          stem: `${FILE_TITLES.parkEvaluation}-${r.params.year}`,
        };
      case 'investment':
        return {
          sections: investmentSections(await this.investment.report(caller, r.params.year)),
          stem: `${FILE_TITLES.investment}-${r.params.year}`,
        };
      case 'briefing': {
        const { year, quarter, countyCode } = r.params;
        return {
          sections: briefingSections(await this.briefing.report(caller, year, quarter, countyCode)),
          stem: `${FILE_TITLES.briefing}-${year}Q${quarter}${countyCode ? `-${countyCode}` : ''}`,
        };
      }
    }
  }
}
