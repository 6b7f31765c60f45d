import { Controller } from '@nestjs/common';
import {
  reportingQuarterly,
  type QuarterlyReport,
  type QuarterlyUnit,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { QuarterlyService } from './quarterly.service';

/**
 * Rows per list of each unit in an answer: city-wide at ten years the lists hold tens of thousands of
 * projects, past NATS's 1 MiB reply (bench B5); the cockpit shows counts, the xlsx export every row.
 */
export const QUARTERLY_LIST_LIMIT = 50;

@Controller()
export class QuarterlyHandler {
  constructor(private readonly service: QuarterlyService) {}

  @RpcHandler(reportingQuarterly)
  async report({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingQuarterly>>) {
    return this.service.report(caller, data.year, data.quarter, QUARTERLY_LIST_LIMIT);
  }
}

/**
 * The answer's cut applied to a whole report: what `QuarterlyService.report` with a list limit must equal (it
 * cuts in SQL instead, apps/reporting/test/reporting-quarterly.int-spec.ts compares the two).
 */
export function capLists(report: QuarterlyReport, limit: number): QuarterlyReport {
  const units = [...report.counties, ...report.parks];
  const long = units.some((u) =>
    [u.newStarts.projects, u.newProduction.projects, u.reservedMu.records, u.revitalizedMu.records].some(
      (list) => list.length > limit,
    ),
  );
  if (!long) return report;
  const cap = (unit: QuarterlyUnit): QuarterlyUnit => ({
    ...unit,
    newStarts: { ...unit.newStarts, projects: unit.newStarts.projects.slice(0, limit) },
    newProduction: { ...unit.newProduction, projects: unit.newProduction.projects.slice(0, limit) },
    reservedMu: { ...unit.reservedMu, records: unit.reservedMu.records.slice(0, limit) },
    revitalizedMu: { ...unit.revitalizedMu, records: unit.revitalizedMu.records.slice(0, limit) },
  });
  return { ...report, counties: report.counties.map(cap), parks: report.parks.map(cap), listLimit: limit };
}
