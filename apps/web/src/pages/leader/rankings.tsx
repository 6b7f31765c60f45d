import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Card, Progress, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { messages } from '../../i18n/messages';
import { ExportButton } from './export-button';
import {
  useDepartments,
  useParkEvaluation,
  type DepartmentRow,
  type ParkEvaluationRow,
} from './leader-queries';

const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

type Ranked = DepartmentRow & { rank: number | null };

/** Best on-time rate first; departments with nothing decided yet go last, busiest first among equals. */
export function rankDepartments(rows: readonly DepartmentRow[]): Ranked[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      b.handled - a.handled ||
      a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
  );
  return sorted.map((row, index) => ({ ...row, rank: row.onTimeRate === null ? null : index + 1 }));
}

function RateBar({ value }: { value: number | null }) {
  if (value === null) return <>{messages.common.none}</>;
  const status = value >= 90 ? 'success' : value >= 70 ? 'normal' : 'exception';
  return <Progress percent={Number(value.toFixed(1))} size="small" status={status} format={(p) => `${p}%`} />;
}

const d = messages.leader.departments;
const departmentColumns: ColumnsType<Ranked> = [
  {
    title: d.rank,
    dataIndex: 'rank',
    width: 60,
    render: (rank: number | null) => rank ?? messages.common.none,
  },
  { title: d.department, dataIndex: 'departmentName', width: 140 },
  {
    title: d.rate,
    dataIndex: 'onTimeRate',
    width: 160,
    render: (rate: number | null) => <RateBar value={rate} />,
  },
  { title: d.handled, dataIndex: 'handled', width: 80 },
  { title: d.onTime, dataIndex: 'decidedOnTime', width: 90 },
  {
    title: d.avgDays,
    dataIndex: 'avgWorkingDaysToDecision',
    width: 130,
    responsive: ['lg'],
    render: (days: number | null) => (days === null ? messages.common.none : number.format(days)),
  },
  { title: d.currentOverdue, dataIndex: 'currentOverdue', width: 90 },
];

interface RankingCardProps<Row> {
  title: string;
  exportPath: string;
  query: { year: number; countyCode: string | undefined };
  testId: string;
  exportTestId: string;
  rowKey: keyof Row & string;
  columns: ColumnsType<Row>;
  rows: Row[];
  state: UseQueryResult<unknown, Error>;
  emptyText: string;
  scrollX: number;
}

/** A titled ranking table with its xlsx export; both rankings of the cockpit look alike. */
function RankingCard<Row extends object>(props: RankingCardProps<Row>) {
  const { state } = props;
  return (
    <Card
      title={props.title}
      extra={<ExportButton path={props.exportPath} query={props.query} testId={props.exportTestId} />}
      data-testid={props.testId}
    >
      {state.isError ? <Alert type="error" showIcon title={state.error.message} /> : null}
      <Table<Row>
        rowKey={props.rowKey}
        size="small"
        columns={props.columns}
        dataSource={props.rows}
        loading={state.isFetching}
        locale={{ emptyText: props.emptyText }}
        pagination={false}
        scroll={{ x: props.scrollX }}
      />
    </Card>
  );
}

export function DepartmentRanking({ year, countyCode }: { year: number; countyCode: string | undefined }) {
  const query = useDepartments(year, countyCode);
  return (
    <RankingCard<Ranked>
      title={d.title(year)}
      exportPath="/api/v1/reports/departments"
      query={{ year, countyCode }}
      testId="leader-departments"
      exportTestId="leader-export-departments"
      rowKey="departmentCode"
      columns={departmentColumns}
      rows={query.data ? rankDepartments(query.data.rows) : []}
      state={query}
      emptyText={d.empty}
      scrollX={620}
    />
  );
}

const p = messages.leader.parks;
const parkColumns: ColumnsType<ParkEvaluationRow> = [
  { title: p.rank, dataIndex: 'rank', width: 60 },
  {
    title: p.park,
    dataIndex: 'parkName',
    width: 180,
    render: (name: string | null, row) => name ?? row.parkId,
  },
  { title: p.county, dataIndex: 'countyName', width: 100, responsive: ['md'] },
  { title: p.score, dataIndex: 'score', width: 90, render: (score: number) => number.format(score) },
  { title: p.newStarts, dataIndex: 'newStarts', width: 80 },
  { title: p.newProduction, dataIndex: 'newProduction', width: 80 },
  { title: p.reservedMu, dataIndex: 'reservedMu', width: 110, render: (mu: number) => number.format(mu) },
  {
    title: p.revitalizedMu,
    dataIndex: 'revitalizedMu',
    width: 110,
    render: (mu: number) => number.format(mu),
  },
  {
    title: p.onTimeRate,
    dataIndex: 'onTimeRate',
    width: 110,
    render: (rate: number | null) => messages.leader.percent(rate),
  },
];

export function ParkRanking({ year, countyCode }: { year: number; countyCode: string | undefined }) {
  const query = useParkEvaluation(year, countyCode);
  return (
    <RankingCard<ParkEvaluationRow>
      title={p.title(year)}
      exportPath="/api/v1/reports/park-evaluation"
      query={{ year, countyCode }}
      testId="leader-parks"
      exportTestId="leader-export-parks"
      rowKey="parkId"
      columns={parkColumns}
      rows={query.data ? [...query.data.rows].sort((a, b) => a.rank - b.rank) : []}
      state={query}
      emptyText={p.empty}
      scrollX={900}
    />
  );
}
