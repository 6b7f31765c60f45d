import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@daiban/contracts';
import { passwordExpiresAt } from '@daiban/auth';
import { Clock } from '@daiban/calendar';
import { GATEWAY_CONFIG, passwordPolicyOf, type GatewayConfig } from '../config';
import { MESSAGES } from '../messages';
import { UsersRepository } from '../identity/users.repository';
import { SessionsRepository } from '../identity/sessions.repository';
import { LoginAttemptsRepository } from '../identity/login-attempts.repository';
import { PasswordHasher } from '../identity/password-hasher.service';
import { TokenService } from '../identity/token.service';
import { SessionVerifier } from '../identity/session-verifier.service';
import type { UserRecord } from '../identity/user.entity';
import { AuditService } from '../audit/audit.service';
import { PasswordRules } from '../users/password-rules.service';
import type { TokenPair } from './auth.dto';

/** Login, refresh-token rotation with reuse detection, logout and password change. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly attempts: LoginAttemptsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly verifier: SessionVerifier,
    private readonly audit: AuditService,
    private readonly passwordRules: PasswordRules,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    const user = await this.checkCredentials(username, password, ip, 'auth.login');
    const expiresAt = passwordExpiresAt(passwordPolicyOf(this.config), user.role, user.passwordChangedAt);
    if (expiresAt && expiresAt <= this.clock.now()) {
      await this.audit.record({
        actor: { userId: user.id, role: user.role },
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        errorCode: 'PASSWORD_EXPIRED',
        ip,
      });
      throw new DomainError('PASSWORD_EXPIRED', MESSAGES.passwordExpired);
    }
    const pair = await this.openSession(user, ip);
    await this.audit.record({
      actor: { userId: user.id, role: user.role },
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      result: 'success',
      ip,
    });
    return pair;
  }

  /** A public route, since an expired password cannot log in; the lockout counts here too. */
  async changePassword(
    username: string,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<void> {
    const user = await this.checkCredentials(username, currentPassword, ip, 'auth.change_password');
    await this.passwordRules.assertAcceptable(newPassword, user.username, currentPassword);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await this.users.update(
        user.id,
        { passwordHash: await this.hasher.hash(newPassword) },
        { now, bumpVersion: true },
        manager,
      );
      await this.sessions.revokeAllOfUser(user.id, 'password_changed', now, manager);
    });
    await this.audit.record({
      actor: { userId: user.id, role: user.role },
      action: 'auth.change_password',
      objectType: 'user',
      objectId: user.id,
      result: 'success',
      ip,
    });
  }

  async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
    const now = this.clock.now();
    const hash = this.tokensHash(refreshToken);
    type Outcome =
      | { ok: true; pair: TokenPair; userId: string; role: UserRecord['role']; familyId: string }
      | {
          ok: false;
          error: DomainError;
          familyId: string | null;
          actor: { userId: string; role: UserRecord['role'] } | null;
          reused: boolean;
        };
    const outcome: Outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const token = await this.sessions.findTokenForUpdate(hash, manager);
      if (!token)
        return {
          ok: false,
          error: new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid),
          familyId: null,
          actor: null,
          reused: false,
        };
      const state = await this.sessions.state(token.familyId, manager);
      if (!state) throw new Error(`refresh token without family ${token.familyId}`);
      if (token.usedAt) {
        // A rotated token came back: someone holds a copy. End the whole session for both holders.
        await this.sessions.revokeFamily(token.familyId, 'refresh_token_reuse', now, manager);
        return {
          ok: false,
          error: new DomainError('TOKEN_INVALID', MESSAGES.refreshReused),
          familyId: token.familyId,
          actor: { userId: state.userId, role: state.user.role },
          reused: true,
        };
      }
      try {
        this.verifier.assertAlive(state, state.familyTokenVersion);
      } catch (error) {
        return {
          ok: false,
          error: error as DomainError,
          familyId: token.familyId,
          actor: { userId: state.userId, role: state.user.role },
          reused: false,
        };
      }
      await this.sessions.markUsed(hash, now, manager);
      const next = this.tokens.newRefreshToken();
      await this.sessions.addToken(next.hash, token.familyId, now, manager);
      await this.sessions.touch(token.familyId, now, manager);
      const accessToken = this.tokens.signAccess({
        userId: state.userId,
        sessionId: token.familyId,
        tokenVersion: state.familyTokenVersion,
        role: state.user.role,
        scope: state.user.scope,
      });
      return {
        ok: true,
        pair: this.pair(accessToken, next.token),
        userId: state.userId,
        role: state.user.role,
        familyId: token.familyId,
      };
    });
    if (!outcome.ok) {
      await this.audit.record({
        actor: outcome.actor,
        action: outcome.reused ? 'auth.refresh_reuse' : 'auth.refresh',
        objectType: 'session',
        objectId: outcome.familyId,
        result: 'denied',
        errorCode: outcome.error.code,
        ip,
      });
      throw outcome.error;
    }
    await this.audit.record({
      actor: { userId: outcome.userId, role: outcome.role },
      action: 'auth.refresh',
      objectType: 'session',
      objectId: outcome.familyId,
      result: 'success',
      ip,
    });
    return outcome.pair;
  }

  /** Ends the session the refresh token belongs to; its access tokens stop working at once. */
  async logout(refreshToken: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const familyId = await this.dataSource.transaction(async (manager) => {
      const token = await this.sessions.findTokenForUpdate(this.tokensHash(refreshToken), manager);
      if (!token) return null;
      await this.sessions.revokeFamily(token.familyId, 'logout', now, manager);
      return token.familyId;
    });
    const state = familyId ? await this.sessions.state(familyId) : null;
    await this.audit.record({
      actor: state ? { userId: state.userId, role: state.user.role } : null,
      action: 'auth.logout',
      objectType: 'session',
      objectId: familyId,
      result: familyId ? 'success' : 'failure',
      errorCode: familyId ? null : 'TOKEN_INVALID',
      ip,
    });
  }

  private tokensHash(token: string): string {
    return TokenService.hashRefreshToken(token);
  }

  private pair(accessToken: string, refreshToken: string): TokenPair {
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  private async openSession(user: UserRecord, ip: string): Promise<TokenPair> {
    const now = this.clock.now();
    const familyId = randomUUID();
    const refresh = this.tokens.newRefreshToken();
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.createFamily(
        {
          id: familyId,
          userId: user.id,
          tokenVersion: user.tokenVersion,
          now,
          expiresAt: new Date(now.getTime() + this.config.SESSION_ABSOLUTE_LIFETIME_HOURS * 3600_000),
          ip,
        },
        manager,
      );
      await this.sessions.addToken(refresh.hash, familyId, now, manager);
      await this.attempts.record(
        { username: user.username, userId: user.id, ip, succeeded: true, at: now },
        manager,
      );
    });
    const accessToken = this.tokens.signAccess({
      userId: user.id,
      sessionId: familyId,
      tokenVersion: user.tokenVersion,
      role: user.role,
      scope: user.scope,
    });
    return this.pair(accessToken, refresh.token);
  }

  /**
   * Password check with the lockout: LOCKOUT_THRESHOLD failures inside LOCKOUT_MINUTES lock the
   * account for LOCKOUT_MINUTES, even for the right password. Unknown users, disabled users and wrong
   * passwords all answer the same, so the answer does not reveal which usernames exist.
   */
  private async checkCredentials(
    username: string,
    password: string,
    ip: string,
    action: string,
  ): Promise<UserRecord> {
    const now = this.clock.now();
    const user = await this.users.findByUsername(username);
    const fail = async (errorCode: string, actor: UserRecord | null) => {
      await this.audit.record({
        actor: actor ? { userId: actor.id, role: actor.role } : null,
        action,
        objectType: 'user',
        objectId: actor?.id ?? null,
        result: 'failure',
        errorCode,
        ip,
        details: actor ? null : { username: username.slice(0, 64) },
      });
    };
    if (!user) {
      await this.hasher.verifyAgainstNothing(password);
      await this.attempts.record({ username, userId: null, ip, succeeded: false, at: now });
      await fail('UNAUTHENTICATED', null);
      throw new DomainError('UNAUTHENTICATED', MESSAGES.badCredentials);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.attempts.record({ username, userId: user.id, ip, succeeded: false, at: now });
      await fail('ACCOUNT_LOCKED', user);
      throw new DomainError('ACCOUNT_LOCKED', MESSAGES.accountLocked(this.config.LOCKOUT_MINUTES), {
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    const ok = await this.hasher.verify(user.passwordHash, password);
    if (ok && user.enabled) return user;
    const lockedNow = await this.dataSource.transaction(async (manager) => {
      const fresh = await this.users.findById(user.id, manager, true);
      await this.attempts.record({ username, userId: user.id, ip, succeeded: false, at: now }, manager);
      // A disabled user with the right password is refused but not locked out.
      if (!fresh || ok) return false;
      const windowStart = new Date(now.getTime() - this.config.LOCKOUT_MINUTES * 60_000);
      const failures = await this.attempts.recentFailures(user.id, windowStart, fresh.lockedUntil, manager);
      if (failures < this.config.LOCKOUT_THRESHOLD) return false;
      await this.users.lockUntil(
        user.id,
        new Date(now.getTime() + this.config.LOCKOUT_MINUTES * 60_000),
        manager,
      );
      return true;
    });
    await fail(lockedNow ? 'ACCOUNT_LOCKED' : 'UNAUTHENTICATED', user);
    if (lockedNow)
      throw new DomainError('ACCOUNT_LOCKED', MESSAGES.accountLocked(this.config.LOCKOUT_MINUTES));
    throw new DomainError('UNAUTHENTICATED', MESSAGES.badCredentials);
  }
}
