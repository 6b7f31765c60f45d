import {
  ITEM_ACTIONS,
  itemDeadlineChanged,
  itemTransitioned,
  projectRegistered,
  projectUpdated,
  workflowCalendarPut,
  workflowCaseAssignAgent,
  workflowCaseGet,
  workflowCaseGetByProject,
  workflowCaseSignAgreement,
  workflowItemAct,
  workflowItemGet,
  workflowLedgerList,
  workflowPlanGet,
  workflowSealRegisterList,
  type CaseView,
  type Caller,
  type DomainError,
  type ItemActionRequest,
} from '@daiban/contracts';
import { Client } from 'pg';
import { pollUntil } from '@daiban/testing';
import { ITEM_RULES } from '../src/items/item-state-machine';
import { callers, projectSnapshot, startWorkflow, type WorkflowHarness } from './workflow-harness';

const CHOSEN = [
  'utility_connections',
  'eia_table',
  'fire_design_review',
  'civil_air_defense',
  'construction_permit',
  'investment_filing',
];

describe('workflow service', () => {
  let h: WorkflowHarness;
  let kase: CaseView;
  const project = projectSnapshot();

  const item = (code: string) => kase.items.find((i) => i.catalogCode === code)!;
  const act = (caller: Caller, request: ItemActionRequest) => h.call(workflowItemAct, request, caller);
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: DomainError) => error,
    );

  beforeAll(async () => {
    h = await startWorkflow('2026-02-09T02:00:00Z');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens one case for an agencyRequired project even when the event is delivered twice', async () => {
    const eventId = await h.publish(projectRegistered, { project }, { msgId: 'first' });
    await h.publish(projectRegistered, { project }, { id: eventId, msgId: 'second' });
    // A later update on the same aggregate is handled after both deliveries.
    await h.publish(projectUpdated, {
      project: { ...project, version: 2, name: '更名后的项目' },
      changedFields: ['name'],
    });
    kase = await pollUntil(async () => {
      const found = await h.call(
        workflowCaseGetByProject,
        { projectId: project.projectId },
        callers.director,
      );
      return found.projectName === '更名后的项目' ? found : null;
    });
    expect(kase).toMatchObject({ state: 'awaiting_agreement', openedBy: 'registry', agencyRequired: true });
    const [{ cases }] = await h.db.query(`SELECT count(*)::int AS cases FROM cases WHERE project_id = $1`, [
      project.projectId,
    ]);
    const [{ opened }] = await h.db.query(
      `SELECT count(*)::int AS opened FROM outbox WHERE subject = 'approvals.case.opened.v1' AND envelope->'payload'->>'projectId' = $1`,
      [project.projectId],
    );
    expect({ cases, opened }).toEqual({ cases: 1, opened: 1 });
  });

  it('ignores a stale snapshot', async () => {
    await h.publish(projectUpdated, {
      project: { ...project, version: 1, name: '旧名称' },
      changedFields: ['name'],
    });
    await h.publish(projectUpdated, {
      project: { ...project, version: 3, name: '第三版' },
      changedFields: ['name'],
    });
    await pollUntil(
      async () =>
        (await h.call(workflowCaseGet, { caseId: kase.id }, callers.director)).projectName === '第三版',
    );
  });

  it('generates the checklist on agreement and starts work when the agent is assigned', async () => {
    kase = await h.call(
      workflowCaseSignAgreement,
      {
        caseId: kase.id,
        signedOn: '2026-02-09',
        coverage: 'items',
        itemCodes: CHOSEN,
        serviceLevel: 'agency',
      },
      callers.enterprise,
    );
    expect(kase.state).toBe('agreement_signed');
    expect(kase.items).toHaveLength(23);
    expect(
      kase.items
        .filter((i) => i.state === 'not_started')
        .map((i) => i.catalogCode)
        .sort(),
    ).toEqual([...CHOSEN].sort());
    expect(item('energy_review').waivedReason).toMatch(/^不适用/);
    kase = await h.call(
      workflowCaseAssignAgent,
      { caseId: kase.id, agentUserId: 'agent-1' },
      callers.director,
    );
    expect(kase.state).toBe('in_progress');
  });

  it('refuses every role/action pair outside the table with 403/404 and changes nothing', async () => {
    const target = item('utility_connections');
    const bodies: Record<string, Partial<ItemActionRequest>> = {
      request_correction: { materials: ['x'] },
      accept_with_deficiency: { materials: ['x'], dueOn: '2026-03-01' },
      not_accept: { reason: 'x' },
      start_special_procedure: { kind: 'expert_review', estimate: '十个工作日', estimatedWorkingDays: 10 },
      extend: { newLimit: 30, reason: 'x' },
      approve: { resultDocNo: 'N1', issuedVia: 'department' },
      approve_on_commitment: {
        resultDocNo: 'N1',
        issuedVia: 'department',
        materials: ['x'],
        commitmentDueOn: '2026-03-01',
      },
      deny: { reason: 'x' },
      hand_over: { receiptNo: 'R1' },
      waive: { reason: 'x' },
    };
    const before = await h.db.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    let refused = 0;
    for (const [name, caller] of Object.entries(callers)) {
      for (const action of ITEM_ACTIONS) {
        const allowed = (ITEM_RULES[action].roles as readonly string[]).includes(caller.role);
        const inTable = allowed && (name === 'agent' || name === 'director' || name === 'housing');
        if (inTable) continue;
        const request = { action, itemId: target.id, ...bodies[action] } as ItemActionRequest;
        const error = await fails(act(caller, request));
        expect([name, action, error?.code && ['FORBIDDEN', 'NOT_FOUND'].includes(error.code)]).toEqual([
          name,
          action,
          true,
        ]);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(100);
    const after = await h.db.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    expect(after).toEqual(before);
    expect((await h.call(workflowItemGet, { itemId: target.id }, callers.agent)).version).toBe(
      target.version,
    );
  });

  it('answers 409 ILLEGAL_TRANSITION with the current state', async () => {
    const error = await fails(
      act(callers.agent, { action: 'submit', itemId: item('utility_connections').id }),
    );
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'not_started' } });
  });

  it('computes the first worked example: accepted 2026-02-12, committed limit 5 → due 2026-02-26', async () => {
    const id = item('utility_connections').id;
    await act(callers.agent, { action: 'prepare', itemId: id, at: '2026-02-09T02:00:00Z' });
    h.clock.set('2026-02-12T08:00:00Z');
    await act(callers.agent, { action: 'submit', itemId: id, at: '2026-02-10T02:00:00Z' });
    const accepted = await act(callers.agent, { action: 'accept', itemId: id, at: '2026-02-12T02:00:00Z' });
    expect(accepted).toMatchObject({
      state: 'accepted',
      acceptedOn: '2026-02-12',
      dueDate: '2026-02-26',
      limit: 5,
      provisional: false,
      light: 'green',
      workingDaysLeft: 5,
    });
    expect(accepted.deadlineVersion).toBe(2);
    const ledger = await h.call(workflowLedgerList, { caseId: kase.id }, callers.agent);
    const entry = ledger.entries.find((e) => e.itemId === id && e.action === 'accept')!;
    expect(entry.effectiveAt).toBe('2026-02-12T02:00:00.000Z');
    expect(entry.recordedAt).toBe('2026-02-12T08:00:00.000Z');
  });

  it("writes an action's row, deadline, ledger entry and events together, the events in the order made", async () => {
    const id = item('utility_connections').id;
    // The relay publishes in (created_at, id) order; the item's events must come out as they were made.
    const events: Array<{ type: string; version: string; action: string | null; reason: string | null }> =
      await h.db.query(
        `SELECT envelope->>'type' AS type, envelope->>'aggregateVersion' AS version,
                envelope->'payload'->>'action' AS action, envelope->'payload'->>'reason' AS reason
           FROM outbox WHERE envelope->>'aggregateId' = $1 ORDER BY created_at, id`,
        [id],
      );
    expect(events).toEqual([
      { type: itemTransitioned.type, version: '2', action: 'prepare', reason: null },
      { type: itemTransitioned.type, version: '3', action: 'submit', reason: null },
      { type: itemDeadlineChanged.type, version: '1', action: null, reason: 'submitted' },
      { type: itemTransitioned.type, version: '4', action: 'accept', reason: null },
      { type: itemDeadlineChanged.type, version: '2', action: null, reason: 'accepted' },
    ]);
    const [{ distinct }] = await h.db.query(
      `SELECT count(DISTINCT created_at)::int AS distinct FROM outbox WHERE envelope->>'aggregateId' = $1`,
      [id],
    );
    expect(distinct).toBe(events.length);
    const [row] = await h.db.query(
      `SELECT state, version, accepted_on::text AS accepted, deadline_version, deadline_clock,
              deadline_due_date::text AS due, last_effective_at FROM items WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      state: 'accepted',
      version: 4,
      accepted: '2026-02-12',
      deadline_version: 2,
      deadline_clock: 'time_limit',
      due: '2026-02-26',
      last_effective_at: new Date('2026-02-12T02:00:00Z'),
    });
    const ledger: Array<{ action: string; from_state: string; to_state: string }> = await h.db.query(
      `SELECT action, from_state, to_state FROM ledger_entries WHERE item_id = $1 ORDER BY seq`,
      [id],
    );
    expect(ledger).toEqual([
      { action: 'prepare', from_state: 'not_started', to_state: 'preparing' },
      { action: 'submit', from_state: 'preparing', to_state: 'submitted' },
      { action: 'accept', from_state: 'submitted', to_state: 'accepted' },
    ]);
  });

  it('refuses an effective time in the future', async () => {
    const id = item('fire_design_review').id;
    expect(
      await fails(act(callers.agent, { action: 'prepare', itemId: id, at: '2026-02-13T00:00:00Z' })),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await act(callers.agent, { action: 'prepare', itemId: id });
  });

  it('lets one of two concurrent actions on an item win and refuses the other with 409', async () => {
    const id = item('civil_air_defense').id;
    await act(callers.agent, { action: 'prepare', itemId: id });
    const results = await Promise.all([
      fails(act(callers.agent, { action: 'submit', itemId: id })),
      fails(act(callers.agent, { action: 'submit', itemId: id })),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { state: 'submitted' },
    });
  });

  it('checks preconditions: prerequisites not met', async () => {
    const id = item('construction_permit').id;
    await act(callers.agent, { action: 'prepare', itemId: id });
    const error = await fails(act(callers.agent, { action: 'submit', itemId: id }));
    expect(error).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(error!.message).toMatch(/特殊建设工程消防设计审查/);
  });

  it('refuses a backdated acceptance by a department officer; a special procedure moves the deadline by exactly its working days; an extension replaces the limit', async () => {
    const id = item('fire_design_review').id;
    h.clock.set('2026-03-02T02:00:00Z');
    await act(callers.agent, { action: 'submit', itemId: id });
    const offered = async (caller: Caller) =>
      (await h.call(workflowItemGet, { itemId: id }, caller)).allowedActions;
    expect(await offered(callers.housing)).toEqual(
      expect.arrayContaining(['request_correction', 'accept', 'not_accept']),
    );
    expect(await offered(callers.housing)).not.toContain('waive');
    expect(await offered(callers.agent)).toContain('waive');
    expect(await offered(callers.agent)).not.toContain('submit');
    expect(
      await fails(act(callers.housing, { action: 'accept', itemId: id, at: '2026-03-01T00:00:00Z' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await act(callers.housing, { action: 'accept', itemId: id })).toMatchObject({
      dueDate: '2026-03-16',
    });
    h.clock.set('2026-03-04T02:00:00Z');
    const paused = await act(callers.housing, {
      action: 'start_special_procedure',
      itemId: id,
      kind: 'expert_review',
      estimate: '专家评审预计需要 3 个工作日',
      estimatedWorkingDays: 3,
    });
    expect(paused).toMatchObject({ state: 'special_procedure', paused: true, dueDate: null, light: 'green' });
    expect(await offered(callers.housing)).toEqual(['end_special_procedure']);
    h.clock.set('2026-03-06T02:00:00Z');
    const resumed = await act(callers.housing, { action: 'end_special_procedure', itemId: id });
    expect(resumed).toMatchObject({ state: 'accepted', paused: false, dueDate: '2026-03-19' });
    const extended = await act(callers.housing, {
      action: 'extend',
      itemId: id,
      newLimit: 12,
      reason: '需补充论证',
    });
    expect(extended).toMatchObject({ state: 'extended', limit: 12, dueDate: '2026-03-23' });
    expect(extended.deadlineVersion).toBe(resumed.deadlineVersion + 1);
    const [{ n }] = await h.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE subject = 'approvals.item.deadlineChanged.v1' AND envelope->>'aggregateId' = $1`,
      [id],
    );
    expect(n).toBe(extended.deadlineVersion);
  });

  it('reads a backdated accepted item already past its deadline red at once', async () => {
    const id = item('civil_air_defense').id;
    h.clock.set('2026-03-20T02:00:00Z');
    const accepted = await act(callers.agent, { action: 'accept', itemId: id, at: '2026-02-13T02:00:00Z' });
    expect(accepted).toMatchObject({
      dueDate: '2026-02-27',
      light: 'red',
      overdueBy: 16,
      deemedAccepted: false,
    });
  });

  it('computes the second worked example and records a 2号章 result in the park register', async () => {
    const id = item('eia_table').id;
    h.clock.set('2026-09-30T02:00:00Z');
    await act(callers.agent, { action: 'prepare', itemId: id, at: '2026-09-28T01:00:00Z' });
    await act(callers.agent, { action: 'submit', itemId: id, at: '2026-09-28T02:00:00Z' });
    expect(
      await act(callers.agent, { action: 'accept', itemId: id, at: '2026-09-29T02:00:00Z' }),
    ).toMatchObject({
      dueDate: '2026-10-14',
      limit: 7,
    });
    const seal = await fails(
      act(callers.ecology, {
        action: 'approve',
        itemId: id,
        resultDocNo: '湛环审〔2026〕1号',
        issuedVia: 'park_seal_no2',
      }),
    );
    expect(seal).toMatchObject({ code: 'PRECONDITION_FAILED' });
    const approved = await act(callers.ecology, {
      action: 'approve',
      itemId: id,
      resultDocNo: '湛环审〔2026〕1号',
      issuedVia: 'park_seal_no2',
      sealApprover: '张局长',
    });
    expect(approved).toMatchObject({ state: 'approved', light: null });
    const register = await h.call(workflowSealRegisterList, { parkId: 'park-1' }, callers.director);
    expect(register.entries).toEqual([
      expect.objectContaining({
        issuedOn: '2026-09-30',
        itemId: id,
        approver: '张局长',
        resultDocNo: '湛环审〔2026〕1号',
      }),
    ]);
    expect(
      await fails(h.call(workflowSealRegisterList, { parkId: 'park-1' }, callers.otherPark)),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('gives the plan with a forecast and flags it behind schedule', async () => {
    const plan = await h.call(workflowPlanGet, { caseId: kase.id }, callers.agent);
    expect(plan.targetConstructionStart).toBe('2026-06-30');
    expect(plan.behindSchedule).toBe(plan.forecastConstructionStart > '2026-06-30');
    expect(plan.items.map((i) => i.catalogCode)).toContain('construction_permit');
    expect(plan.criticalPath.at(-1)).toBe('construction_permit');
  });

  it('recomputes provisional deadlines when the next year is loaded', async () => {
    const id = item('investment_filing').id;
    h.clock.set('2026-12-31T02:00:00Z');
    await act(callers.agent, { action: 'prepare', itemId: id });
    await act(callers.agent, { action: 'submit', itemId: id });
    const before = await act(callers.agent, { action: 'accept', itemId: id });
    expect(before).toMatchObject({ dueDate: '2027-01-01', provisional: true });
    const put = await h.call(
      workflowCalendarPut,
      { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeupWorkdays: [] },
      callers.admin,
    );
    expect(put.recomputedItems).toBeGreaterThanOrEqual(1);
    const after = await h.call(workflowItemGet, { itemId: id }, callers.agent);
    expect(after).toMatchObject({
      dueDate: '2027-01-04',
      provisional: false,
      deadlineVersion: before.deadlineVersion + 1,
    });
    const [event] = await h.db.query(
      `SELECT envelope->'payload' AS p FROM outbox WHERE subject = 'approvals.item.deadlineChanged.v1'
       AND envelope->>'aggregateId' = $1 ORDER BY (envelope->>'aggregateVersion')::int DESC LIMIT 1`,
      [id],
    );
    expect(event.p).toMatchObject({ reason: 'calendar_changed', dueDate: '2027-01-04', provisional: false });
    expect(
      await fails(
        h.call(
          workflowCalendarPut,
          { year: 2027, holidays: ['2026-01-01'], makeupWorkdays: [] },
          callers.admin,
        ),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(
      await fails(
        h.call(workflowCalendarPut, { year: 2027, holidays: [], makeupWorkdays: [] }, callers.agent),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('computes with a calendar edited behind its back (another replica) from the next read on', async () => {
    const id = item('investment_filing').id;
    const dueOf = async () => {
      const view = await h.call(workflowCaseGet, { caseId: kase.id }, callers.agent);
      const detail = await h.call(workflowItemGet, { itemId: id }, callers.agent);
      const due = view.items.find((i) => i.id === id)!.dueDate;
      expect(detail.dueDate).toBe(due);
      return due;
    };
    expect(await dueOf()).toBe('2027-01-04');
    // Written through another connection, as an admin's edit on another replica is: nothing in this
    // process hears of it but the table itself.
    const [original] = await h.db.query(`SELECT * FROM calendar_years WHERE year = 2027`);
    await h.db.query(
      `UPDATE calendar_years SET holidays = '["2027-01-01","2027-01-02","2027-01-03","2027-01-04"]' WHERE year = 2027`,
    );
    expect(await dueOf()).toBe('2027-01-05');
    // Deleted and written again with the very revision and timestamp it had: still a new version.
    await h.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM calendar_years WHERE year = 2027`);
      await manager.query(
        `INSERT INTO calendar_years (year, holidays, makeup_workdays, source, revision, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          original.year,
          JSON.stringify(original.holidays),
          JSON.stringify(original.makeup_workdays),
          original.source,
          original.revision,
          original.updated_at,
          original.updated_by,
        ],
      );
    });
    expect(await dueOf()).toBe('2027-01-04');
  });

  it('reads a case in one statement, sending the calendar only when it changed', async () => {
    await h.call(workflowCaseGet, { caseId: kase.id }, callers.agent);
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      const view = await h.call(workflowCaseGet, { caseId: kase.id }, callers.agent);
      expect(view.items.length).toBeGreaterThan(0);
      const textOf = (query: unknown) =>
        typeof query === 'string' ? query : String((query as { text?: string }).text);
      // Background work (relay, consumers) shares the driver: only statements of this read are counted.
      const mine = spy.mock.calls.filter(([query]) =>
        /\b(cases|items|item_pauses|calendar_years)\b|REPEATABLE READ/.test(textOf(query)),
      );
      expect(mine).toHaveLength(1);
      // The case read's row is one json column (CasesRepository.readWhole).
      const { rows } = (await spy.mock.results[spy.mock.calls.indexOf(mine[0])].value) as {
        rows: Array<{ r: { extra: { calendarKey: string; calendarYears: unknown } } }>;
      };
      const [{ r: row }] = rows;
      expect(row.extra.calendarKey).not.toBe('');
      expect(row.extra.calendarYears).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it('hides the case from callers outside its scope', async () => {
    for (const caller of [callers.otherPark, callers.auditor]) {
      expect(await fails(h.call(workflowCaseGet, { caseId: kase.id }, caller))).toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    const housingView = await h.call(workflowCaseGet, { caseId: kase.id }, callers.housing);
    expect(new Set(housingView.items.map((i) => i.departmentCode))).toEqual(new Set(['zjj']));
  });
});
