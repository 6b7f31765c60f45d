import {
  workflowLedgerList,
  workflowRequestAct,
  workflowRequestGet,
  workflowRequestList,
  workflowRequestRaise,
  type Caller,
  type DomainError,
  type RequestActionRequest,
  type RequestView,
} from '@daiban/contracts';
import { callers, registeredProject, startWorkflow, type WorkflowHarness } from './workflow-harness';

describe('企业诉求 (enterprise requests)', () => {
  let h: WorkflowHarness;
  let projectA: string;
  let caseA: string;
  let projectB: string;
  let request: RequestView;

  const act = (caller: Caller, body: RequestActionRequest) => h.call(workflowRequestAct, body, caller);
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: DomainError) => error,
    );
  const eventCounts = async (requestId: string) => {
    const rows: Array<{ subject: string; n: number }> = await h.db.query(
      `SELECT subject, count(*)::int AS n FROM outbox WHERE envelope->>'aggregateId' = $1 GROUP BY subject`,
      [requestId],
    );
    return Object.fromEntries(rows.map((r) => [r.subject.replace('approvals.request.', ''), r.n]));
  };

  beforeAll(async () => {
    h = await startWorkflow('2026-02-09T02:00:00Z');
    const a = await registeredProject(h);
    projectA = a.project.projectId;
    caseA = a.kase.id;
    projectB = (await registeredProject(h, { enterpriseId: 'ent-2' })).project.projectId;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets an enterprise raise a request on its project with a 5-working-day deadline and a green light', async () => {
    request = await h.call(
      workflowRequestRaise,
      { projectId: projectA, category: 'utilities', description: '施工用电迟迟未能接入', attachmentIds: [] },
      callers.enterprise,
    );
    // Raised Mon 2026-02-09; day 5 is Sat 02-14, a 调休 make-up working day.
    expect(request).toMatchObject({
      state: 'raised',
      caseId: caseA,
      limit: 5,
      startedOn: '2026-02-09',
      dueDate: '2026-02-14',
      deadlineVersion: 1,
      deadlineActive: true,
      light: 'green',
      workingDaysLeft: 5,
    });
    expect(await eventCounts(request.id)).toEqual({ 'raised.v1': 1, 'deadlineChanged.v1': 1 });
    const [deadline] = await h.db.query(
      `SELECT envelope->'payload' AS p FROM outbox WHERE subject = 'approvals.request.deadlineChanged.v1'
         AND envelope->>'aggregateId' = $1`,
      [request.id],
    );
    expect(deadline.p).toMatchObject({
      active: true,
      reason: 'raised',
      dueDate: '2026-02-14',
      redAt: { date: '2026-02-15' },
      place: { enterpriseId: 'ent-1', parkId: 'park-1', departmentCodes: [] },
    });
  });

  it('refuses another enterprise: its project and this request do not exist for it', async () => {
    expect(
      await fails(
        h.call(
          workflowRequestRaise,
          { projectId: projectA, category: 'other', description: 'x', attachmentIds: [] },
          callers.otherEnterprise,
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await fails(h.call(workflowRequestGet, { requestId: request.id }, callers.otherEnterprise)),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await fails(act(callers.otherEnterprise, { action: 'confirm', requestId: request.id })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    const own = await h.call(
      workflowRequestRaise,
      { projectId: projectB, category: 'land', description: '用地指标', attachmentIds: [] },
      callers.otherEnterprise,
    );
    const listA = await h.call(workflowRequestList, { page: 1, pageSize: 20 }, callers.enterprise);
    const listB = await h.call(workflowRequestList, { page: 1, pageSize: 20 }, callers.otherEnterprise);
    expect(listA.requests.map((r) => r.id)).toEqual([request.id]);
    expect(listB.requests.map((r) => r.id)).toEqual([own.id]);
    expect((await h.call(workflowRequestList, { page: 1, pageSize: 20 }, callers.otherPark)).total).toBe(0);
  });

  it('is routed only by the center director, and a wrong department cannot see it', async () => {
    expect(
      await fails(act(callers.agent, { action: 'route', requestId: request.id, toDepartmentCode: 'zjj' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await fails(act(callers.housing, { action: 'answer', requestId: request.id, answer: '已协调' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    request = await act(callers.director, {
      action: 'route',
      requestId: request.id,
      toDepartmentCode: 'zjj',
    });
    expect(request).toMatchObject({ state: 'routed', routedToDepartmentCode: 'zjj', deadlineVersion: 2 });
    expect(
      await fails(act(callers.ecology, { action: 'answer', requestId: request.id, answer: '已协调' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const seen = await h.call(workflowRequestList, { page: 1, pageSize: 20 }, callers.housing);
    expect(seen.requests.map((r) => r.id)).toEqual([request.id]);
  });

  it('turns yellow at 80 % and red once overdue, computed at read time', async () => {
    h.clock.set('2026-02-13T02:00:00Z');
    expect((await h.call(workflowRequestGet, { requestId: request.id }, callers.enterprise)).light).toBe(
      'yellow',
    );
    h.clock.set('2026-02-24T02:00:00Z');
    const late = await h.call(workflowRequestGet, { requestId: request.id }, callers.enterprise);
    expect(late).toMatchObject({ light: 'red', overdueBy: 1 });
    const overdue = await h.call(
      workflowRequestList,
      { overdue: true, page: 1, pageSize: 20 },
      callers.enterprise,
    );
    expect(overdue.requests.map((r) => r.id)).toEqual([request.id]);
  });

  it('answers 409 on an illegal transition with the current state', async () => {
    expect(await fails(act(callers.enterprise, { action: 'confirm', requestId: request.id }))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { state: 'routed' },
    });
  });

  it('is answered, reopened with a new deadline, answered again and closed on confirmation', async () => {
    request = await act(callers.housing, { action: 'answer', requestId: request.id, answer: '已协调供电局' });
    expect(request).toMatchObject({ state: 'answered', deadlineActive: false, light: null });
    request = await act(callers.enterprise, { action: 'reopen', requestId: request.id, reason: '仍未通电' });
    expect(request).toMatchObject({
      state: 'routed',
      reopenCount: 1,
      startedOn: '2026-02-24',
      // Sat 2026-02-28 is a make-up working day too.
      dueDate: '2026-03-02',
      light: 'green',
      deadlineActive: true,
    });
    request = await act(callers.housing, { action: 'answer', requestId: request.id, answer: '已通电' });
    request = await act(callers.enterprise, { action: 'confirm', requestId: request.id });
    expect(request).toMatchObject({ state: 'closed', confirmedByEnterprise: true });
    expect(
      await fails(act(callers.director, { action: 'close', requestId: request.id, reason: 'x' })),
    ).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('emits one event per change and writes every change to the ledger', async () => {
    expect(await eventCounts(request.id)).toEqual({
      'raised.v1': 1,
      'routed.v1': 1,
      'answered.v1': 2,
      'reopened.v1': 1,
      'closed.v1': 1,
      // raised, routed (new recipient), answered (stop), reopened, answered (stop)
      'deadlineChanged.v1': 5,
    });
    const detail = await h.call(workflowRequestGet, { requestId: request.id }, callers.enterprise);
    expect(detail.history.map((e) => e.action)).toEqual([
      'raise',
      'route',
      'answer',
      'reopen',
      'answer',
      'confirm',
    ]);
    const ledger = await h.call(workflowLedgerList, { caseId: caseA }, callers.agent);
    expect(ledger.entries.filter((e) => e.requestId === request.id)).toHaveLength(6);
  });

  it('lets the director close an unconfirmed request with a reason', async () => {
    const other = await h.call(
      workflowRequestRaise,
      { projectId: projectA, category: 'policy', description: '补贴政策咨询', attachmentIds: [] },
      callers.enterprise,
    );
    const closed = await act(callers.director, {
      action: 'close',
      requestId: other.id,
      reason: '企业已撤回',
    });
    expect(closed).toMatchObject({
      state: 'closed',
      confirmedByEnterprise: false,
      closeReason: '企业已撤回',
    });
    expect(await eventCounts(other.id)).toMatchObject({ 'closed.v1': 1, 'deadlineChanged.v1': 2 });
  });
});
