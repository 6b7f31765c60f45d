import fc from 'fast-check';
import { WorkingCalendar } from '@daiban/calendar';
import { foldCase, type CaseEventRow } from './case-fold.util';
import { foldItem, type ItemTransitionRow } from './item-fold.util';

const calendar = WorkingCalendar.official();
const at = (iso: string) => new Date(iso);

describe('foldItem', () => {
  const history: ItemTransitionRow[] = [
    {
      itemVersion: 1,
      action: 'submit',
      to: 'submitted',
      effectiveAt: at('2026-02-09T02:00:00Z'),
      departmentCode: 'zjj',
    },
    {
      itemVersion: 2,
      action: 'request_correction',
      to: 'correction_requested',
      effectiveAt: at('2026-02-10T02:00:00Z'),
      departmentCode: 'zjj',
    },
    {
      itemVersion: 3,
      action: 'submit',
      to: 'submitted',
      effectiveAt: at('2026-02-11T02:00:00Z'),
      departmentCode: 'zjj',
    },
    {
      itemVersion: 4,
      action: 'accept',
      to: 'accepted',
      effectiveAt: at('2026-02-12T02:00:00Z'),
      departmentCode: 'zjj',
    },
    {
      itemVersion: 5,
      action: 'start_special_procedure',
      to: 'special_procedure',
      effectiveAt: at('2026-03-02T02:00:00Z'),
      departmentCode: 'zjj',
    },
    {
      itemVersion: 6,
      action: 'end_special_procedure',
      to: 'accepted',
      effectiveAt: at('2026-03-04T02:00:00Z'),
      departmentCode: 'zjj',
    },
    {
      itemVersion: 7,
      action: 'approve',
      to: 'approved',
      effectiveAt: at('2026-03-06T02:00:00Z'),
      departmentCode: 'zjj',
    },
  ];

  it('counts working days from acceptance to decision without the special procedure, and correction rounds', () => {
    const folded = foldItem(calendar, history);
    // 2026-02-12 → 03-06: Sat 02-14 is a make-up day, 02-15…02-23 holiday; 03-02…03-04 paused.
    const unpaused = calendar.workingDaysBetween('2026-02-12', '2026-03-06').count;
    expect(folded).toMatchObject({
      state: 'approved',
      stateVersion: 7,
      correctionRounds: 1,
      decision: 'approved',
      acceptedAt: at('2026-02-12T02:00:00Z'),
      workingDaysUsed: unpaused - 3,
    });
  });

  it('gives the same answer whatever order the transitions arrived in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length }), (shuffled) => {
        expect(foldItem(calendar, shuffled)).toEqual(foldItem(calendar, history));
      }),
    );
  });
});

describe('foldCase', () => {
  const events: CaseEventRow[] = [
    { version: 1, kind: 'opened', state: 'awaiting_agreement', agentUserId: null, rating: null },
    { version: 2, kind: 'agreement_signed', state: null, agentUserId: null, rating: null },
    { version: 3, kind: 'agent_assigned', state: null, agentUserId: 'agent-1', rating: null },
    { version: 4, kind: 'suspended', state: null, agentUserId: null, rating: null },
    { version: 5, kind: 'agent_assigned', state: null, agentUserId: 'agent-2', rating: null },
  ];

  it('an assignment starts a signed case and leaves a suspended one suspended', () => {
    expect(foldCase(events.slice(0, 3))).toEqual({
      state: 'in_progress',
      agentUserId: 'agent-1',
      rating: null,
      version: 3,
    });
    expect(foldCase(events)).toEqual({
      state: 'suspended',
      agentUserId: 'agent-2',
      rating: null,
      version: 5,
    });
  });

  it('is independent of delivery order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        expect(foldCase(shuffled)).toEqual(foldCase(events));
      }),
    );
  });
});
