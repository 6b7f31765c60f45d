import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { answer, pickOption, renderApp } from '../../test-app';
import { json, path, type Route } from '../../test-fetch';

// ECharts is exercised on its own in chart.test.tsx; here the option it would be given is what matters.
vi.mock('./chart', () => ({
  Chart: ({
    option,
    testId,
  }: {
    option: { xAxis: { data: string[] }; series: { name: string; data: unknown[] }[] };
    testId?: string;
  }) => (
    <div
      data-testid={testId}
      data-categories={option.xAxis.data.join('|')}
      data-series={JSON.stringify(option.series.map((s) => [s.name, s.data]))}
    />
  ),
}));

vi.setConfig({ testTimeout: 90_000 });
const slow = { timeout: 20_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const cityLeader = { id: 'l1', displayName: '王市长', role: 'leader', scope: { kind: 'city' } };
const countyLeader = {
  id: 'l2',
  displayName: '李区长',
  role: 'leader',
  scope: { kind: 'county', countyCode: '440803' },
};

const overview = (red: number) => ({
  asOf: '2026-03-20T02:00:00Z',
  projects: { total: 4, investmentWan: '173000', byStatus: [], byChain: [], byCounty: [], byPark: [] },
  cases: { byState: [] },
  items: { byLight: { green: 12, yellow: 2, red }, decided: 20, decidedOnTime: 17, onTimeRate: 85 },
  thisQuarter: { year: 2026, quarter: 1, newStarts: 2, newProduction: 1 },
});

const overdueRow = (itemId: string, light: 'red' | 'yellow', days: number) => ({
  itemId,
  caseId: `case-${itemId}`,
  projectId: `p-${itemId}`,
  projectName: `项目${itemId}`,
  projectCode: null,
  catalogCode: 'eia_table',
  departmentCode: 'sthj',
  countyCode: '440803',
  parkId: 'park-xslg',
  parkName: '霞山临港产业转移工业园',
  agentUserId: 'a1',
  agentName: '李代办',
  state: 'accepted',
  clock: 'running',
  dueDate: '2026-03-10',
  light,
  workingDaysOverdue: days,
  major: itemId === 'i1',
  greenChannel: false,
  supervisionOrder: light === 'red' ? { orderId: 'so1', state: 'issued', level: 1 } : null,
});

const measure = (yearToDate: number, annualTarget: number | null, light: string | null) => ({
  quarter: yearToDate,
  yearToDate,
  annualTarget,
  completionPercent: annualTarget ? Math.round((yearToDate / annualTarget) * 1000) / 10 : null,
  expectedPercent: 25,
  behindPoints: null,
  light,
});
const unit = (countyCode: string, countyName: string, parkId: string | null, parkName: string | null) => ({
  countyCode,
  countyName,
  parkId,
  parkName,
  newStarts: { ...measure(3, 10, 'green'), projects: [] },
  newProduction: { ...measure(1, 5, 'yellow'), projects: [] },
  reservedMu: { ...measure(120, 400, 'green'), records: [] },
  revitalizedMu: { ...measure(0, null, null), records: [] },
});

const quarterly = {
  year: 2026,
  quarter: 1,
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  listLimit: null,
  counties: [unit('440803', '霞山区', null, null), unit('440811', '麻章区', null, null)],
  parks: [
    unit('440803', '霞山区', 'park-xslg', '霞山临港产业转移工业园'),
    unit('440811', '麻章区', 'park-mzjk', '麻章经济开发区'),
  ],
};

const departments = {
  asOf: '2026-03-20T02:00:00Z',
  year: 2026,
  rows: [
    {
      departmentCode: 'zrzy',
      departmentName: '自然资源局',
      handled: 8,
      decidedOnTime: 6,
      onTimeRate: 75,
      avgWorkingDaysToDecision: 9.5,
      correctionRoundsPerItem: 0.2,
      currentOverdue: 1,
      currentYellow: 0,
    },
    {
      departmentCode: 'sthj',
      departmentName: '生态环境局',
      handled: 5,
      decidedOnTime: 5,
      onTimeRate: 100,
      avgWorkingDaysToDecision: 6,
      correctionRoundsPerItem: 0,
      currentOverdue: 2,
      currentYellow: 1,
    },
    {
      departmentCode: 'zj',
      departmentName: '住房城乡建设局',
      handled: 0,
      decidedOnTime: 0,
      onTimeRate: null,
      avgWorkingDaysToDecision: null,
      correctionRoundsPerItem: null,
      currentOverdue: 0,
      currentYellow: 0,
    },
  ],
};

const parks = {
  year: 2026,
  weights: { newStarts: 25, newProduction: 25, reservedMu: 15, revitalizedMu: 15, onTimeRate: 20 },
  rows: [
    {
      rank: 2,
      parkId: 'park-mzjk',
      parkName: '麻章经济开发区',
      countyCode: '440811',
      countyName: '麻章区',
      newStarts: 1,
      newProduction: 0,
      reservedMu: 0,
      revitalizedMu: 10,
      onTimeRate: 70,
      score: 41.5,
    },
    {
      rank: 1,
      parkId: 'park-xslg',
      parkName: '霞山临港产业转移工业园',
      countyCode: '440803',
      countyName: '霞山区',
      newStarts: 3,
      newProduction: 1,
      reservedMu: 120,
      revitalizedMu: 0,
      onTimeRate: 90,
      score: 88.25,
    },
  ],
};

const reference: Route[] = [
  answer('/api/v1/counties', {
    items: [
      { code: '440803', name: '霞山区', kind: 'district', sortOrder: 2 },
      { code: '440811', name: '麻章区', kind: 'district', sortOrder: 4 },
    ],
  }),
  answer('/api/v1/catalog', {
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: null,
    items: [
      {
        code: 'eia_table',
        name: '环境影响评价审批（报告表）',
        departmentCode: 'sthj',
        departmentName: '生态环境局',
      },
    ],
  }),
  answer('/api/v1/reports/departments', departments),
  answer('/api/v1/reports/park-evaluation', parks),
];

/** The reports, each answering for the county asked about (city-wide without one). */
function reports(): Route[] {
  return [
    (req) => {
      if (path(req) !== '/api/v1/reports/overview') return undefined;
      return json(200, overview(new URL(req.url).searchParams.get('countyCode') === '440803' ? 1 : 3));
    },
    (req) => {
      if (path(req) !== '/api/v1/reports/quarterly') return undefined;
      const county = new URL(req.url).searchParams.get('countyCode');
      if (!county) return json(200, quarterly);
      return json(200, {
        ...quarterly,
        counties: quarterly.counties.filter((u) => u.countyCode === county),
        parks: quarterly.parks.filter((u) => u.countyCode === county),
      });
    },
    (req) => {
      if (path(req) !== '/api/v1/reports/overdue') return undefined;
      const page = Number(new URL(req.url).searchParams.get('page'));
      const rows =
        page === 1
          ? [overdueRow('i1', 'red', 4), overdueRow('i2', 'yellow', 0)]
          : [overdueRow('i11', 'red', 1)];
      return json(200, { asOf: '2026-03-20T02:00:00Z', total: 11, page, pageSize: 10, rows });
    },
  ];
}

const params = (req: Request) => Object.fromEntries(new URL(req.url).searchParams);

describe('the leader cockpit', () => {
  it('shows the lights, the overdue list with drill-down, rankings and quarterly progress by county', async () => {
    const seen = renderApp('/', cityLeader, ...reports(), ...reference);
    expect((await screen.findByTestId('leader-light-red', {}, slow)).textContent).toBe('3');
    expect(screen.getByTestId('leader-light-yellow').textContent).toBe('2');
    expect(screen.getByTestId('leader-light-green').textContent).toBe('12');
    expect(screen.getByTestId('leader-on-time-rate').textContent).toBe('85.0%');

    const table = screen.getByTestId('leader-overdue-table');
    await waitFor(() => expect(within(table).getAllByTestId('leader-overdue-row')).toHaveLength(2), slow);
    const [first] = within(table).getAllByTestId('leader-overdue-row');
    expect(first.getAttribute('data-light')).toBe('red');
    expect(within(first).getByRole('link', { name: '项目i1' }).getAttribute('href')).toBe('/cases/case-i1');
    expect(within(first).getByRole('link', { name: '台账' }).getAttribute('href')).toBe(
      '/cases/case-i1?tab=ledger',
    );
    expect(await within(first).findByText('环境影响评价审批（报告表）', {}, slow)).toBeTruthy();
    expect(within(first).getByText('生态环境局')).toBeTruthy();
    expect(within(first).getByText('4 个工作日')).toBeTruthy();
    expect(within(first).getByText('1级督办')).toBeTruthy();
    expect(within(first).getByText('重大')).toBeTruthy();

    // Server-side paging: the next page is asked for, not sliced here.
    fireEvent.click(within(table).getByTitle('2'));
    await waitFor(() => expect(within(table).getByText('项目i11')).toBeTruthy(), slow);
    const pageTwo = seen.filter((req) => path(req) === '/api/v1/reports/overdue').at(-1)!;
    expect(params(pageTwo)).toMatchObject({ page: '2', pageSize: '10', sort: 'dueDate', order: 'asc' });

    const departmentsCard = screen.getByTestId('leader-departments');
    await waitFor(() => expect(within(departmentsCard).getByText('生态环境局')).toBeTruthy(), slow);
    const departmentRows = within(departmentsCard).getAllByRole('row').slice(1);
    expect(departmentRows.map((row) => row.textContent?.slice(0, 6))).toEqual([
      expect.stringContaining('1生态环境局'),
      expect.stringContaining('2自然资源局'),
      expect.stringContaining('—住房城乡'),
    ]);

    const parksCard = screen.getByTestId('leader-parks');
    const parkRows = within(parksCard).getAllByRole('row').slice(1);
    expect(parkRows[0].textContent).toContain('霞山临港产业转移工业园');
    expect(parkRows[0].textContent).toContain('88.3');

    const chart = await screen.findByTestId('leader-quarterly-chart', {}, slow);
    expect(chart.getAttribute('data-categories')).toBe('霞山区|麻章区');
    const series = JSON.parse(chart.getAttribute('data-series')!) as [string, (number | null)[]][];
    expect(series).toEqual([
      ['新开工（个）', [30, 30]],
      ['新投产（个）', [20, 20]],
      ['新收储（亩）', [30, 30]],
      ['新盘活（亩）', [null, null]],
    ]);
    const quarterlyCard = screen.getByTestId('leader-quarterly');
    expect(within(quarterlyCard).getAllByText('3 / 10')).toHaveLength(2);
    expect(within(quarterlyCard).getAllByText('0 / 未设目标')).toHaveLength(2);
  });

  it('lets a city leader switch to one county: every report is asked for that county', async () => {
    const seen = renderApp('/', cityLeader, ...reports(), ...reference);
    expect((await screen.findByTestId('leader-light-red', {}, slow)).textContent).toBe('3');
    await pickOption(screen.getByTestId('leader-county-switch'), '霞山区');

    await waitFor(() => expect(screen.getByTestId('leader-light-red').textContent).toBe('1'), slow);
    const chart = await screen.findByTestId('leader-quarterly-chart', {}, slow);
    await waitFor(() => expect(chart.getAttribute('data-categories')).toBe('霞山临港产业转移工业园'), slow);
    for (const route of ['overview', 'overdue', 'quarterly', 'departments', 'park-evaluation']) {
      const last = seen.filter((req) => path(req) === `/api/v1/reports/${route}`).at(-1)!;
      expect({ route, county: params(last).countyCode }).toEqual({ route, county: '440803' });
    }
  });

  it('gives a county leader no switch and its county by park', async () => {
    const seen = renderApp('/', countyLeader, ...reports(), ...reference);
    expect(await screen.findByTestId('leader-light-red', {}, slow)).toBeTruthy();
    expect(screen.queryByTestId('leader-county-switch')).toBeNull();
    const chart = await screen.findByTestId('leader-quarterly-chart', {}, slow);
    expect(chart.getAttribute('data-categories')).toBe('霞山临港产业转移工业园|麻章经济开发区');
    expect(
      seen.filter((req) => path(req).startsWith('/api/v1/reports/')).every((req) => !params(req).countyCode),
    ).toBe(true);
  });

  it('exports a report as xlsx with the filters on screen', async () => {
    // jsdom has no object URLs: the blob handed over is what would be saved.
    const created: Blob[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:report';
    };
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const seen = renderApp(
      '/',
      cityLeader,
      (req) =>
        params(req).format === 'xlsx'
          ? new Response('xlsx-bytes', {
              status: 200,
              headers: {
                'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                'content-disposition': `attachment; filename="report-overdue.xlsx"; filename*=UTF-8''${encodeURIComponent('超期事项.xlsx')}`,
              },
            })
          : undefined,
      ...reports(),
      ...reference,
    );
    await screen.findByTestId('leader-light-red', {}, slow);
    fireEvent.click(screen.getByText('仅红灯'));
    fireEvent.click(screen.getByTestId('leader-export-overdue'));
    await waitFor(() => expect(click).toHaveBeenCalled(), slow);
    const exported = seen.find((req) => params(req).format === 'xlsx')!;
    expect(path(exported)).toBe('/api/v1/reports/overdue');
    expect(params(exported)).toEqual({ light: 'red', format: 'xlsx' });
    expect(await created[0].text()).toBe('xlsx-bytes');
    click.mockRestore();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('shows the API’s message when a report is refused', async () => {
    renderApp(
      '/',
      cityLeader,
      answer('/api/v1/reports/overview', { code: 'FORBIDDEN', message: '无权查看该县（市、区）的报表' }, 403),
      ...reports(),
      ...reference,
    );
    expect(await screen.findByText('无权查看该县（市、区）的报表', {}, slow)).toBeTruthy();
  });
});
