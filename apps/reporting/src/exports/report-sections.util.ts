import type {
  AgentRow,
  Briefing,
  DepartmentRow,
  InvestmentReport,
  OpenRequestRow,
  OpenSupervisionOrderRow,
  Overview,
  OverdueRow,
  ParkEvaluationRow,
  QuarterMeasure,
  QuarterlyReport,
  ReportLandRow,
  ReportProjectRow,
} from '@daiban/contracts';
import {
  CLOCK_LABELS,
  DIMENSION_LABELS,
  HEADERS as H,
  ITEM_STATE_LABELS,
  LAND_KIND_LABELS,
  LIGHT_LABELS,
  MEASURE_LABELS,
  REQUEST_STATE_LABELS,
  SHEETS,
  SUPERVISION_STATE_LABELS,
  TIER_LABELS,
  countyName,
  departmentName,
} from '../common/reporting-messages.constant';
import type { Column, Section } from './tabular.util';

const label = (labels: Readonly<Record<string, string>>, key: string | null | undefined) =>
  key == null ? null : (labels[key] ?? key);

export function overviewSections(o: Overview): Section[] {
  const dims = [
    ...o.projects.byStatus.map((b) => ({ ...b, dim: DIMENSION_LABELS.status })),
    ...o.projects.byChain.map((b) => ({ ...b, dim: DIMENSION_LABELS.chain })),
    ...o.projects.byCounty.map((b) => ({ ...b, dim: DIMENSION_LABELS.county })),
    ...o.projects.byPark.map((b) => ({ ...b, dim: DIMENSION_LABELS.park })),
    {
      dim: DIMENSION_LABELS.total,
      label: DIMENSION_LABELS.total,
      count: o.projects.total,
      investmentWan: o.projects.investmentWan,
    },
  ];
  return [
    {
      sheet: SHEETS.overviewProjects,
      columns: [
        { header: H.dimension, key: 'dim' },
        { header: H.name, key: 'label', width: 30 },
        { header: H.count, key: 'count', kind: 'int' },
        { header: H.investmentWan, key: 'investmentWan', kind: 'wan', width: 20 },
      ],
      rows: dims,
    },
    {
      sheet: SHEETS.overviewCases,
      columns: [
        { header: H.state, key: 'label' },
        { header: H.count, key: 'count', kind: 'int' },
      ],
      rows: o.cases.byState,
    },
    {
      sheet: SHEETS.overviewItems,
      columns: [
        { header: H.measure, key: 'label', width: 24 },
        { header: H.count, key: 'value', kind: 'decimal' },
      ],
      rows: [
        { label: LIGHT_LABELS.green, value: o.items.byLight.green },
        { label: LIGHT_LABELS.yellow, value: o.items.byLight.yellow },
        { label: LIGHT_LABELS.red, value: o.items.byLight.red },
        { label: DIMENSION_LABELS.decided, value: o.items.decided },
        { label: DIMENSION_LABELS.decidedOnTime, value: o.items.decidedOnTime },
        { label: DIMENSION_LABELS.onTimeRate, value: o.items.onTimeRate },
        { label: DIMENSION_LABELS.thisQuarterNewStarts, value: o.thisQuarter.newStarts },
        { label: DIMENSION_LABELS.thisQuarterNewProduction, value: o.thisQuarter.newProduction },
      ],
    },
  ];
}

const OVERDUE_COLUMNS: Column[] = [
  { header: H.project, key: 'projectName', width: 30 },
  { header: H.projectCode, key: 'projectCode', width: 28 },
  { header: H.county, key: 'countyName' },
  { header: H.park, key: 'parkName', width: 26 },
  { header: H.item, key: 'catalogCode', width: 24 },
  { header: H.department, key: 'departmentName', width: 20 },
  { header: H.agent, key: 'agentName', width: 12 },
  { header: H.agentUserId, key: 'agentUserId', width: 16 },
  { header: H.state, key: 'stateLabel' },
  { header: H.clock, key: 'clockLabel', width: 18 },
  { header: H.dueDate, key: 'dueDate', kind: 'date', width: 12 },
  { header: H.light, key: 'lightLabel' },
  { header: H.workingDaysOverdue, key: 'workingDaysOverdue', kind: 'int' },
  { header: H.major, key: 'major', kind: 'bool' },
  { header: H.supervision, key: 'supervisionLabel' },
];

/** Rows from reporting's own services carry the agent's display name; a row without one shows the id only. */
type WithAgentName<T> = T & { agentName?: string | null };

function overdueRows(rows: readonly WithAgentName<OverdueRow>[]) {
  return rows.map((r) => ({
    ...r,
    agentName: r.agentName ?? null,
    countyName: countyName(r.countyCode),
    departmentName: departmentName(r.departmentCode),
    stateLabel: label(ITEM_STATE_LABELS, r.state),
    clockLabel: label(CLOCK_LABELS, r.clock),
    lightLabel: label(LIGHT_LABELS, r.light),
    supervisionLabel: label(SUPERVISION_STATE_LABELS, r.supervisionOrder?.state),
  }));
}

export function overdueSections(
  rows: readonly WithAgentName<OverdueRow>[],
  sheet: string = SHEETS.overdue,
): Section[] {
  return [{ sheet, columns: OVERDUE_COLUMNS, rows: overdueRows(rows) }];
}

export function departmentSections(rows: readonly DepartmentRow[]): Section[] {
  return [
    {
      sheet: SHEETS.departments,
      columns: [
        { header: H.department, key: 'departmentName', width: 22 },
        { header: H.handled, key: 'handled', kind: 'int' },
        { header: H.onTime, key: 'decidedOnTime', kind: 'int' },
        { header: H.onTimeRate, key: 'onTimeRate', kind: 'percent' },
        { header: H.avgWorkingDays, key: 'avgWorkingDaysToDecision', kind: 'decimal' },
        { header: H.correctionRounds, key: 'correctionRoundsPerItem', kind: 'decimal' },
        { header: H.currentOverdue, key: 'currentOverdue', kind: 'int' },
        { header: H.currentYellow, key: 'currentYellow', kind: 'int' },
      ],
      rows: [...rows],
    },
  ];
}

export function agentSections(rows: readonly WithAgentName<AgentRow>[]): Section[] {
  return [
    {
      sheet: SHEETS.agents,
      columns: [
        { header: H.agent, key: 'agentName', width: 12 },
        { header: H.agentUserId, key: 'agentUserId', width: 20 },
        { header: H.openCases, key: 'openCases', kind: 'int' },
        { header: H.closedCases, key: 'closedCases', kind: 'int' },
        { header: H.openItems, key: 'openItems', kind: 'int' },
        { header: H.overdueItems, key: 'overdueItems', kind: 'int' },
        { header: H.yellowItems, key: 'yellowItems', kind: 'int' },
        { header: H.ratingCount, key: 'ratingCount', kind: 'int' },
        { header: H.averageRating, key: 'averageRating', kind: 'decimal' },
      ],
      rows: rows.map((r) => ({ ...r, agentName: r.agentName ?? null })),
    },
  ];
}

const MEASURE_COLUMNS = (unit: 'county' | 'park'): Column[] => [
  { header: H.county, key: 'countyName' },
  ...(unit === 'park' ? [{ header: H.park, key: 'parkName', width: 30 }] : []),
  { header: H.measure, key: 'measure', width: 16 },
  { header: H.quarterValue, key: 'quarter', kind: 'decimal' },
  { header: H.yearToDate, key: 'yearToDate', kind: 'decimal' },
  { header: H.annualTarget, key: 'annualTarget', kind: 'decimal' },
  { header: H.completion, key: 'completionPercent', kind: 'percent' },
  { header: H.expected, key: 'expectedPercent', kind: 'percent' },
  { header: H.behind, key: 'behindPoints', kind: 'decimal' },
  { header: H.light, key: 'lightLabel' },
];

function measureRows(
  unit: { countyName: string; parkName?: string | null },
  measures: Record<keyof typeof MEASURE_LABELS, QuarterMeasure>,
) {
  return (Object.keys(MEASURE_LABELS) as Array<keyof typeof MEASURE_LABELS>).map((key) => ({
    countyName: unit.countyName,
    parkName: unit.parkName ?? null,
    measure: MEASURE_LABELS[key],
    ...measures[key],
    lightLabel: label(LIGHT_LABELS, measures[key].light),
  }));
}

const PROJECT_COLUMNS: Column[] = [
  { header: H.county, key: 'countyName' },
  { header: H.park, key: 'parkName', width: 30 },
  { header: H.project, key: 'name', width: 32 },
  { header: H.projectCode, key: 'projectCode', width: 28 },
  { header: H.chain, key: 'industryChain', width: 18 },
  { header: H.totalInvestmentWan, key: 'totalInvestmentWan', kind: 'wan', width: 18 },
  { header: H.date, key: 'date', kind: 'date', width: 12 },
  { header: H.inQuarter, key: 'inQuarter', kind: 'bool' },
];

const LAND_COLUMNS: Column[] = [
  { header: H.county, key: 'countyName' },
  { header: H.park, key: 'parkName', width: 30 },
  { header: H.kind, key: 'kindLabel' },
  { header: H.areaMu, key: 'areaMu', kind: 'mu', width: 14 },
  { header: H.date, key: 'date', kind: 'date', width: 12 },
  { header: H.inQuarter, key: 'inQuarter', kind: 'bool' },
];

const projectRows = (rows: readonly ReportProjectRow[]) =>
  rows.map((r) => ({ ...r, countyName: countyName(r.countyCode) }));
const landRows = (rows: readonly ReportLandRow[]) =>
  rows.map((r) => ({ ...r, countyName: countyName(r.countyCode), kindLabel: LAND_KIND_LABELS[r.kind] }));

export function quarterlySections(r: QuarterlyReport): Section[] {
  const byCounty = r.counties;
  return [
    {
      sheet: SHEETS.quarterlyCounties,
      columns: MEASURE_COLUMNS('county'),
      rows: byCounty.flatMap((u) => measureRows(u, u)),
    },
    {
      sheet: SHEETS.quarterlyParks,
      columns: MEASURE_COLUMNS('park'),
      rows: r.parks.flatMap((u) => measureRows(u, u)),
    },
    {
      sheet: SHEETS.newStarts,
      columns: PROJECT_COLUMNS,
      rows: projectRows(byCounty.flatMap((u) => u.newStarts.projects)),
    },
    {
      sheet: SHEETS.newProduction,
      columns: PROJECT_COLUMNS,
      rows: projectRows(byCounty.flatMap((u) => u.newProduction.projects)),
    },
    {
      sheet: SHEETS.reserved,
      columns: LAND_COLUMNS,
      rows: landRows(byCounty.flatMap((u) => u.reservedMu.records)),
    },
    {
      sheet: SHEETS.revitalized,
      columns: LAND_COLUMNS,
      rows: landRows(byCounty.flatMap((u) => u.revitalizedMu.records)),
    },
  ];
}

export function parkEvaluationSections(rows: readonly ParkEvaluationRow[]): Section[] {
  return [
    {
      sheet: SHEETS.parkEvaluation,
      columns: [
        { header: H.rank, key: 'rank', kind: 'int' },
        { header: H.park, key: 'parkName', width: 30 },
        { header: H.county, key: 'countyName' },
        { header: H.newStarts, key: 'newStarts', kind: 'int' },
        { header: H.newProduction, key: 'newProduction', kind: 'int' },
        { header: H.reservedMu, key: 'reservedMu', kind: 'mu' },
        { header: H.revitalizedMu, key: 'revitalizedMu', kind: 'mu' },
        { header: H.onTimeRate, key: 'onTimeRate', kind: 'percent' },
        { header: H.score, key: 'score', kind: 'decimal' },
      ],
      rows: [...rows],
    },
  ];
}

export function investmentSections(r: InvestmentReport): Section[] {
  const tierColumns: Column[] = Object.keys(TIER_LABELS).map((tier) => ({
    header: TIER_LABELS[tier],
    key: tier,
    kind: 'int',
  }));
  return [
    {
      sheet: SHEETS.investmentTiers,
      columns: [
        { header: H.tier, key: 'label', width: 18 },
        { header: H.target, key: 'target', kind: 'int' },
        { header: H.actual, key: 'actual', kind: 'int' },
        { header: H.completion, key: 'completionPercent', kind: 'percent' },
      ],
      rows: r.tiers,
    },
    {
      sheet: SHEETS.investmentCounties,
      columns: [
        { header: H.county, key: 'countyName' },
        ...tierColumns,
        { header: H.investmentWan, key: 'investmentWan', kind: 'wan', width: 18 },
      ],
      rows: r.byCounty.map((c) => ({ ...c, ...c.counts })),
    },
    {
      sheet: SHEETS.investmentChains,
      columns: [
        { header: H.chain, key: 'industryChain', width: 20 },
        ...tierColumns,
        { header: H.investmentWan, key: 'investmentWan', kind: 'wan', width: 18 },
      ],
      rows: r.byChain.map((c) => ({ ...c, ...c.counts })),
    },
    {
      sheet: SHEETS.investmentProjects,
      columns: [
        { header: H.county, key: 'countyName' },
        { header: H.project, key: 'name', width: 32 },
        { header: H.chain, key: 'industryChain', width: 18 },
        { header: H.totalInvestmentWan, key: 'totalInvestmentWan', kind: 'wan', width: 18 },
        { header: H.tier, key: 'tierLabel', width: 16 },
        { header: H.signedOn, key: 'signedOn', kind: 'date', width: 12 },
      ],
      rows: r.projects.map((p) => ({
        ...p,
        countyName: countyName(p.countyCode),
        tierLabel: TIER_LABELS[p.tier],
      })),
    },
  ];
}

export function briefingSections(b: Briefing): Section[] {
  const requests = (rows: readonly OpenRequestRow[]) =>
    rows.map((r) => ({
      ...r,
      countyName: countyName(r.countyCode),
      stateLabel: label(REQUEST_STATE_LABELS, r.state),
      departmentName: r.departmentCode ? departmentName(r.departmentCode) : null,
    }));
  const orders = (rows: readonly OpenSupervisionOrderRow[]) =>
    rows.map((r) => ({
      ...r,
      countyName: countyName(r.countyCode),
      stateLabel: label(SUPERVISION_STATE_LABELS, r.state),
      departmentName: r.departmentCode ? departmentName(r.departmentCode) : null,
    }));
  const all = <T>(pick: (c: Briefing['counties'][number]) => T[]) => b.counties.flatMap(pick);
  return [
    {
      sheet: SHEETS.briefingSummary,
      columns: MEASURE_COLUMNS('county'),
      rows: b.counties.flatMap((c) => measureRows(c, c.measures)),
    },
    { sheet: SHEETS.newStarts, columns: PROJECT_COLUMNS, rows: projectRows(all((c) => c.newStarts)) },
    { sheet: SHEETS.newProduction, columns: PROJECT_COLUMNS, rows: projectRows(all((c) => c.newProduction)) },
    { sheet: SHEETS.reserved, columns: LAND_COLUMNS, rows: landRows(all((c) => c.reserved)) },
    { sheet: SHEETS.revitalized, columns: LAND_COLUMNS, rows: landRows(all((c) => c.revitalized)) },
    ...overdueSections(all((c) => c.overdueItems)),
    {
      sheet: SHEETS.openRequests,
      columns: [
        { header: H.county, key: 'countyName' },
        { header: H.project, key: 'projectName', width: 30 },
        { header: H.category, key: 'category', width: 16 },
        { header: H.state, key: 'stateLabel' },
        { header: H.department, key: 'departmentName', width: 20 },
        { header: H.dueDate, key: 'dueDate', kind: 'date', width: 12 },
        { header: H.overdueFlag, key: 'overdue', kind: 'bool' },
      ],
      rows: requests(all((c) => c.openRequests)),
    },
    {
      sheet: SHEETS.supervisionOrders,
      columns: [
        { header: H.county, key: 'countyName' },
        { header: H.project, key: 'projectName', width: 30 },
        { header: H.department, key: 'departmentName', width: 20 },
        { header: H.level, key: 'level', kind: 'int' },
        { header: H.state, key: 'stateLabel' },
        { header: H.issuedAt, key: 'issuedAt', width: 24 },
        { header: H.feedbackDueAt, key: 'feedbackDueAt', width: 24 },
      ],
      rows: orders(all((c) => c.openSupervisionOrders)),
    },
  ];
}
