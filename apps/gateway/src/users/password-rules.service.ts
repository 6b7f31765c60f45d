import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@daiban/contracts';
import { passwordProblems } from '@daiban/auth';
import { GATEWAY_CONFIG, passwordPolicyOf, type GatewayConfig } from '../config';
import { MESSAGES, PASSWORD_PROBLEM_MESSAGES } from '../messages';

/** The configured password policy, answering with one message per broken rule. */
@Injectable()
export class PasswordRules {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async assertAcceptable(password: string, username: string, previous?: string): Promise<void> {
    const policy = passwordPolicyOf(this.config);
    const problems = passwordProblems(policy, password, { username });
    if (problems.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        MESSAGES.passwordRejected,
        problems.map((problem) => ({
          field: 'password',
          message: PASSWORD_PROBLEM_MESSAGES[problem](policy.minLength, policy.minClasses),
        })),
      );
    if (previous !== undefined && previous === password)
      throw new DomainError('VALIDATION_FAILED', MESSAGES.passwordSame, [
        { field: 'newPassword', message: MESSAGES.passwordSame },
      ]);
  }
}
