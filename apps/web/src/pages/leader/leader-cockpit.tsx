import { Alert, Card, Col, Flex, Row, Select, Space, Statistic, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/me';
import { useCounties } from '../../api/reference';
import { messages } from '../../i18n/messages';
import { formatDate, formatWanYuan } from '../../lib/format';
import { ExportButton } from './export-button';
import { useOverview, type Overview } from './leader-queries';
import { OverdueCard } from './overdue-card';
import { QuarterlyCard } from './quarterly-card';
import { DepartmentRanking, ParkRanking } from './rankings';

const t = messages.leader;
const LIGHT_COLORS = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' } as const;

/** The quarter a date falls in, in China time. */
export function quarterOf(date: Date): { year: number; quarter: number } {
  const china = new Date(date.getTime() + 8 * 3600_000);
  return { year: china.getUTCFullYear(), quarter: Math.floor(china.getUTCMonth() / 3) + 1 };
}

function LightStats({ overview }: { overview: Overview }) {
  const { byLight, onTimeRate, decided, decidedOnTime } = overview.items;
  return (
    <Row gutter={[16, 16]}>
      {(['red', 'yellow', 'green'] as const).map((light) => (
        <Col xs={12} md={8} xl={4} key={light}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t.lights[light]}
              value={byLight[light]}
              suffix={t.lights.unit}
              formatter={(value) => (
                <span style={{ color: LIGHT_COLORS[light] }} data-testid={`leader-light-${light}`}>
                  {Number(value).toLocaleString('zh-CN')}
                </span>
              )}
            />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={8} xl={4}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={t.onTimeRate}
            value={onTimeRate ?? 0}
            formatter={() => <span data-testid="leader-on-time-rate">{t.percent(onTimeRate)}</span>}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.decided(decided, decidedOnTime)}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t.projects} value={overview.projects.total} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.investment(formatWanYuan(overview.projects.investmentWan))}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={t.quarterNewStarts(overview.thisQuarter.year, overview.thisQuarter.quarter)}
            value={overview.thisQuarter.newStarts}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.newProductionCount(overview.thisQuarter.newProduction)}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

function CountySwitch({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
}) {
  const counties = useCounties();
  const options = [
    { value: '', label: t.wholeCity },
    ...(counties.data ?? [])
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((county) => ({ value: county.code, label: county.name })),
  ];
  return (
    <Space>
      <Typography.Text>{t.county}</Typography.Text>
      <Select
        value={value ?? ''}
        onChange={(code: string) => onChange(code || undefined)}
        options={options}
        loading={counties.isPending}
        style={{ minWidth: 180 }}
        data-testid="leader-county-switch"
        aria-label={t.county}
      />
    </Space>
  );
}

/** 领导驾驶舱: lights, overdue list, department and park rankings, quarterly progress; city leaders pick a county. */
export function LeaderCockpit() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const cityWide = me.data?.scope.kind === 'city';
  // A county leader's reports are its county already; only a city-wide reader switches.
  const countyCode = cityWide ? (search.get('county') ?? undefined) : undefined;
  const current = quarterOf(new Date());
  const year = Number(search.get('year')) || current.year;
  const quarter = Number(search.get('quarter')) || current.quarter;
  const overview = useOverview(countyCode);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next, { replace: true });
  };
  const years = Array.from({ length: 5 }, (_, index) => current.year - index);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="leader-cockpit">
      <Flex wrap gap={12} align="center" justify="space-between">
        <Space wrap align="baseline">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t.title}
          </Typography.Title>
          {overview.data ? (
            <Typography.Text type="secondary">{t.asOf(formatDate(overview.data.asOf))}</Typography.Text>
          ) : null}
        </Space>
        <Space wrap>
          {cityWide ? (
            <CountySwitch value={countyCode} onChange={(code) => update({ county: code })} />
          ) : null}
          <Select
            value={year}
            onChange={(value: number) => update({ year: String(value) })}
            options={years.map((y) => ({ value: y, label: t.quarterly.yearOption(y) }))}
            aria-label={t.quarterly.year}
            data-testid="leader-year"
          />
          <Select
            value={quarter}
            onChange={(value: number) => update({ quarter: String(value) })}
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: t.quarterly.quarterOption(q) }))}
            aria-label={t.quarterly.quarter}
            data-testid="leader-quarter"
          />
          <ExportButton
            path="/api/v1/reports/overview"
            query={{ countyCode }}
            testId="leader-export-overview"
          />
        </Space>
      </Flex>
      {overview.isError ? <Alert type="error" showIcon title={overview.error.message} /> : null}
      {overview.data ? <LightStats overview={overview.data} /> : null}
      <OverdueCard countyCode={countyCode} />
      <QuarterlyCard
        year={year}
        quarter={quarter}
        countyCode={countyCode}
        byPark={!cityWide || countyCode !== undefined}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <DepartmentRanking year={year} countyCode={countyCode} />
        </Col>
        <Col xs={24} xl={14}>
          <ParkRanking year={year} countyCode={countyCode} />
        </Col>
      </Row>
    </Space>
  );
}
