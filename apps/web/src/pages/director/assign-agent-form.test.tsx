import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens, setTokens } from '../../auth/session';
import { createQueryClient, Providers } from '../../providers';
import { json, stubFetch } from '../../test-fetch';
import { theCase } from '../case/case-fixtures';
import { AssignAgentForm } from './assign-agent-form';
import { agents, capture, chooseOption, parkAgents } from './board-fixtures';
import { assignableAgents, type AssignableAgent, type CaseView } from './board-queries';

vi.setConfig({ testTimeout: 30_000 });
const slow = { timeout: 10_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const offered = assignableAgents(parkAgents.items, agents.rows);

function renderForm(caseView: CaseView, rows: readonly AssignableAgent[] = offered) {
  const done = vi.fn();
  setTokens({ accessToken: 'a1', refreshToken: 'r1' });
  render(
    <MemoryRouter>
      <Providers client={createQueryClient()}>
        <AssignAgentForm caseView={caseView} agents={rows} onDone={done} onCancel={vi.fn()} />
      </Providers>
    </MemoryRouter>,
  );
  return done;
}

const unassigned = theCase({
  state: 'agreement_signed',
  agentUserId: null,
  version: 2,
}) as unknown as CaseView;

describe('the assign-agent form', () => {
  it('asks for an agent before sending anything', async () => {
    const assign = capture('POST', '/api/v1/cases/c1/actions', () => json(200, unassigned));
    stubFetch(assign.route);
    renderForm(unassigned);
    fireEvent.click(screen.getByTestId('assign-agent-submit'));
    expect(await screen.findByText('请选择代办员', {}, slow)).toBeTruthy();
    expect(assign.bodies).toHaveLength(0);
  });

  it('offers each agent with their workload and assigns the one chosen', async () => {
    const assign = capture('POST', '/api/v1/cases/c1/actions', () =>
      json(200, theCase({ state: 'in_progress', agentUserId: 'a1', version: 3 })),
    );
    stubFetch(assign.route);
    const done = renderForm(unassigned);
    const form = screen.getByTestId('assign-agent-form');
    await chooseOption(form, '李代办 · 在办 3 件，超期事项 1 项');
    fireEvent.click(screen.getByTestId('assign-agent-submit'));
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1), slow);
    expect(assign.bodies).toEqual([{ action: 'assign_agent', agentUserId: 'a1', expectedVersion: 2 }]);
  });

  it('shows the API’s message when the case changed meanwhile, and stays open', async () => {
    const assign = capture('POST', '/api/v1/cases/c1/actions', () =>
      json(409, { code: 'VERSION_CONFLICT', message: '代办件已被他人修改，请刷新后重试' }),
    );
    stubFetch(assign.route);
    const done = renderForm(theCase() as unknown as CaseView);
    fireEvent.click(screen.getByTestId('assign-agent-submit'));
    expect(await screen.findByText('代办件已被他人修改，请刷新后重试', {}, slow)).toBeTruthy();
    expect(assign.bodies).toEqual([{ action: 'assign_agent', agentUserId: 'a1', expectedVersion: 4 }]);
    expect(done).not.toHaveBeenCalled();
  });

  it('offers every agent of the park, with the workload reporting has (none yet: 0)', () => {
    expect(offered).toEqual([
      { id: 'a1', name: '李代办', openCases: 3, overdueItems: 1 },
      { id: 'a2', name: '张代办', openCases: 1, overdueItems: 0 },
      { id: 'a3', name: '王新人', openCases: 0, overdueItems: 0 },
    ]);
    // A disabled or moved agent is in reporting but no longer among the park's users: not offered.
    expect(assignableAgents([parkAgents.items[2]], agents.rows).map((agent) => agent.id)).toEqual(['a3']);
    // Until the users answer, reporting's agents are offered.
    expect(assignableAgents(undefined, agents.rows).map((agent) => agent.name)).toEqual(['李代办', '张代办']);
  });

  it('says when the park has no agent to choose', () => {
    stubFetch();
    renderForm(unassigned, []);
    expect(screen.getByText('本园区暂无可选代办员')).toBeTruthy();
  });
});
