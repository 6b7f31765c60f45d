import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { answer, renderApp } from '../../test-app';
import { json, path } from '../../test-fetch';
import { agentMe, theCase } from './case-fixtures';
import { planChartOption, type Plan } from './plan-tab';

const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }));
vi.mock('echarts', () => ({ init: vi.fn(() => chart) }));

// antd tables render slowly under jsdom.
vi.setConfig({ testTimeout: 40_000 });
const slow = { timeout: 10_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.clearAllMocks();
  clearTokens();
});

const entry = (id: string, extra: Record<string, unknown>) => ({
  id,
  caseId: 'c1',
  itemId: null,
  requestId: null,
  attachmentId: null,
  itemName: null,
  subject: 'case',
  action: 'open',
  from: null,
  to: 'awaiting_agreement',
  actorUserId: null,
  actorRole: 'system',
  effectiveAt: '2026-01-05T01:00:00Z',
  recordedAt: '2026-01-05T01:00:00Z',
  fields: {},
  note: null,
  ...extra,
});

const ledger = {
  entries: [
    entry('l1', {}),
    entry('l2', {
      action: 'assign_agent',
      from: 'agreement_signed',
      to: 'in_progress',
      actorUserId: 'd1',
      actorRole: 'center_director',
      effectiveAt: '2026-01-09T02:00:00Z',
      note: '由李代办负责',
    }),
    entry('l3', {
      subject: 'item',
      itemId: 'i1',
      itemName: '建设用地规划许可',
      action: 'request_correction',
      from: 'submitted',
      to: 'correction_requested',
      actorRole: 'department_officer',
      effectiveAt: '2026-03-05T02:00:00Z',
    }),
  ],
};

const plan: Plan = {
  caseId: 'c1',
  today: '2026-03-18',
  targetConstructionStart: '2026-06-01',
  forecastConstructionStart: '2026-06-20',
  behindSchedule: true,
  criticalPath: ['i1', 'i2'],
  provisional: false,
  items: [
    {
      itemId: 'i1',
      catalogCode: 'jsydghxk',
      name: '建设用地规划许可',
      state: 'correction_requested',
      duration: 10,
      prerequisites: [],
      latestStart: '2026-03-01',
      latestFinish: '2026-03-14',
      expectedStart: '2026-03-02',
      expectedFinish: '2026-03-27',
      done: false,
      critical: true,
      late: true,
    },
    {
      itemId: 'i2',
      catalogCode: 'sgxk',
      name: '施工许可证核发',
      state: 'not_started',
      duration: 7,
      prerequisites: ['jsydghxk'],
      latestStart: null,
      latestFinish: null,
      expectedStart: null,
      expectedFinish: '2026-06-19',
      done: false,
      critical: true,
      late: false,
    },
  ],
};

const caseRoute = answer('/api/v1/cases/c1', theCase());

describe('the case ledger tab', () => {
  it('lists the entries with action, state change and actor in Chinese', async () => {
    const seen = renderApp(
      '/cases/c1?tab=ledger',
      agentMe,
      caseRoute,
      answer('/api/v1/cases/c1/ledger', ledger),
    );
    const table = await screen.findByTestId('case-ledger', {}, slow);
    const row = (await within(table).findByText('指派代办员', {}, slow)).closest('tr')!;
    expect(within(row).getByText('已签协议 → 办理中')).toBeTruthy();
    expect(within(row).getByText('园区企业服务中心主任')).toBeTruthy();
    expect(within(row).getByText('由李代办负责')).toBeTruthy();
    expect(within(row).getAllByText('2026-01-09').length).toBeGreaterThan(0);
    const itemRow = within(table).getByText('建设用地规划许可').closest('tr')!;
    expect(within(itemRow).getByText('一次性告知补正')).toBeTruthy();
    expect(within(itemRow).getByText('已提交 → 待补正')).toBeTruthy();
    expect(within(table).getByText('开启代办件')).toBeTruthy();
    expect(within(table).getByText('共 3 条记录')).toBeTruthy();
    const list = seen.find((req) => path(req) === '/api/v1/cases/c1/ledger')!;
    expect(new URL(list.url).searchParams.get('format')).toBeNull();
  });

  it('downloads the Excel export under the name the server gives', async () => {
    // jsdom has no object URLs.
    const createObjectURL = vi.fn(() => 'blob:ledger');
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const filename = encodeURIComponent('代办台账-新材料项目.xlsx');
    const seen = renderApp('/cases/c1?tab=ledger', agentMe, caseRoute, (req) => {
      if (path(req) !== '/api/v1/cases/c1/ledger') return undefined;
      if (new URL(req.url).searchParams.get('format') !== 'xlsx') return json(200, ledger);
      return new Response(new Blob(['xlsx-bytes']), {
        status: 200,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="ledger.xlsx"; filename*=UTF-8''${filename}`,
        },
      });
    });
    fireEvent.click(await screen.findByTestId('case-ledger-export', {}, slow));
    await waitFor(() => expect(clicked).toHaveLength(1), slow);
    expect(clicked[0].download).toBe('代办台账-新材料项目.xlsx');
    expect(clicked[0].href).toBe('blob:ledger');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(seen.some((req) => new URL(req.url).searchParams.get('format') === 'xlsx')).toBe(true);
  });

  it('shows the API message when the ledger cannot be read', async () => {
    renderApp(
      '/cases/c1?tab=ledger',
      agentMe,
      caseRoute,
      answer('/api/v1/cases/c1/ledger', { code: 'FORBIDDEN', message: '无权查看该台账' }, 403),
    );
    expect(await screen.findByText('无权查看该台账', {}, slow)).toBeTruthy();
  });
});

describe('the 倒排工期 tab', () => {
  it('shows target and forecast dates and draws the chart from the plan', async () => {
    const seen = renderApp('/cases/c1', agentMe, caseRoute, answer('/api/v1/cases/c1/plan', plan));
    fireEvent.click(await screen.findByTestId('case-tab-plan', {}, slow));
    expect(await screen.findByTestId('case-plan-chart', {}, slow)).toBeTruthy();
    expect(screen.getByTestId('case-plan-target').textContent).toBe('2026-06-01');
    expect(screen.getByTestId('case-plan-forecast').textContent).toBe('2026-06-20');
    expect(screen.getByText('预测开工日晚于目标，需加快办理')).toBeTruthy();
    expect(chart.setOption).toHaveBeenCalled();
    expect(seen.some((req) => path(req) === '/api/v1/cases/c1/plan')).toBe(true);
  });
});

describe('planChartOption', () => {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const option = planChartOption(plan) as unknown as {
    yAxis: { data: string[] };
    series: {
      data: unknown[];
      renderItem: (params: unknown, api: unknown) => unknown;
      markLine?: { data: { name: string; xAxis: number }[] };
    }[];
  };

  it('puts one row per item with the planned window and the actual bar (finish day inclusive)', () => {
    expect(option.yAxis.data).toEqual(['建设用地规划许可', '施工许可证核发']);
    expect(option.series[0].data[0]).toEqual([0, day('2026-03-01'), day('2026-03-15')]);
    expect(option.series[0].data[1]).toEqual([1, '-', '-']);
    expect(option.series[1].data[0]).toMatchObject({
      value: [0, day('2026-03-02'), day('2026-03-28')],
      itemStyle: { color: '#f5222d' },
    });
    expect(option.series[1].data[1]).toMatchObject({ value: [1, day('2026-06-19'), day('2026-06-20')] });
  });

  it('marks today from the server clock, the target and the forecast', () => {
    expect(option.series[2].markLine?.data).toEqual([
      expect.objectContaining({ name: '今天 2026-03-18', xAxis: day('2026-03-18') }),
      expect.objectContaining({ name: '目标开工日 2026-06-01', xAxis: day('2026-06-01') }),
      expect.objectContaining({ name: '预测开工日 2026-06-20', xAxis: day('2026-06-20') }),
    ]);
  });

  it('draws a rect between the two dates of a row and nothing without a window', () => {
    const values = (row: unknown[]) => ({
      value: (dim: number) => (row[dim] === '-' ? NaN : row[dim]),
      coord: ([x, y]: [number, number]) => [x / DAY_PX, y * 40],
      size: () => [0, 40],
      visual: () => '#bfbfbf',
    });
    const DAY_PX = 86_400_000;
    const rect = option.series[0].renderItem({}, values(option.series[0].data[0] as unknown[])) as {
      type: string;
      shape: { width: number; height: number };
    };
    expect(rect.type).toBe('rect');
    expect(rect.shape.width).toBe(14);
    expect(rect.shape.height).toBe(12);
    expect(option.series[0].renderItem({}, values(option.series[0].data[1] as unknown[]))).toBeNull();
  });
});

describe('the 一次性告知 tab and printable notice', () => {
  it('lists every required item’s materials with what is outstanding, and prints', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderApp('/cases/c1?tab=notice', agentMe, caseRoute);
    const list = await screen.findByTestId('case-notice-list', {}, slow);
    expect(within(list).queryByText(/节能审查/)).toBeNull();
    const first = within(list).getByTestId('notice-item-i1');
    expect(within(first).getByText('申请表')).toBeTruthy();
    expect(within(first).getByText('补充宗地界址图')).toBeTruthy();
    const committed = within(list).getByTestId('notice-item-i4');
    expect(within(committed).getByText('承诺后补材料（2026-05-10 前）')).toBeTruthy();
    expect(within(committed).getByText('已办结')).toBeTruthy();
    expect(within(list).getByTestId('notice-item-i2').textContent).toContain('施工合同');

    fireEvent.click(screen.getByTestId('case-notice-print-link'));
    const page = await screen.findByTestId('notice-page', {}, slow);
    expect(within(page).getByText('年产20万吨高端新材料项目 · 一次性告知材料清单')).toBeTruthy();
    expect(within(page).getByText('施工许可申请表')).toBeTruthy();
    fireEvent.click(screen.getByTestId('notice-print'));
    expect(print).toHaveBeenCalledTimes(1);
  });
});
