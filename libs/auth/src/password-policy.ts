import type { Role } from '@daiban/contracts';
import { isStaffRole } from './roles';

/**
 * 等保 2.0 asks staff accounts for complexity and periodic change; ASVS 5.0 advises against both.
 * The policy is configuration so each deployment can choose; defaults follow 等保 (see the gateway README).
 */
export interface PasswordPolicy {
  minLength: number;
  /** Of lower case, upper case, digits and other characters. */
  minClasses: number;
  /** 0 = passwords never expire. */
  maxAgeDaysStaff: number;
  maxAgeDaysEnterprise: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  minClasses: 3,
  maxAgeDaysStaff: 180,
  maxAgeDaysEnterprise: 0,
};

/** argon2 hashes whatever it is given; an upper bound keeps a login from becoming a CPU sink. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username';

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export function passwordProblems(
  policy: PasswordPolicy,
  password: string,
  context: { username?: string } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < policy.minLength) problems.push('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (characterClasses(password) < policy.minClasses) problems.push('too_few_classes');
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username))
    problems.push('contains_username');
  return problems;
}

/** When the password stops being accepted for login; null when it never expires for this role. */
export function passwordExpiresAt(policy: PasswordPolicy, role: Role, changedAt: Date): Date | null {
  const days = isStaffRole(role) ? policy.maxAgeDaysStaff : policy.maxAgeDaysEnterprise;
  if (!days) return null;
  return new Date(changedAt.getTime() + days * 24 * 3600 * 1000);
}
