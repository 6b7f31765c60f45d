import fc from 'fast-check';
import {
  DEFAULT_PASSWORD_POLICY,
  characterClasses,
  passwordExpiresAt,
  passwordProblems,
} from './password-policy';
import { ROLE_SCOPE_KINDS, roleAllowsScope } from './roles';

describe('password policy', () => {
  it.each([
    ['Abcdef1!', []],
    ['abcdefg1', ['too_few_classes']],
    ['Ab1!', ['too_short']],
    ['zhangsan#2026A', ['contains_username']],
    ['密码Abc12345', []],
  ])('%s → %j', (password, expected) => {
    expect(passwordProblems(DEFAULT_PASSWORD_POLICY, password, { username: 'zhangsan' })).toEqual(expected);
  });

  it('refuses over-long passwords before they reach argon2', () => {
    expect(passwordProblems(DEFAULT_PASSWORD_POLICY, `Aa1!${'x'.repeat(200)}`)).toContain('too_long');
  });

  it('never accepts a password with fewer classes than the policy asks', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (password) => {
        const ok = passwordProblems(DEFAULT_PASSWORD_POLICY, password).length === 0;
        if (ok) expect(characterClasses(password)).toBeGreaterThanOrEqual(3);
      }),
    );
  });

  it('expires staff passwords after 180 days, never enterprise ones by default', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpiresAt(DEFAULT_PASSWORD_POLICY, 'agent', changed)?.toISOString()).toBe(
      '2026-06-30T00:00:00.000Z',
    );
    expect(passwordExpiresAt(DEFAULT_PASSWORD_POLICY, 'enterprise', changed)).toBeNull();
  });
});

describe('role and scope pairs', () => {
  it('gives every role at least one kind of scope and the auditor none of the data', () => {
    for (const kinds of Object.values(ROLE_SCOPE_KINDS)) expect(kinds.length).toBeGreaterThan(0);
    expect(roleAllowsScope('auditor', { kind: 'city' })).toBe(false);
    expect(roleAllowsScope('enterprise', { kind: 'enterprise', enterpriseId: 'e1' })).toBe(true);
    expect(roleAllowsScope('enterprise', { kind: 'park', parkId: 'p1' })).toBe(false);
  });
});
