import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { answer, renderApp } from '../../test-app';
import { json, path } from '../../test-fetch';
import { directorMe, theCase } from '../case/case-fixtures';
import { boardRoutes, capture, chooseOption, order, project } from './board-fixtures';

// antd tables render slowly under jsdom.
vi.setConfig({ testTimeout: 40_000 });
const slow = { timeout: 10_000 };
const FIRST = '00000000-0000-4000-8000-000000000001';
const SECOND = '00000000-0000-4000-8000-000000000002';

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

describe('the center director’s park board', () => {
  it('counts the park’s cases by state and lists its cases with state, agent, lights and flags', async () => {
    const seen = renderApp('/', directorMe, ...boardRoutes);
    expect(await screen.findByTestId('director-board', {}, slow)).toBeTruthy();
    const inProgress = () => screen.getByTestId('director-state-in_progress').textContent;
    await waitFor(() => expect(inProgress()).toContain('2'), slow);
    expect(screen.getByTestId('director-state-in_progress').textContent).toContain('办理中');
    expect(screen.getByTestId('director-state-awaiting_agreement').textContent).toContain('1');
    expect(screen.getByTestId('director-state-suspended').textContent).toContain('0');
    expect(screen.getByTestId('director-red-items').textContent).toContain('1');

    const link = await screen.findByTestId('director-project-p1', {}, slow);
    expect(link.getAttribute('href')).toBe('/cases/c1');
    const row = link.closest('tr')!;
    expect(within(row).getByTestId('director-case-state-c1').textContent).toBe('办理中');
    expect(await within(row).findByText('李代办', {}, slow)).toBeTruthy();
    expect(within(row).getByTestId('director-lights-c1').textContent).toBe('红灯 1黄灯 1绿灯 2');
    // antd spaces out a two-character button label (改 派).
    expect(within(row).getByTestId('director-assign-c1').textContent?.replace(/\s/g, '')).toBe('改派');
    expect(within(row).getByTestId('director-green-p1').getAttribute('aria-checked')).toBe('true');
    expect(within(row).getByTestId('director-major-p1').getAttribute('aria-checked')).toBe('false');
    // One list request, no case per project.
    expect(seen.filter((req) => path(req).endsWith('/case'))).toHaveLength(0);
  });

  it('filters the cases by state on the server, from page 1', async () => {
    const seen = renderApp('/', directorMe, ...boardRoutes);
    await screen.findByTestId('director-case-state-c1', {}, slow);
    await chooseOption(screen.getByTestId('director-case-state-filter'), '已暂停');
    const caseQueries = () =>
      seen
        .filter((req) => path(req) === '/api/v1/cases')
        .map((req) => Object.fromEntries(new URL(req.url).searchParams));
    await waitFor(
      () => expect(caseQueries()).toContainEqual({ page: '1', pageSize: '10', state: 'suspended' }),
      slow,
    );
    expect(caseQueries()[0]).toEqual({ page: '1', pageSize: '10' });
  });

  it('lists every project, with or without a case, where the flags are set', async () => {
    renderApp('/', directorMe, ...boardRoutes);
    fireEvent.click(await screen.findByTestId('director-view-projects', {}, slow));
    const other = (await screen.findByTestId('director-project-p2', {}, slow)).closest('tr')!;
    expect(within(other).getByTestId('director-green-p2').getAttribute('aria-checked')).toBe('false');
    expect(screen.getByTestId('director-green-p1').getAttribute('aria-checked')).toBe('true');
  });

  it('reassigns the agent with the case version it showed, offering agents without a case too', async () => {
    const assign = capture('POST', '/api/v1/cases/c1/actions', () =>
      json(200, theCase({ agentUserId: 'a2', version: 5 })),
    );
    renderApp('/', directorMe, assign.route, ...boardRoutes);
    fireEvent.click(await screen.findByTestId('director-assign-c1', {}, slow));
    const form = await screen.findByTestId('assign-agent-form', {}, slow);
    expect(await within(form).findByText(/李代办（当前）/, {}, slow)).toBeTruthy();
    await chooseOption(form, '王新人 · 在办 0 件，超期事项 0 项');
    await chooseOption(form, '张代办');
    fireEvent.click(within(form).getByTestId('assign-agent-submit'));
    await waitFor(() => expect(assign.bodies).toHaveLength(1), slow);
    expect(assign.bodies[0]).toEqual({ action: 'assign_agent', agentUserId: 'a2', expectedVersion: 4 });
    expect(await screen.findByText('已指派代办员', {}, slow)).toBeTruthy();
  });

  it('sets the major-project flag on the project with the registry’s version', async () => {
    const patched = project('p1', '年产20万吨高端新材料项目', { major: true, version: 3 });
    const patch = capture('PATCH', '/api/v1/projects/p1', () => json(200, patched));
    const seen = renderApp('/', directorMe, patch.route, ...boardRoutes);
    fireEvent.click(await screen.findByTestId('director-major-p1', {}, slow));
    await waitFor(() => expect(patch.bodies).toEqual([{ version: 2, major: true }]), slow);
    expect(await screen.findByText('标记已更新', {}, slow)).toBeTruthy();
    expect(screen.getByTestId('director-major-p1').getAttribute('aria-checked')).toBe('true');
    const caseReads = () => seen.filter((req) => path(req) === '/api/v1/cases').length;
    await waitFor(() => expect(caseReads()).toBeGreaterThan(1), slow);
  });

  it('lists supervision orders with the department’s name and reviews one with feedback', async () => {
    const act = capture('POST', `/api/v1/supervision-orders/${SECOND}/actions`, () =>
      json(200, order(SECOND, 'reviewed')),
    );
    const seen = renderApp(
      '/?tab=supervision',
      directorMe,
      act.route,
      answer('/api/v1/supervision-orders', {
        items: [order(FIRST, 'issued'), order(SECOND, 'feedback')],
        total: 2,
      }),
      ...boardRoutes,
    );
    const list = await screen.findByTestId('director-supervision', {}, slow);
    expect(await within(list).findByText('已反馈', {}, slow)).toBeTruthy();
    expect(within(list).getByText('已下发')).toBeTruthy();
    expect((await within(list).findAllByText('自然资源局', {}, slow)).length).toBe(2);
    expect(within(list).queryByTestId(`supervision-review-pass-${FIRST}`)).toBeNull();
    fireEvent.click(within(list).getByTestId(`supervision-review-pass-${SECOND}`));
    const reviewed = [{ action: 'review', accepted: true, expectedVersion: 2 }];
    await waitFor(() => expect(act.bodies).toEqual(reviewed), slow);
    const query = new URL(seen.find((req) => path(req) === '/api/v1/supervision-orders')!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ limit: '10', offset: '0' });
  });

  it('shows the park’s 2号章 register', async () => {
    const seen = renderApp(
      '/?tab=seal',
      directorMe,
      answer('/api/v1/parks/park-xslg/seal-register', {
        entries: [
          {
            id: 's1',
            parkId: 'park-xslg',
            issuedOn: '2026-03-10',
            itemId: 'i1',
            itemName: '建设用地规划许可',
            departmentCode: 'zrzy',
            caseId: 'c1',
            projectId: 'p1',
            projectName: '年产20万吨高端新材料项目',
            resultDocNo: '湛自然资规〔2026〕12号',
            handlerUserId: 'a1',
            approver: '陈局长',
            recordedAt: '2026-03-10T03:00:00Z',
          },
        ],
      }),
      ...boardRoutes,
    );
    const register = await screen.findByTestId('director-seal-register', {}, slow);
    expect(await within(register).findByText('湛自然资规〔2026〕12号', {}, slow)).toBeTruthy();
    expect(within(register).getByText('2026-03-10')).toBeTruthy();
    expect(within(register).getByText('陈局长')).toBeTruthy();
    expect(seen.some((req) => path(req) === '/api/v1/parks/park-xslg/seal-register')).toBe(true);
  });
});
