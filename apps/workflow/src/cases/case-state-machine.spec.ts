import { CASE_STATES } from '@daiban/contracts';
import { CASE_RULES } from './case-state-machine';

describe('case state machine', () => {
  it('terminates from any state but the final ones', () => {
    const open = CASE_STATES.filter((state) => state !== 'closed' && state !== 'terminated');
    expect([...CASE_RULES.terminate.from].sort()).toEqual([...open].sort());
  });

  it('starts the work when the first agent is assigned and keeps the state on reassignment', () => {
    expect(CASE_RULES.assign_agent.to('agreement_signed')).toBe('in_progress');
    expect(CASE_RULES.assign_agent.to('suspended')).toBe('suspended');
  });
});
