import { Alert, Card, Empty, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { messages } from '../../i18n/messages';
import { lightTag } from '../../lib/light-tag';
import { Chart } from './chart';
import { ExportButton } from './export-button';
import { useQuarterly, type QuarterlyUnit } from './leader-queries';
import {
  MEASURES,
  quarterlyChartOption,
  quarterlyUnits,
  unitLabel,
  type Measure,
} from './quarterly-chart.util';

const t = messages.leader.quarterly;
const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

function MeasureCell({ unit, measure }: { unit: QuarterlyUnit; measure: Measure }) {
  const m = unit[measure];
  return (
    <Space orientation="vertical" size={0}>
      <span>
        {number.format(m.yearToDate)} / {m.annualTarget === null ? t.noTarget : number.format(m.annualTarget)}
      </span>
      <Space size={4}>
        <Typography.Text type="secondary">{messages.leader.percent(m.completionPercent)}</Typography.Text>
        {m.light ? lightTag(m.light) : null}
      </Space>
    </Space>
  );
}

const columns = (byPark: boolean): ColumnsType<QuarterlyUnit> => [
  {
    title: byPark ? t.unitPark : t.unitCounty,
    key: 'unit',
    width: 150,
    fixed: 'left',
    render: (_: unknown, unit: QuarterlyUnit) => unitLabel(unit),
  },
  ...MEASURES.map((measure) => ({
    title: t.measures[measure],
    key: measure,
    width: 150,
    render: (_: unknown, unit: QuarterlyUnit) => <MeasureCell unit={unit} measure={measure} />,
  })),
];

/**
 * 新开工/新投产/新收储/新盘活 against the annual targets: by county city-wide, by park once one county is
 * in view (a county leader, or a city leader who switched to a county).
 */
export function QuarterlyCard({
  year,
  quarter,
  countyCode,
  byPark,
}: {
  year: number;
  quarter: number;
  countyCode: string | undefined;
  byPark: boolean;
}) {
  const query = useQuarterly(year, quarter, countyCode);
  const { units, parks } = useMemo(() => quarterlyUnits(query.data, byPark), [query.data, byPark]);
  const expected = units[0]?.newStarts.expectedPercent ?? quarter * 25;
  const option = useMemo(() => quarterlyChartOption(units, expected), [units, expected]);
  return (
    <Card
      title={t.title(year, quarter)}
      extra={
        <ExportButton
          path="/api/v1/reports/quarterly"
          query={{ year, quarter, countyCode }}
          testId="leader-export-quarterly"
        />
      }
      data-testid="leader-quarterly"
    >
      <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
      {query.isPending ? (
        <Spin description={messages.common.loading}>
          <div style={{ height: 200 }} />
        </Spin>
      ) : query.isError ? (
        <Alert type="error" showIcon title={query.error.message} />
      ) : units.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
        <>
          <Chart option={option} height={340} testId="leader-quarterly-chart" />
          <Table<QuarterlyUnit>
            rowKey={(unit) => unit.parkId ?? unit.countyCode}
            size="small"
            columns={columns(parks)}
            dataSource={units}
            pagination={false}
            scroll={{ x: 760 }}
            style={{ marginTop: 16 }}
          />
        </>
      )}
    </Card>
  );
}
