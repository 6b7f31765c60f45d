import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { json, path, type Route } from '../../test-fetch';
import { renderAt } from '../../test-render';

/** findBy/waitFor: above testing-library's 1 s default, for a shared, busy machine. */
const slow = { timeout: 5_000 };

beforeEach(() => {
  // Only Date is faked: the pages open on the current year, and promises must keep running.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-10T02:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  clearTokens();
});

const admin = { id: 'u0', displayName: '系统管理员', role: 'admin', scope: { kind: 'city' } };

const parks: Route = (req) =>
  path(req) === '/api/v1/parks'
    ? json(200, {
        items: [
          {
            id: 'park-xslg',
            name: '霞山临港产业转移工业园',
            countyCode: '440803',
            countyName: '霞山区',
            description: null,
            level: 'provincial',
            active: true,
            version: 1,
          },
          {
            id: 'park-mzjk',
            name: '麻章经济开发区',
            countyCode: '440811',
            countyName: '麻章区',
            description: null,
            level: 'provincial',
            active: true,
            version: 1,
          },
        ],
      })
    : undefined;

const counties: Route = (req) =>
  path(req) === '/api/v1/counties'
    ? json(200, {
        items: [
          { code: '440803', name: '霞山区', kind: 'district', sortOrder: 2 },
          { code: '440811', name: '麻章区', kind: 'district', sortOrder: 4 },
        ],
      })
    : undefined;

const user = (username: string, displayName: string, extra: Record<string, unknown> = {}) => ({
  id: `id-${username}`,
  username,
  displayName,
  role: 'agent',
  scope: { kind: 'park', parkId: 'park-xslg' },
  phone: '138****5678',
  email: null,
  enabled: true,
  locked: false,
  passwordChangedAt: '2026-01-02T00:00:00Z',
  passwordExpiresAt: null,
  createdAt: '2026-01-02T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
  ...extra,
});

/** Opens an antd Select and picks the option with that label. */
async function choose(field: HTMLElement, label: string) {
  fireEvent.mouseDown(field);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (el) => el.getAttribute('title') === label,
    );
    if (!found) throw new Error(`no option ${label}`);
    return found;
  }, slow);
  fireEvent.click(option);
}

describe('the admin menu and header', () => {
  it('lists the admin pages and shows park names instead of ids', async () => {
    renderAt('/', admin, parks, counties);
    for (const key of [
      'home',
      'admin-users',
      'admin-catalog',
      'admin-calendar',
      'admin-thresholds',
      'admin-targets',
      'admin-notification-targets',
    ]) {
      expect(await screen.findByTestId(`nav-${key}`, {}, slow)).toBeTruthy();
    }
    expect(screen.getByTestId('admin-home-admin-calendar').getAttribute('href')).toBe('/admin/calendar');
    expect(within(screen.getByTestId('header-scope')).getByText('湛江市（全市）')).toBeTruthy();
  });

  it('names the park of a park user in the header', async () => {
    const agent = {
      id: 'u1',
      displayName: '李代办',
      role: 'agent',
      scope: { kind: 'park', parkId: 'park-xslg' },
    };
    renderAt('/', agent, parks);
    const scope = await screen.findByTestId('header-scope', {}, slow);
    await waitFor(() => expect(scope.textContent).toBe('园区：霞山临港产业转移工业园'), slow);
  });
});

describe('user management', () => {
  it('creates an agent of a park', async () => {
    let users = [user('demo_agent', '李代办')];
    const seen = renderAt('/admin/users', admin, parks, counties, async (req) => {
      if (path(req) !== '/api/v1/users') return undefined;
      if (req.method === 'POST') {
        const body = (await req.json()) as { username: string; displayName: string };
        const created = user(body.username, body.displayName);
        users = [...users, created];
        return json(201, created);
      }
      return json(200, { items: users, page: 1, pageSize: 20, total: users.length });
    });

    const row = await screen.findByTestId('admin-user-row-demo_agent', {}, slow);
    expect(within(row).getByText('138****5678')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('园区：霞山临港产业转移工业园')).toBeTruthy(), slow);

    fireEvent.click(screen.getByTestId('admin-user-create'));
    const form = await screen.findByTestId('admin-user-form', {}, slow);
    fireEvent.change(within(form).getByLabelText('用户名'), { target: { value: 'wang_agent' } });
    fireEvent.change(within(form).getByLabelText('姓名'), { target: { value: '王代办' } });
    await choose(within(form).getByLabelText('角色'), '代办员');
    await choose(await within(form).findByLabelText('园区', {}, slow), '麻章经济开发区（麻章区）');
    fireEvent.change(within(form).getByLabelText('手机号'), { target: { value: '13800138000' } });
    fireEvent.change(within(form).getByLabelText('初始密码'), { target: { value: 'Start#2026x' } });
    fireEvent.click(screen.getByTestId('admin-user-submit'));

    expect(await screen.findByText('已创建用户 王代办', {}, slow)).toBeTruthy();
    const post = seen.find((req) => path(req) === '/api/v1/users' && req.method === 'POST')!;
    expect(await post.json()).toEqual({
      username: 'wang_agent',
      displayName: '王代办',
      role: 'agent',
      scope: { kind: 'park', parkId: 'park-mzjk' },
      phone: '13800138000',
      password: 'Start#2026x',
    });
    expect(await screen.findByTestId('admin-user-row-wang_agent', {}, slow)).toBeTruthy();
  });

  it('disables a user after confirmation and shows the API refusal', async () => {
    let agent = user('demo_agent', '李代办');
    const patches: unknown[] = [];
    renderAt('/admin/users', admin, parks, counties, async (req) => {
      if (path(req) === '/api/v1/users')
        return json(200, { items: [agent], page: 1, pageSize: 20, total: 1 });
      if (path(req) === `/api/v1/users/${agent.id}` && req.method === 'PATCH') {
        const body = (await req.json()) as { enabled: boolean };
        patches.push(body);
        if (patches.length > 1) return json(409, { code: 'CONFLICT', message: '不能启用已锁定的用户' });
        agent = { ...agent, enabled: body.enabled };
        return json(200, agent);
      }
      return undefined;
    });

    fireEvent.click(await screen.findByTestId('admin-user-toggle-demo_agent', {}, slow));
    fireEvent.click(await screen.findByTestId('admin-user-disable-confirm', {}, slow));
    expect(await screen.findByText('已停用 李代办', {}, slow)).toBeTruthy();
    expect(patches).toEqual([{ enabled: false }]);
    const row = screen.getByTestId('admin-user-row-demo_agent');
    await waitFor(() => expect(within(row).getByText('已停用')).toBeTruthy(), slow);

    fireEvent.click(within(row).getByTestId('admin-user-toggle-demo_agent'));
    expect(await screen.findByText('不能启用已锁定的用户', {}, slow)).toBeTruthy();
    expect(patches).toEqual([{ enabled: false }, { enabled: true }]);
  });
});

describe('the holiday calendar', () => {
  it('marks a holiday and a 调休 working Sunday and saves the whole year', async () => {
    let revision = 1;
    const seen = renderAt('/admin/calendar', admin, async (req) => {
      if (path(req) !== '/api/v1/calendar/2026') return undefined;
      const calendar = {
        year: 2026,
        holidays: ['2026-10-01'],
        makeupWorkdays: ['2026-10-10'],
        revision,
        source: '国办发明电〔2025〕7号',
        updatedAt: '2025-11-04T02:00:00Z',
        updatedBy: 'u0',
      };
      if (req.method === 'PUT') {
        revision += 1;
        return json(200, { calendar: { ...calendar, ...(await req.json()), revision }, recomputedItems: 3 });
      }
      return json(200, calendar);
    });

    const holiday = await screen.findByTestId('calendar-day-2026-10-01', {}, slow);
    expect(holiday.getAttribute('data-state')).toBe('holiday');
    expect(screen.getByTestId('calendar-day-2026-10-10').getAttribute('data-state')).toBe('makeup');
    expect(screen.getByTestId('calendar-day-2026-10-11').getAttribute('data-state')).toBe('weekend');
    expect(screen.getByTestId('calendar-day-2026-10-12').getAttribute('data-state')).toBe('workday');
    expect(screen.getByTestId('calendar-counts').textContent).toBe('放假 1 天，调休上班 1 天');

    fireEvent.click(screen.getByTestId('calendar-day-2026-10-02'));
    fireEvent.click(screen.getByTestId('calendar-day-2026-10-11'));
    expect(screen.getByTestId('calendar-day-2026-10-02').getAttribute('data-state')).toBe('holiday');
    expect(screen.getByTestId('calendar-day-2026-10-11').getAttribute('data-state')).toBe('makeup');
    expect(screen.getByText('有未保存的修改')).toBeTruthy();
    fireEvent.click(screen.getByTestId('calendar-save'));

    expect(await screen.findByText('已保存，重算了 3 个事项的期限', {}, slow)).toBeTruthy();
    const put = seen.find((req) => req.method === 'PUT')!;
    expect(await put.json()).toEqual({
      holidays: ['2026-10-01', '2026-10-02'],
      makeupWorkdays: ['2026-10-10', '2026-10-11'],
      source: '国办发明电〔2025〕7号',
    });
    await waitFor(() => expect(screen.queryByText('有未保存的修改')).toBeNull(), slow);
  });

  it('offers to enter a year that has no calendar yet', async () => {
    renderAt('/admin/calendar', admin, (req) =>
      path(req) === '/api/v1/calendar/2026'
        ? json(404, { code: 'NOT_FOUND', message: '2026 年的工作日历尚未录入' })
        : undefined,
    );
    expect(await screen.findByText(/2026 年的工作日历尚未录入，可按国务院办公厅通知/, {}, slow)).toBeTruthy();
    expect(screen.getByTestId('calendar-day-2026-01-01').getAttribute('data-state')).toBe('workday');
  });
});

describe('the yearly targets', () => {
  it('edits a county target, clears an override and saves with the version read', async () => {
    const targets = {
      year: 2026,
      version: 2,
      updatedAt: '2026-01-05T02:00:00Z',
      updatedBy: 'u0',
      targets: {
        countyDefaults: { newStarts: 10, newProduction: 5, reservedMu: null, revitalizedMu: null },
        counties: { '440803': { newStarts: 12 } },
        parks: {},
        investmentTiers: { gte_100yi: 10, from_50_to_100yi: 10, from_10_to_50yi: 20, from_5_to_10yi: 20 },
        evaluationWeights: {
          newStarts: 30,
          newProduction: 30,
          reservedMu: 10,
          revitalizedMu: 10,
          onTimeRate: 20,
        },
      },
    };
    const seen = renderAt('/admin/targets', admin, counties, async (req) => {
      if (path(req) !== '/api/v1/targets/2026') return undefined;
      if (req.method === 'PUT') {
        const body = (await req.json()) as { targets: typeof targets.targets };
        return json(200, { ...targets, version: 3, targets: body.targets });
      }
      return json(200, targets);
    });

    const mazhang = await screen.findByTestId('targets-row-440811', {}, slow);
    expect(within(mazhang).getByText('新开工 2.5 / 5 / 7.5 / 10')).toBeTruthy();
    const xiashan = screen.getByTestId('targets-row-440803');
    expect((within(xiashan).getByLabelText('霞山区 新开工（个）') as HTMLInputElement).value).toBe('12');

    fireEvent.change(within(mazhang).getByLabelText('麻章区 新开工（个）'), { target: { value: '8' } });
    fireEvent.change(within(xiashan).getByLabelText('霞山区 新开工（个）'), { target: { value: '' } });
    fireEvent.change(within(mazhang).getByLabelText('麻章区 新收储（亩）'), { target: { value: '120.5' } });
    await waitFor(() => expect(within(mazhang).getByText('新开工 2 / 4 / 6 / 8')).toBeTruthy(), slow);
    fireEvent.click(screen.getByTestId('targets-save'));

    expect(await screen.findByText('已保存（第 3 版）', {}, slow)).toBeTruthy();
    const put = seen.find((req) => req.method === 'PUT')!;
    expect(await put.json()).toEqual({
      expectedVersion: 2,
      targets: { ...targets.targets, counties: { '440811': { newStarts: 8, reservedMu: 120.5 } } },
    });
  });

  it('shows the API message when someone else saved first', async () => {
    renderAt('/admin/targets', admin, counties, (req) => {
      if (path(req) !== '/api/v1/targets/2026') return undefined;
      if (req.method === 'PUT') return json(409, { code: 'CONFLICT', message: '目标已被修改，请刷新后重试' });
      return json(200, {
        year: 2026,
        version: 0,
        updatedAt: null,
        updatedBy: null,
        targets: {
          countyDefaults: { newStarts: 10, newProduction: 5, reservedMu: null, revitalizedMu: null },
          counties: {},
          parks: {},
          investmentTiers: { gte_100yi: 10, from_50_to_100yi: 10, from_10_to_50yi: 20, from_5_to_10yi: 20 },
          evaluationWeights: {
            newStarts: 1,
            newProduction: 1,
            reservedMu: 1,
            revitalizedMu: 1,
            onTimeRate: 1,
          },
        },
      });
    });
    const defaults = await screen.findByTestId('targets-row-default', {}, slow);
    fireEvent.change(within(defaults).getByLabelText('默认目标（未单独设置的县区） 新投产（个）'), {
      target: { value: '6' },
    });
    fireEvent.click(screen.getByTestId('targets-save'));
    expect(await screen.findByText('目标已被修改，请刷新后重试', {}, slow)).toBeTruthy();
  });
});

describe('the thresholds', () => {
  const env = (name: string) => ({ source: 'env', name });
  const code = (name: string) => ({ source: 'code', name });
  // Not the defaults: the page must show what the services answer, not numbers of its own.
  const thresholds = {
    registry: {
      agencyWan: { value: '20000.5', ...env('REGISTRY_AGENCY_THRESHOLD_WAN') },
      taskForceWan: { value: '80000', ...env('REGISTRY_TASK_FORCE_THRESHOLD_WAN') },
    },
    workflow: {
      acceptanceDecisionWorkingDays: { value: 6, ...code('ACCEPTANCE_DECISION_WORKING_DAYS') },
      requestLimitWorkingDays: { value: 7, ...env('REQUEST_LIMIT_WORKING_DAYS') },
    },
    notifications: {
      yellowElapsedPercent: { value: 75, ...code('DEFAULT_LIGHT_THRESHOLDS') },
      greenChannelYellowElapsedPercent: { value: 55, ...code('DEFAULT_LIGHT_THRESHOLDS') },
      yellowRemainingDays: { value: 2, ...code('DEFAULT_LIGHT_THRESHOLDS') },
      overdueEscalationWorkingDays: { value: [4, 12], ...code('DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS') },
      supervisionFeedbackWorkingDays: { value: 9, ...env('SUPERVISION_FEEDBACK_DAYS') },
    },
  };

  it('shows the values the services answer and where each is configured', async () => {
    const seen = renderAt('/admin/thresholds', admin, (req) =>
      path(req) === '/api/v1/admin/thresholds' ? json(200, thresholds) : undefined,
    );

    const agency = await screen.findByTestId('thresholds-agency', {}, slow);
    expect(within(agency).getByText('总投资超过 20000.5 万元（恰好等于不算）')).toBeTruthy();
    expect(within(agency).getByText('registry 服务环境变量 REGISTRY_AGENCY_THRESHOLD_WAN')).toBeTruthy();
    expect(within(agency).getByText('总投资超过 80000 万元')).toBeTruthy();

    const lights = screen.getByTestId('thresholds-lights');
    expect(within(lights).getByText('已用时限达到 75% 或剩余不超过 2 个工作日')).toBeTruthy();
    expect(within(lights).getByText('已用时限达到 55%')).toBeTruthy();
    expect(within(lights).getAllByText('系统内置（DEFAULT_LIGHT_THRESHOLDS）')).toHaveLength(2);

    const escalation = screen.getByTestId('thresholds-escalation');
    expect(within(escalation).getByText(/^超期 4 个工作日，或重大项目亮红灯/)).toBeTruthy();
    expect(within(escalation).getByText('超期 12 个工作日：报市领导通报')).toBeTruthy();

    const other = screen.getByTestId('thresholds-other');
    expect(within(other).getByText(/^提交后 6 个工作日内未受理也未退回/)).toBeTruthy();
    expect(within(other).getByText('7 个工作日')).toBeTruthy();
    expect(within(other).getByText('workflow 服务环境变量 REQUEST_LIMIT_WORKING_DAYS')).toBeTruthy();
    expect(within(other).getByText('9 个工作日')).toBeTruthy();
    expect(within(other).getByText('notifications 服务环境变量 SUPERVISION_FEEDBACK_DAYS')).toBeTruthy();
    expect(seen.filter((req) => path(req) === '/api/v1/admin/thresholds')).toHaveLength(1);
  });

  it('says so when a service cannot answer, instead of showing numbers of its own', async () => {
    renderAt('/admin/thresholds', admin, (req) =>
      path(req) === '/api/v1/admin/thresholds'
        ? json(503, { code: 'UPSTREAM_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' })
        : undefined,
    );
    const error = await screen.findByTestId('thresholds-error', {}, slow);
    expect(within(error).getByText('服务暂时不可用，请稍后重试')).toBeTruthy();
    expect(screen.queryByTestId('thresholds-agency')).toBeNull();
  });
});
