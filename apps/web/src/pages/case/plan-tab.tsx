import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Empty, Tag } from 'antd';
import type { CustomSeriesOption } from 'echarts';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { EChart, type EChartsOption } from '../../components/echart';
import { QueryView } from '../../components/query-view';
import { messages } from '../../i18n/messages';

export type Plan = paths['/api/v1/cases/{id}/plan']['get']['responses'][200]['content']['application/json'];
type PlanItem = Plan['items'][number];

const t = messages.plan;
const DAY_MS = 86_400_000;
const COLORS = { planned: '#bfbfbf', done: '#52c41a', late: '#f5222d', critical: '#fa8c16', open: '#1677ff' };

/** A `YYYY-MM-DD` as UTC midnight: the chart runs in UTC so a date never shifts with the browser's zone. */
const at = (date: string): number => Date.parse(`${date}T00:00:00Z`);

type RenderItem = NonNullable<CustomSeriesOption['renderItem']>;

/** The part of the renderItem api the bars use (ECharts' own declaration of it is loose across versions). */
interface BarApi {
  value: (dimension: number) => number | string;
  coord: (point: (number | string)[]) => number[];
  size: (dataSize: number[]) => number | number[];
  visual: (name: 'color') => unknown;
}

/** The bar of one item; `offset` places it above (−) or below (+) the middle of its row. */
const bar = (offset: number): RenderItem => {
  const render = (_params: unknown, chartApi: BarApi) => {
    // An item with no back-scheduled window (no target date) has '-' there: nothing to draw.
    if (Number.isNaN(Number(chartApi.value(1)))) return null;
    const row = chartApi.value(0);
    const start = chartApi.coord([chartApi.value(1), row]);
    const end = chartApi.coord([chartApi.value(2), row]);
    const band = chartApi.size([0, 1]) as number[];
    const height = band[1] * 0.3;
    return {
      type: 'rect',
      shape: {
        x: start[0],
        y: start[1] + offset * band[1] - height / 2,
        width: Math.max(end[0] - start[0], 2),
        height,
      },
      style: { fill: chartApi.visual('color') as string },
    };
  };
  return render as unknown as RenderItem;
};

function actualColor(item: PlanItem): string {
  if (item.done) return COLORS.done;
  if (item.late) return COLORS.late;
  return item.critical ? COLORS.critical : COLORS.open;
}

/** Catalog names reach the tooltip as HTML. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function tooltip(items: readonly PlanItem[], params: unknown): string {
  const { dataIndex } = params as { dataIndex: number };
  const item = items[dataIndex];
  if (!item) return '';
  const lines = [
    `<strong>${escapeHtml(item.name)}</strong>`,
    `${messages.itemStates[item.state] ?? item.state} · ${t.duration(item.duration)}`,
  ];
  if (item.latestStart && item.latestFinish) {
    lines.push(`${t.planned}：${t.window(item.latestStart, item.latestFinish)}`);
  }
  const actual = t.window(item.expectedStart ?? item.expectedFinish, item.expectedFinish);
  lines.push(`${item.done ? t.done : t.actual}：${actual}`);
  if (item.late) lines.push(`<span style="color:${COLORS.late}">${t.late}</span>`);
  else if (item.critical && !item.done) lines.push(t.critical);
  return lines.join('<br/>');
}

type MarkLineDatum = { name: string; xAxis: number; lineStyle: { color: string; type: 'solid' | 'dashed' } };

/** The Gantt: per item the back-scheduled window (grey) over the actual or forecast bar, with date lines. */
export function planChartOption(plan: Plan): EChartsOption {
  const marks: MarkLineDatum[] = [
    {
      name: `${t.today} ${plan.today}`,
      xAxis: at(plan.today),
      lineStyle: { color: '#722ed1', type: 'solid' },
    },
  ];
  if (plan.targetConstructionStart) {
    marks.push({
      name: `${t.target} ${plan.targetConstructionStart}`,
      xAxis: at(plan.targetConstructionStart),
      lineStyle: { color: '#389e0d', type: 'dashed' },
    });
  }
  marks.push({
    name: `${t.forecast} ${plan.forecastConstructionStart}`,
    xAxis: at(plan.forecastConstructionStart),
    lineStyle: { color: plan.behindSchedule ? COLORS.late : COLORS.open, type: 'dashed' },
  });
  return {
    useUTC: true,
    animation: false,
    legend: { top: 0, data: [t.planned, t.actual] },
    tooltip: { trigger: 'item', formatter: (params: unknown) => tooltip(plan.items, params) },
    grid: { left: 8, right: 32, top: 36, bottom: 56, containLabel: true },
    xAxis: {
      type: 'time',
      position: 'top',
      splitLine: { show: true, lineStyle: { color: '#f0f0f0' } },
      axisLabel: { formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: plan.items.map((item) => item.name),
      axisLabel: { width: 150, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        name: t.planned,
        type: 'custom',
        renderItem: bar(-0.18),
        encode: { x: [1, 2], y: 0 },
        itemStyle: { color: COLORS.planned },
        data: plan.items.map((item, row) =>
          item.latestStart && item.latestFinish
            ? [row, at(item.latestStart), at(item.latestFinish) + DAY_MS]
            : [row, '-', '-'],
        ),
      },
      {
        name: t.actual,
        type: 'custom',
        renderItem: bar(0.18),
        encode: { x: [1, 2], y: 0 },
        itemStyle: { color: COLORS.open },
        data: plan.items.map((item, row) => ({
          value: [row, at(item.expectedStart ?? item.expectedFinish), at(item.expectedFinish) + DAY_MS],
          itemStyle: { color: actualColor(item) },
        })),
      },
      {
        // A line series without points carries the date lines: every cartesian chart type draws markLine.
        name: t.dateLines,
        type: 'line',
        data: [],
        markLine: {
          symbol: 'none',
          silent: true,
          label: { formatter: '{b}', position: 'end' },
          data: marks,
        },
      },
    ],
  };
}

export function PlanView({ plan, renderer }: { plan: Plan; renderer?: 'canvas' | 'svg' }) {
  const option = useMemo(() => planChartOption(plan), [plan]);
  return (
    <div data-testid="case-plan">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t.target}>
          <span data-testid="case-plan-target">{plan.targetConstructionStart ?? t.targetNone}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.forecast}>
          <span data-testid="case-plan-forecast">{plan.forecastConstructionStart}</span>
          <Tag color={plan.behindSchedule ? 'red' : 'green'} style={{ marginLeft: 8 }}>
            {plan.behindSchedule ? t.behind : t.onTrack}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t.today}>{plan.today}</Descriptions.Item>
      </Descriptions>
      {plan.provisional ? (
        <Alert type="warning" showIcon title={t.provisional} style={{ marginBottom: 12 }} />
      ) : null}
      {plan.items.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
        <EChart
          option={option}
          height={Math.max(260, plan.items.length * 36 + 100)}
          renderer={renderer}
          ariaLabel={t.chartLabel}
          testId="case-plan-chart"
        />
      )}
    </div>
  );
}

/** 倒排工期: the plan the workflow computes from the project's target 开工 date and the items' states. */
export function PlanTab({ caseId }: { caseId: string }) {
  const query = useQuery({
    queryKey: ['case', caseId, 'plan'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases/{id}/plan', { params: { path: { id: caseId } } })),
  });
  return <QueryView query={query}>{(plan) => <PlanView plan={plan} />}</QueryView>;
}
