import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, InputNumber, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { api, unwrap } from '../../api/client';
import { useCounties } from '../../api/reference';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { useAdminMutation, type Targets, type TargetsYear } from './admin-api';
import { SaveBar } from './admin-ui';
import { YearCard } from './year-card';

const t = messages.targets;
const MEASURES = ['newStarts', 'newProduction', 'reservedMu', 'revitalizedMu'] as const;
type Measure = (typeof MEASURES)[number];
type Override = Targets['counties'][string];
const DEFAULT_ROW = 'default';
const QUARTERS = [1, 2, 3, 4];
const QUARTERLY_STYLE = { display: 'block', fontSize: 12 } as const;

interface Row {
  key: string;
  name: string;
}

const quarterly = (annual: number | null | undefined) =>
  annual === null || annual === undefined
    ? messages.common.none
    : QUARTERS.map((q) => Number(((annual * q) / 4).toFixed(1))).join(' / ');

/** 年度目标: each county's yearly 新开工/新投产/新收储/新盘活 (blank = the default row), versioned. */
export function TargetsPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const query = useQuery({
    queryKey: ['targets', year],
    queryFn: async () => unwrap(await api.GET('/api/v1/targets/{year}', { params: { path: { year } } })),
  });
  return (
    <YearCard
      title={t.title}
      subtitle={t.subtitle}
      testId="targets-year"
      year={year}
      onYear={setYear}
      query={query}
    >
      {(data) => <TargetsEditor key={`${year}-${data.version}`} saved={data} />}
    </YearCard>
  );
}

function TargetsEditor({ saved }: { saved: TargetsYear }) {
  const [draft, setDraft] = useState<Targets>(saved.targets);
  const [dirty, setDirty] = useState(false);
  const counties = useCounties();
  const save = useAdminMutation({
    mutationFn: async (targets: Targets) =>
      unwrap(
        await api.PUT('/api/v1/targets/{year}', {
          params: { path: { year: saved.year } },
          body: { expectedVersion: saved.version, targets },
        }),
      ),
    invalidates: ['targets', saved.year],
    success: (result) => t.savedVersion(result.version),
  });

  const setDefault = (measure: Measure, value: number | null) => {
    const countyDefaults = { ...draft.countyDefaults };
    if (measure === 'newStarts' || measure === 'newProduction') countyDefaults[measure] = value ?? 0;
    else countyDefaults[measure] = value;
    setDraft({ ...draft, countyDefaults });
    setDirty(true);
  };
  const setCounty = (code: string, measure: Measure, value: number | null) => {
    const override: Override = { ...draft.counties[code] };
    if (value === null) delete override[measure];
    else override[measure] = value;
    const others = Object.fromEntries(Object.entries(draft.counties).filter(([key]) => key !== code));
    setDraft({ ...draft, counties: Object.keys(override).length ? { ...others, [code]: override } : others });
    setDirty(true);
  };

  const valueOf = (row: Row, measure: Measure): number | null | undefined =>
    row.key === DEFAULT_ROW ? draft.countyDefaults[measure] : draft.counties[row.key]?.[measure];
  const effective = (row: Row, measure: Measure) => valueOf(row, measure) ?? draft.countyDefaults[measure];

  const measureColumn = (measure: Measure) => ({
    title: t[measure],
    key: measure,
    width: 130,
    render: (_: unknown, row: Row) => {
      const fallback = draft.countyDefaults[measure];
      return (
        <InputNumber
          min={0}
          precision={measure === 'newStarts' || measure === 'newProduction' ? 0 : 2}
          value={valueOf(row, measure) ?? null}
          placeholder={
            row.key === DEFAULT_ROW
              ? t.noTarget
              : t.useDefault(fallback === null ? t.noTarget : String(fallback))
          }
          aria-label={`${row.name} ${t[measure]}`}
          data-testid={`targets-${row.key}-${measure}`}
          style={{ width: '100%' }}
          onChange={(value) =>
            row.key === DEFAULT_ROW ? setDefault(measure, value) : setCounty(row.key, measure, value)
          }
        />
      );
    },
  });

  const columns: ColumnsType<Row> = [
    { title: t.county, dataIndex: 'name', width: 170, fixed: 'left' },
    ...MEASURES.map(measureColumn),
    {
      title: t.quarterly,
      key: 'quarterly',
      width: 220,
      render: (_: unknown, row: Row) => (
        <>
          <Typography.Text type="secondary" style={QUARTERLY_STYLE}>
            {t.quarterlyStarts(quarterly(effective(row, 'newStarts')))}
          </Typography.Text>
          <Typography.Text type="secondary" style={QUARTERLY_STYLE}>
            {t.quarterlyProduction(quarterly(effective(row, 'newProduction')))}
          </Typography.Text>
        </>
      ),
    },
  ];
  const rows: Row[] = [
    { key: DEFAULT_ROW, name: t.defaults },
    ...(counties.data ?? []).map((county) => ({ key: county.code, name: county.name })),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="targets-version">
        {t.version(saved.version, formatDate(saved.updatedAt))}
      </Typography.Paragraph>
      {counties.isError ? (
        <Alert type="error" showIcon title={counties.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={counties.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(row) => ({ 'data-testid': `targets-row-${row.key}` }) as HTMLAttributes<HTMLElement>}
      />
      <SaveBar
        dirty={dirty}
        saving={save.isPending}
        onSave={() => save.mutate(draft)}
        onReset={() => {
          setDraft(saved.targets);
          setDirty(false);
        }}
        testId="targets-save"
      />
      <NumberList title={t.tiersTitle} labels={t.tiers} values={draft.investmentTiers} columns={4} />
      <NumberList title={t.weightsTitle} labels={t.weights} values={draft.evaluationWeights} columns={5} />
    </>
  );
}

/** Settings sent back unchanged: investment tiers and evaluation weights. */
function NumberList(props: {
  title: string;
  labels: Record<string, string>;
  values: Record<string, number>;
  columns: number;
}) {
  return (
    <Descriptions
      title={props.title}
      size="small"
      column={{ xs: 1, md: 2, xl: props.columns }}
      style={{ marginTop: 24 }}
      items={Object.entries(props.values).map(([key, value]) => ({
        key,
        label: props.labels[key] ?? key,
        children: value,
      }))}
    />
  );
}
