import {
  workflowCaseAssignAgent,
  workflowCaseList,
  workflowCaseSignAgreement,
  workflowItemAct,
  type CaseView,
  type Caller,
  type DomainError,
} from '@daiban/contracts';
import { callers, registeredProject, startWorkflow, type WorkflowHarness } from './workflow-harness';

/** `workflow.cases.list`: the park board's one-query case list, scoped in SQL, with light counts. */
describe('workflow.cases.list', () => {
  let h: WorkflowHarness;
  let working: CaseView;
  let waiting: CaseView;
  let foreign: CaseView;
  const list = (
    caller: Caller,
    request: Partial<Parameters<typeof workflowCaseList.request.parse>[0]> = {},
  ) => h.call(workflowCaseList, workflowCaseList.request.parse(request), caller);
  const ids = (answer: { items: Array<{ id: string }> }) => answer.items.map((entry) => entry.id).sort();

  beforeAll(async () => {
    h = await startWorkflow('2026-02-09T02:00:00Z');
    // An hour apart, so "newest first" has one answer.
    ({ kase: waiting } = await registeredProject(h, { name: '待签协议项目' }));
    h.clock.set('2026-02-09T03:00:00Z');
    ({ kase: working } = await registeredProject(h, { name: '在办项目', greenChannel: true }));
    h.clock.set('2026-02-09T04:00:00Z');
    ({ kase: foreign } = await registeredProject(h, {
      name: '外园区项目',
      parkId: 'park-9',
      countyCode: '440882',
      enterpriseId: 'ent-2',
    }));
    working = await h.call(
      workflowCaseSignAgreement,
      {
        caseId: working.id,
        signedOn: '2026-02-09',
        coverage: 'items',
        itemCodes: ['utility_connections', 'investment_filing'],
        serviceLevel: 'agency',
      },
      callers.enterprise,
    );
    working = await h.call(
      workflowCaseAssignAgent,
      { caseId: working.id, agentUserId: 'agent-1' },
      callers.director,
    );
    const itemId = working.items.find((item) => item.catalogCode === 'utility_connections')!.id;
    const act = (action: 'prepare' | 'submit' | 'accept', at: string) =>
      h.call(workflowItemAct, { action, itemId, at }, callers.agent);
    h.clock.set('2026-03-20T02:00:00Z');
    await act('prepare', '2026-02-09T06:00:00Z');
    await act('submit', '2026-02-10T02:00:00Z');
    // Accepted 2026-02-12 with a committed limit of 5 working days: due 2026-02-26, red on 03-20.
    await act('accept', '2026-02-12T02:00:00Z');
  });

  afterAll(async () => {
    await h?.close();
  });

  it("lists the director's park only, newest first, with the total and the items by light", async () => {
    const answer = await list(callers.director);
    expect(answer).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(ids(answer)).toEqual([waiting.id, working.id].sort());
    expect(answer.items.map((entry) => entry.id)).toEqual([working.id, waiting.id]);
    expect(answer.items[0]).toMatchObject({
      projectId: working.projectId,
      projectName: '在办项目',
      state: 'in_progress',
      agentUserId: 'agent-1',
      greenChannel: true,
      major: false,
      lights: { green: 0, yellow: 0, red: 1 },
    });
    expect(answer.items[1]).toMatchObject({
      state: 'awaiting_agreement',
      agentUserId: null,
      lights: { green: 0, yellow: 0, red: 0 },
    });
  });

  it('filters by state and agent and pages on the server', async () => {
    expect(ids(await list(callers.director, { states: ['in_progress', 'suspended'] }))).toEqual([working.id]);
    expect(ids(await list(callers.director, { agentUserId: 'agent-1' }))).toEqual([working.id]);
    expect(ids(await list(callers.director, { agentUserId: 'agent-2' }))).toEqual([]);
    const second = await list(callers.director, { page: 2, pageSize: 1 });
    expect([second.total, second.items.map((entry) => entry.id)]).toEqual([2, [waiting.id]]);
  });

  it('scopes every other caller in SQL', async () => {
    expect(ids(await list(callers.otherPark))).toEqual([foreign.id]);
    expect(ids(await list(callers.enterprise))).toEqual([waiting.id, working.id].sort());
    expect(ids(await list(callers.otherEnterprise))).toEqual([foreign.id]);
    expect(ids(await list(callers.leader))).toEqual([waiting.id, working.id, foreign.id].sort());
    const county = { ...callers.leader, scope: { kind: 'county', countyCode: '440882' } } satisfies Caller;
    expect(ids(await list(county))).toEqual([foreign.id]);
    // Officers work from items; a department scope names no case.
    expect((await list(callers.housing)).total).toBe(0);
    expect((await list(callers.auditor)).total).toBe(0);
  });

  it('refuses an anonymous call', async () => {
    const error = await h.call(workflowCaseList, workflowCaseList.request.parse({}), null).then(
      () => null,
      (e: DomainError) => e,
    );
    expect(error?.code).toBe('UNAUTHENTICATED');
  });
});
