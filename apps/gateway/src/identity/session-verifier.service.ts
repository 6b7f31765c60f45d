import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import type { TokenType } from '@daiban/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { MESSAGES } from '../messages';
import { SessionsRepository, type SessionState } from './sessions.repository';
import { SessionCache } from './session-cache';
import { TokenService } from './token.service';

const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a token into the caller, checking on every request that the session is alive and the user
 * unchanged — so logout, disabling a user or changing its role take effect at once. The state comes
 * from SessionCache when it holds it (see there why that is as current as PostgreSQL), else from
 * PostgreSQL.
 */
@Injectable()
export class SessionVerifier {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    private readonly cache: SessionCache,
  ) {}

  async callerFor(
    token: string,
    type: TokenType,
  ): Promise<{ caller: Caller; sessionId: string; jti: string }> {
    const claims = this.tokens.verify(token, type);
    const state = await this.currentState(claims.sid);
    if (!state || state.userId !== claims.sub) throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
    this.assertAlive(state, claims.ver);
    const now = this.clock.now();
    if (now.getTime() - state.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(state.familyId, now);
      this.cache.touched(state.familyId, now);
    }
    return {
      caller: {
        userId: state.userId,
        role: state.user.role,
        scope: state.user.scope,
        displayName: state.user.displayName,
      },
      sessionId: state.familyId,
      jti: claims.jti,
    };
  }

  private async currentState(familyId: string): Promise<SessionState | null> {
    const cached = this.cache.get(familyId);
    if (cached) return cached;
    const epoch = this.cache.epoch();
    const state = await this.sessions.state(familyId);
    // An unknown session is not kept: it is refused, and its family may be being created right now.
    if (state) this.cache.put(state, epoch);
    return state;
  }

  /** Re-checks an open session (the live stream outlives its access token). */
  async stillAlive(sessionId: string, tokenVersion?: number): Promise<boolean> {
    const state = await this.sessions.state(sessionId);
    if (!state) return false;
    try {
      this.assertAlive(state, tokenVersion ?? state.familyTokenVersion);
      return true;
    } catch {
      return false;
    }
  }

  assertAlive(state: SessionState, tokenVersion: number): void {
    const now = this.clock.now().getTime();
    if (
      state.revokedAt ||
      !state.user.enabled ||
      state.user.tokenVersion !== tokenVersion ||
      state.familyTokenVersion !== tokenVersion
    )
      throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
    if (
      now - state.lastSeenAt.getTime() > this.config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000 ||
      now >= state.expiresAt.getTime()
    )
      throw new DomainError('TOKEN_EXPIRED', MESSAGES.sessionExpired);
  }
}
