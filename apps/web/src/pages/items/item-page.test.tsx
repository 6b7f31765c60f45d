import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { json, path, type Route } from '../../test-fetch';
import { renderAt } from '../../test-render';
import type { ItemDetail } from './item-actions';
import { itemDetail } from './item-fixtures';

/** findBy/waitFor: above testing-library's 1 s default, for a shared, busy machine. */
const slow = { timeout: 5_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const officer = {
  id: 'u5',
  displayName: '周专办',
  role: 'department_officer',
  scope: { kind: 'department', departmentCode: 'fgj', countyCode: '440803' },
};
const agent = {
  id: 'u1',
  displayName: '李代办',
  role: 'agent',
  scope: { kind: 'park', parkId: 'park-xslg' },
};

/** Answers GET requests by exact path from a table; functions see the request. */
const table =
  (answers: Record<string, unknown | ((req: Request) => unknown)>): Route =>
  async (req) => {
    const answer = answers[path(req)];
    if (answer === undefined) return undefined;
    return json(200, typeof answer === 'function' ? await answer(req) : answer);
  };

const ledgerEntry = (
  id: string,
  itemId: string | null,
  action: string,
  from: string | null,
  to: string | null,
) => ({
  id,
  caseId: 'c1',
  itemId,
  itemName: itemId ? '企业投资项目备案' : null,
  requestId: null,
  subject: itemId ? 'item' : 'case',
  action,
  from,
  to,
  actorRole: 'agent',
  actorUserId: 'u1',
  attachmentId: null,
  effectiveAt: '2026-03-02T02:00:00Z',
  recordedAt: id === 'l2' ? '2026-03-05T02:00:00Z' : '2026-03-02T02:00:00Z',
  note: id === 'l2' ? '窗口收件' : null,
  fields: {},
});

const listed = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  ...itemDetail({ id, name, state: 'accepted', light: 'yellow', dueDate: '2026-03-20', workingDaysLeft: 1 }),
  projectName: '年产20万吨高端新材料项目',
  projectCode: null,
  enterpriseId: 'e1',
  parkId: 'park-xslg',
  countyCode: '440803',
  agentUserId: 'u1',
  greenChannel: false,
  major: false,
  ...extra,
});

describe('the item page', () => {
  it('shows the header, the item’s history and attachments, and no reminders to an officer', async () => {
    const item = itemDetail({
      state: 'special_procedure',
      light: 'green',
      dueDate: '2026-04-02',
      dueAt: '2026-04-02T15:59:59Z',
      workingDaysLeft: 6,
      paused: true,
      acceptedOn: '2026-03-03',
      specialProcedures: [
        {
          kind: 'expert_review',
          startOn: '2026-03-10',
          endOn: null,
          estimate: '约10个工作日',
          estimatedWorkingDays: 10,
        },
      ],
      allowedActions: ['end_special_procedure'],
    });
    const seen = renderAt(
      '/items/i1',
      officer,
      table({
        '/api/v1/items/i1': item,
        '/api/v1/cases/c1/ledger': {
          entries: [
            ledgerEntry('l1', 'i1', 'submit', 'preparing', 'submitted'),
            ledgerEntry('l2', 'i1', 'accept', 'submitted', 'accepted'),
            ledgerEntry('l3', 'i9', 'accept', 'submitted', 'accepted'),
            ledgerEntry('l4', null, 'assign_agent', 'agreement_signed', 'in_progress'),
          ],
        },
        '/api/v1/attachments': {
          attachments: [
            {
              id: 'a1',
              projectId: 'p1',
              caseId: 'c1',
              itemId: 'i1',
              requestId: null,
              kind: 'material',
              filename: '项目备案申请表.pdf',
              contentType: 'application/pdf',
              size: 204800,
              sha256: 'x',
              uploadedAt: '2026-03-01T03:00:00Z',
              uploadedBy: 'u1',
            },
          ],
        },
      }),
    );
    expect(await screen.findByTestId('item-name', {}, slow)).toHaveProperty(
      'textContent',
      '企业投资项目备案',
    );
    expect(screen.getByTestId('item-state').textContent).toBe('特别程序');
    expect(screen.getByText('发展和改革局')).toBeTruthy();
    expect(within(screen.getByTestId('item-light')).getByText('绿灯')).toBeTruthy();
    expect(screen.getByTestId('item-due-date').textContent).toBe('2026-04-02');
    expect(screen.getByTestId('item-days-left').textContent).toBe('6 个工作日（暂停计时）');
    expect(screen.getByTestId('item-clock').textContent).toBe('暂停计时（特别程序）');
    expect(screen.getByText('专家评审：2026-03-10 起，进行中（预计 10 个工作日）')).toBeTruthy();
    expect(screen.getByTestId('item-action-end_special_procedure').textContent?.replace(/\s/g, '')).toBe(
      '结束特别程序',
    );

    const history = await screen.findAllByTestId('item-history-entry', {}, slow);
    expect(history.map((entry) => entry.querySelector('strong')?.textContent)).toEqual([
      '提交申请（准备材料 → 已提交）',
      '受理（已提交 → 已受理）',
    ]);
    expect(within(history[1]).getByText(/（2026-03-05 补录）/)).toBeTruthy();
    expect(within(history[1]).getByText('窗口收件')).toBeTruthy();

    expect(await screen.findByText('项目备案申请表.pdf', {}, slow)).toBeTruthy();
    expect(screen.getByText('申报材料 · 2026-03-01 · 200 KB')).toBeTruthy();
    const attachments = seen.find((req) => path(req) === '/api/v1/attachments')!;
    expect(new URL(attachments.url).searchParams.get('itemId')).toBe('i1');
    expect(screen.queryByTestId('item-reminders')).toBeNull();
    expect(seen.some((req) => path(req) === '/api/v1/items/i1/reminders')).toBe(false);
  });

  it('shows the new state once an action succeeds, and an agent the reminder schedule', async () => {
    let current: ItemDetail = itemDetail({ state: 'preparing', allowedActions: ['submit', 'waive'] });
    const seen = renderAt(
      '/items/i1',
      agent,
      table({
        '/api/v1/items/i1': () => current,
        '/api/v1/cases/c1/ledger': { entries: [] },
        '/api/v1/attachments': { attachments: [] },
        '/api/v1/items/i1/reminders': {
          deadlineKey: 'i1:1',
          dueAt: '2026-03-20T15:59:59Z',
          status: 'open',
          version: 1,
          rungs: [
            {
              deadlineKey: 'i1:1',
              rung: 'yellow',
              fireAt: '2026-03-18T00:00:00Z',
              firedAt: null,
              status: 'pending',
              version: 1,
            },
          ],
        },
      }),
      (req) => {
        if (path(req) !== '/api/v1/items/i1/actions') return undefined;
        current = itemDetail({ state: 'submitted', version: 4, allowedActions: [] });
        return json(200, current);
      },
    );
    expect(await screen.findByText('暂无办理记录', {}, slow)).toBeTruthy();
    expect(screen.getByText('暂无附件')).toBeTruthy();
    expect(await screen.findByText('黄灯提醒（代办员、专办员）', {}, slow)).toBeTruthy();
    expect(screen.getByText('计划时间 2026-03-18 · 待触发')).toBeTruthy();

    fireEvent.click(screen.getByTestId('item-action-submit'));
    const form = await screen.findByTestId('item-action-form', {}, slow);
    fireEvent.change(within(form).getByLabelText('申报回执编号'), { target: { value: 'SB-2026-0042' } });
    fireEvent.click(within(form).getByTestId('item-action-submit'));
    await waitFor(() => expect(screen.getByTestId('item-state').textContent).toBe('已提交'), slow);
    expect(screen.getByText('当前状态下您没有可办理的操作')).toBeTruthy();
    const action = seen.find((req) => path(req) === '/api/v1/items/i1/actions')!;
    expect(await action.json()).toEqual({ action: 'submit', expectedVersion: 3, receiptNo: 'SB-2026-0042' });
  });

  it('shows the API message when the item cannot be read', async () => {
    renderAt('/items/nope', officer, (req) =>
      path(req) === '/api/v1/items/nope'
        ? json(404, { code: 'NOT_FOUND', message: '审批事项不存在' })
        : undefined,
    );
    expect(await screen.findByText('审批事项不存在', {}, slow)).toBeTruthy();
  });
});

describe('reaching the item page', () => {
  it('the officer home lists my department’s items, searches on the server and opens the item', async () => {
    const seen = renderAt(
      '/',
      officer,
      table({
        '/api/v1/items': (req: Request) => {
          const q = new URL(req.url).searchParams.get('q');
          const items = q
            ? [listed('i2', '建设项目节能审查', { greenChannel: true })]
            : [
                listed('i1', '企业投资项目备案', { light: 'red', overdueBy: 2 }),
                listed('i2', '建设项目节能审查'),
              ];
          return { items, page: 1, pageSize: 20, total: items.length, truncated: false };
        },
        '/api/v1/items/i1': itemDetail(),
        '/api/v1/cases/c1/ledger': { entries: [] },
        '/api/v1/attachments': { attachments: [] },
      }),
    );
    expect(await screen.findByText('本部门待办事项', {}, slow)).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('officer-row')).toHaveLength(2), slow);
    expect(
      screen.getAllByTestId('worklist-item-link').map((link) => link.getAttribute('data-item-id')),
    ).toEqual(['i1', 'i2']);
    expect(screen.getByText('已超期 2 个工作日')).toBeTruthy();
    expect(screen.queryByTestId('item-filter-department')).toBeNull();
    const first = seen.find((req) => path(req) === '/api/v1/items')!;
    expect(Object.fromEntries(new URL(first.url).searchParams)).toEqual({ page: '1', pageSize: '20' });

    const search = screen.getByPlaceholderText('搜索项目名称、项目代码或事项名称');
    fireEvent.change(search, { target: { value: '节能' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getAllByTestId('officer-row')).toHaveLength(1), slow);
    const searched = seen.filter((req) => path(req) === '/api/v1/items').at(-1)!;
    expect(Object.fromEntries(new URL(searched.url).searchParams)).toEqual({
      q: '节能',
      page: '1',
      pageSize: '20',
    });

    fireEvent.click(screen.getByRole('button', { name: /清除筛选/ }));
    await waitFor(() => expect(screen.getAllByTestId('officer-row')).toHaveLength(2), slow);
    const link = within(screen.getAllByTestId('officer-row')[0]).getByTestId('worklist-item-link');
    expect(link.getAttribute('href')).toBe('/items/i1');
    fireEvent.click(link);
    expect(await screen.findByTestId('item-action-accept', {}, slow)).toBeTruthy();
  });

  it('the agent worklist has a department filter fed by the catalog and links each row to its item', async () => {
    renderAt(
      '/',
      agent,
      table({
        '/api/v1/items': {
          items: [listed('i1', '企业投资项目备案')],
          page: 1,
          pageSize: 20,
          total: 1,
          truncated: false,
        },
        '/api/v1/catalog': { items: [{ departmentCode: 'fgj', departmentName: '发展和改革局' }] },
      }),
    );
    const row = await screen.findByTestId('worklist-row', {}, slow);
    expect(within(row).getByRole('link', { name: '企业投资项目备案' }).getAttribute('href')).toBe(
      '/items/i1',
    );
    expect(screen.getByTestId('item-filter-department')).toBeTruthy();
  });

  it('the case page links each item row to its item page, which links back to the case', async () => {
    renderAt(
      '/cases/c1',
      agent,
      table({
        '/api/v1/cases/c1': {
          id: 'c1',
          projectId: 'p1',
          projectName: '年产20万吨高端新材料项目',
          state: 'in_progress',
          openedAt: '2026-01-05T01:00:00Z',
          agreementSignedOn: '2026-01-08',
          greenChannel: false,
          major: false,
          items: [itemDetail()],
        },
        '/api/v1/items/i1': itemDetail(),
        '/api/v1/cases/c1/ledger': { entries: [] },
        '/api/v1/attachments': { attachments: [] },
      }),
    );
    const link = await screen.findByRole('link', { name: '企业投资项目备案' }, slow);
    expect(link.getAttribute('href')).toBe('/items/i1');
    fireEvent.click(link);
    expect(await screen.findByTestId('item-name', {}, slow)).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: '查看所属代办件' }));
    expect(await screen.findByText('年产20万吨高端新材料项目 · 代办件', {}, slow)).toBeTruthy();
  });
});
