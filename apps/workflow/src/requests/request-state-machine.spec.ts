import { REQUEST_ACTIONS, REQUEST_STATES, ROLES } from '@daiban/contracts';
import { REQUEST_RULES, decideRequestTransition } from './request-state-machine';

describe('request state machine', () => {
  it('checks role before state, so an outsider never learns the state', () => {
    for (const action of REQUEST_ACTIONS) {
      for (const state of REQUEST_STATES) {
        for (const role of ROLES) {
          const decision = decideRequestTransition(action, state, role);
          if (!REQUEST_RULES[action].roles.includes(role))
            expect(decision).toEqual({ ok: false, reason: 'role' });
        }
      }
    }
  });

  it('closes only from an open state and lets the enterprise reopen an answer', () => {
    expect(decideRequestTransition('close', 'closed', 'center_director')).toEqual({
      ok: false,
      reason: 'state',
    });
    expect(decideRequestTransition('reopen', 'answered', 'enterprise')).toEqual({ ok: true, to: 'routed' });
    expect(decideRequestTransition('confirm', 'routed', 'enterprise')).toEqual({
      ok: false,
      reason: 'state',
    });
  });
});
