import fc from 'fast-check';
import { ITEM_ACTIONS, ITEM_STATES, ROLES, itemActionRequestSchema } from '@daiban/contracts';
import { ITEM_RULES, allowedItemActions, decideTransition, type ActionOffer } from './item-state-machine';

describe('item state machine', () => {
  it('follows the DOMAIN.md happy path from not_started to handed_over', () => {
    const path: Array<[(typeof ITEM_ACTIONS)[number], 'agent' | 'department_officer', string]> = [
      ['prepare', 'agent', 'preparing'],
      ['submit', 'agent', 'submitted'],
      ['accept', 'department_officer', 'accepted'],
      ['start_special_procedure', 'department_officer', 'special_procedure'],
      ['end_special_procedure', 'department_officer', 'accepted'],
      ['extend', 'department_officer', 'extended'],
      ['approve', 'department_officer', 'approved'],
      ['collect_result', 'agent', 'result_collected'],
      ['hand_over', 'agent', 'handed_over'],
    ];
    let state: (typeof ITEM_STATES)[number] = 'not_started';
    for (const [action, role, expected] of path) {
      const decision = decideTransition(action, state, role, 'accepted');
      expect(decision).toEqual({ ok: true, to: expected });
      if (decision.ok) state = decision.to;
    }
  });

  it('sends a correction back to submitted on resubmission and resumes the interrupted state after a pause', () => {
    expect(decideTransition('request_correction', 'submitted', 'department_officer')).toEqual({
      ok: true,
      to: 'correction_requested',
    });
    expect(decideTransition('submit', 'correction_requested', 'agent')).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(decideTransition('end_special_procedure', 'special_procedure', 'agent', 'extended')).toEqual({
      ok: true,
      to: 'extended',
    });
    expect(decideTransition('clear_deficiency', 'accepted_with_deficiency', 'department_officer')).toEqual({
      ok: true,
      to: 'accepted',
    });
    expect(decideTransition('clear_deficiency', 'approved', 'department_officer')).toEqual({
      ok: true,
      to: 'approved',
    });
  });

  it('refuses roles outside the table before looking at the state', () => {
    for (const role of ['enterprise', 'leader', 'auditor', 'admin'] as const) {
      for (const action of ITEM_ACTIONS) {
        expect(decideTransition(action, ITEM_RULES[action].from[0], role)).toEqual({
          ok: false,
          reason: 'role',
        });
      }
    }
    expect(decideTransition('extend', 'accepted', 'agent')).toEqual({ ok: false, reason: 'role' });
    expect(decideTransition('hand_over', 'result_collected', 'department_officer')).toEqual({
      ok: false,
      reason: 'role',
    });
  });

  it('decides every (action, state, role) exactly by the table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_ACTIONS),
        fc.constantFrom(...ITEM_STATES),
        fc.constantFrom(...ROLES),
        (action, state, role) => {
          const rule = ITEM_RULES[action];
          const decision = decideTransition(action, state, role);
          if (!rule.roles.includes(role)) return !decision.ok && decision.reason === 'role';
          if (!rule.from.includes(state)) return !decision.ok && decision.reason === 'state';
          return decision.ok;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never leaves a final state except to record a breach of a pending commitment', () => {
    for (const action of ITEM_ACTIONS) {
      for (const role of ROLES) {
        for (const from of ['waived', 'denied', 'commitment_breached'] as const) {
          expect(decideTransition(action, from, role).ok).toBe(false);
        }
      }
    }
  });

  it('lists required fields that the action schemas really require', () => {
    for (const action of ITEM_ACTIONS) {
      const bare = itemActionRequestSchema.safeParse({ action, itemId: 'i1' });
      const required = ITEM_RULES[action].requiredFields;
      if (required.length === 0) {
        expect(bare.success).toBe(true);
      } else {
        expect(bare.success).toBe(false);
        const missing = bare.error!.issues.map((issue) => String(issue.path[0]));
        expect([...new Set(missing)].sort()).toEqual([...required].sort());
      }
    }
  });

  describe('allowedItemActions', () => {
    const offer = (over: Partial<ActionOffer>): ActionOffer => ({
      state: 'submitted',
      role: 'department_officer',
      assignedAgent: false,
      caseActive: true,
      commitmentAllowed: true,
      deficiencyAllowed: true,
      procedureExcludable: true,
      deficiencyOpen: false,
      commitmentPending: false,
      commitmentOverdue: false,
      ...over,
    });

    it('offers the officer the decisions on a submitted item and the agent its own steps', () => {
      expect(allowedItemActions(offer({}))).toEqual([
        'request_correction',
        'accept',
        'accept_with_deficiency',
        'not_accept',
      ]);
      expect(allowedItemActions(offer({ state: 'preparing', role: 'agent', assignedAgent: true }))).toEqual([
        'submit',
        'waive',
      ]);
      expect(allowedItemActions(offer({ state: 'accepted' }))).toEqual([
        'start_special_procedure',
        'extend',
        'approve',
        'approve_on_commitment',
        'deny',
      ]);
    });

    it('leaves out what the catalog or the item’s side clocks would refuse', () => {
      expect(
        allowedItemActions(
          offer({ state: 'accepted', commitmentAllowed: false, procedureExcludable: false }),
        ),
      ).toEqual(['extend', 'approve', 'deny']);
      expect(allowedItemActions(offer({ deficiencyAllowed: false }))).not.toContain('accept_with_deficiency');
      const approved = offer({ state: 'approved', role: 'agent', assignedAgent: true });
      expect(allowedItemActions(approved)).toEqual(['collect_result']);
      expect(allowedItemActions({ ...approved, deficiencyOpen: true })).toEqual([]);
      expect(
        allowedItemActions(
          offer({ state: 'approved_on_commitment', deficiencyOpen: true, commitmentPending: true }),
        ),
      ).toEqual(['clear_deficiency', 'fulfil_commitment']);
      expect(
        allowedItemActions(
          offer({ state: 'approved_on_commitment', commitmentPending: true, commitmentOverdue: true }),
        ),
      ).toEqual(['fulfil_commitment', 'record_commitment_breach']);
    });

    it('offers nothing to an agent not assigned, on an inactive case or to read-only roles', () => {
      expect(allowedItemActions(offer({ state: 'preparing', role: 'agent', assignedAgent: false }))).toEqual(
        [],
      );
      expect(allowedItemActions(offer({ caseActive: false }))).toEqual([]);
      for (const role of ['enterprise', 'leader', 'auditor', 'admin'] as const) {
        for (const state of ITEM_STATES) expect(allowedItemActions(offer({ role, state }))).toEqual([]);
      }
    });

    it('only ever offers what decideTransition allows', () => {
      fc.assert(
        fc.property(fc.constantFrom(...ITEM_STATES), fc.constantFrom(...ROLES), (state, role) =>
          allowedItemActions(offer({ state, role, assignedAgent: true })).every(
            (action) => decideTransition(action, state, role).ok,
          ),
        ),
      );
    });
  });
});
