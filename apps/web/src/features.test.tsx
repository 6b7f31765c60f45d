import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from './auth/session';
import { FakeEventSource } from './test-event-source';
import { json, path, type Route } from './test-fetch';
import { renderAt } from './test-render';

/** findBy/waitFor: above testing-library's 1 s default, for a shared, busy machine. */
const slow = { timeout: 5_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const agent = {
  id: 'u1',
  displayName: '李代办',
  role: 'agent',
  scope: { kind: 'park', parkId: 'park-xslg' },
};

const note = (id: string, title: string, read: boolean) => ({
  id,
  title,
  body: `${title}的详细说明`,
  category: 'item',
  template: 'item.due_soon',
  createdAt: '2026-03-18T02:00:00Z',
  readAt: read ? '2026-03-18T03:00:00Z' : null,
  subjectId: null,
  subjectKind: null,
  urgent: id === 'n1',
});

const caseItem = (id: string, name: string, stage: string, extra: Record<string, unknown> = {}) => ({
  id,
  caseId: 'c1',
  name,
  stage,
  state: 'accepted',
  departmentName: '自然资源局',
  dueDate: '2026-04-02',
  light: 'yellow',
  workingDaysLeft: 3,
  overdueBy: null,
  paused: false,
  ...extra,
});

const theCase = {
  id: 'c1',
  projectId: 'p1',
  projectName: '年产20万吨高端新材料项目',
  state: 'in_progress',
  openedAt: '2026-01-05T01:00:00Z',
  agreementSignedOn: '2026-01-08',
  greenChannel: false,
  major: true,
  items: [
    caseItem('i3', '施工许可证核发', 'construction_permit', {
      state: 'not_started',
      light: null,
      dueDate: null,
      workingDaysLeft: null,
    }),
    caseItem('i1', '建设用地规划许可', 'land_planning', { light: 'red', overdueBy: 2, workingDaysLeft: -2 }),
    caseItem('i2', '用地预审与选址意见书', 'land_planning', { state: 'approved', light: 'green' }),
  ],
};

const emptyItems: Route = (req) =>
  path(req) === '/api/v1/items'
    ? json(200, { items: [], page: 1, pageSize: 20, total: 0, truncated: false })
    : undefined;

describe('the notification bell', () => {
  it('shows the unread count, lists the latest and marks one or all read', async () => {
    let unread = 2;
    const seen = renderAt(
      '/',
      agent,
      emptyItems,
      (req) => (path(req) === '/api/v1/me/notifications/unread-count' ? json(200, { unread }) : undefined),
      (req) =>
        path(req) === '/api/v1/me/notifications'
          ? json(200, {
              items: [
                note('n1', '事项即将超期', unread === 0),
                note('n2', '收到督办单', unread < 2),
                note('n3', '旧消息', true),
              ],
              unread,
            })
          : undefined,
      async (req) => {
        if (path(req) === '/api/v1/me/notifications/read') {
          const { ids } = (await req.json()) as { ids: string[] };
          unread -= ids.length;
          return json(200, { unread, updated: ids.length });
        }
        if (path(req) === '/api/v1/me/notifications/read-all') {
          const updated = unread;
          unread = 0;
          return json(200, { unread, updated });
        }
        return undefined;
      },
    );
    const bell = await screen.findByRole('button', { name: '消息通知（2 条未读）' }, slow);
    fireEvent.click(bell);
    const list = await screen.findByTestId('notification-list', {}, slow);
    expect(await within(list).findByText('事项即将超期', {}, slow)).toBeTruthy();
    expect(within(list).getByText('紧急')).toBeTruthy();
    expect(within(list).getAllByText('2026-03-18')).toHaveLength(3);
    expect(within(list).getAllByRole('button', { name: '标为已读' })).toHaveLength(2);

    fireEvent.click(within(list).getAllByRole('button', { name: '标为已读' })[0]);
    expect(await screen.findByRole('button', { name: '消息通知（1 条未读）' }, slow)).toBeTruthy();
    const read = seen.find((req) => path(req) === '/api/v1/me/notifications/read')!;
    expect(await read.json()).toEqual({ ids: ['n1'] });

    fireEvent.click(screen.getByRole('button', { name: '全部已读' }));
    expect(await screen.findByRole('button', { name: '消息通知' }, slow)).toBeTruthy();
    await waitFor(() => expect(within(list).queryAllByRole('button', { name: '标为已读' })).toHaveLength(0));
    expect(seen.some((req) => path(req) === '/api/v1/me/notifications/read-all')).toBe(true);
  });

  it('refreshes the count and the worklist when the live stream pushes an event', async () => {
    FakeEventSource.install();
    let unread = 0;
    const seen = renderAt(
      '/',
      agent,
      emptyItems,
      (req) => (path(req) === '/api/v1/me/notifications/unread-count' ? json(200, { unread }) : undefined),
      (req) =>
        path(req) === '/api/v1/stream/ticket' ? json(201, { ticket: 'tk', expiresIn: 60 }) : undefined,
    );
    expect(await screen.findByRole('button', { name: '消息通知' }, slow)).toBeTruthy();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    expect(new URL(FakeEventSource.last.url).searchParams.get('ticket')).toBe('tk');
    const itemsBefore = seen.filter((req) => path(req) === '/api/v1/items').length;

    unread = 1;
    FakeEventSource.last.push({ type: 'notification.created', subject: 'n9' }, '3-4');
    expect(await screen.findByRole('button', { name: '消息通知（1 条未读）' }, slow)).toBeTruthy();
    await waitFor(() =>
      expect(seen.filter((req) => path(req) === '/api/v1/items').length).toBeGreaterThan(itemsBefore),
    );
  });
});

describe('the case page', () => {
  it('groups the items by stage with state, department, due date, days left and light', async () => {
    renderAt('/cases/c1', agent, (req) =>
      path(req) === '/api/v1/cases/c1' ? json(200, theCase) : undefined,
    );
    expect(await screen.findByText('年产20万吨高端新材料项目 · 代办件', {}, slow)).toBeTruthy();
    expect(screen.getByText('办理中')).toBeTruthy();
    expect(screen.getByText('重大项目')).toBeTruthy();
    expect(screen.getByText('已签署（2026-01-08）')).toBeTruthy();

    const headers = screen
      .getAllByRole('button')
      .filter((el) => el.classList.contains('ant-collapse-header'));
    expect(headers.map((el) => el.textContent)).toEqual(['用地规划阶段2 个事项', '施工许可阶段1 个事项']);

    const row = screen.getByText('建设用地规划许可').closest('tr')!;
    expect(within(row).getByText('红灯')).toBeTruthy();
    expect(within(row).getByText('已受理')).toBeTruthy();
    expect(within(row).getByText('自然资源局')).toBeTruthy();
    expect(within(row).getByText('2026-04-02')).toBeTruthy();
    expect(within(row).getByText('已超期 2 个工作日')).toBeTruthy();

    const notStarted = screen.getByText('施工许可证核发').closest('tr')!;
    expect(within(notStarted).getByText('未启动')).toBeTruthy();
    expect(within(notStarted).getByText('未计时')).toBeTruthy();
    expect(screen.getByText('已批准')).toBeTruthy();
  });

  it('shows the API message when the case cannot be read', async () => {
    renderAt('/cases/nope', agent, (req) =>
      path(req) === '/api/v1/cases/nope'
        ? json(403, { code: 'FORBIDDEN', message: '无权访问该代办件' })
        : undefined,
    );
    expect(await screen.findByText('无权访问该代办件', {}, slow)).toBeTruthy();
  });

  it('is reached from the worklist, through the item page', async () => {
    renderAt(
      '/',
      agent,
      (req) =>
        path(req) === '/api/v1/items'
          ? json(200, {
              items: [{ ...caseItem('i1', '建设用地规划许可', 'land_planning'), projectName: '新材料项目' }],
              page: 1,
              pageSize: 20,
              total: 1,
              truncated: false,
            })
          : undefined,
      (req) => (path(req) === '/api/v1/cases/c1' ? json(200, theCase) : undefined),
    );
    // The item page links on to the case (pages/items/item-page.test.tsx).
    const link = await screen.findByRole('link', { name: '建设用地规划许可' }, slow);
    expect(link.getAttribute('href')).toBe('/items/i1');
  });
});
