import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Role, type Scope } from '@daiban/contracts';
import {
  TOKEN_ALGORITHM,
  TOKEN_TYPES,
  tokenClaimsSchema,
  type TokenClaims,
  type TokenType,
} from '@daiban/auth';
import { Clock } from '@daiban/calendar';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { MESSAGES } from '../messages';

export interface TokenSubject {
  userId: string;
  sessionId: string;
  tokenVersion: number;
  role: Role;
  scope: Scope;
}

/** Tokens verified recently (a client sends the same access token with every request). */
const VERIFIED_MAX = 10_000;

interface Verified {
  typ: TokenType;
  claims: TokenClaims;
  nbf: number | undefined;
}

/** Signs and checks the gateway's JWTs; refresh tokens are opaque random strings, never JWTs. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * The outcome of the checks that depend only on the token's text (signature, algorithm, audience,
   * issuer, claims): the same text under the same key passes them again, so only the clock-dependent
   * ones (`nbf`, `exp`) and the expected type are repeated. Re-verifying was a tenth of the gateway's
   * CPU per request (bench B1). Only tokens that passed everything are kept.
   */
  private readonly verified = new Map<string, Verified>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {
    // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public
    // key on every verify, which was a fifth of the gateway's CPU under load (bench B1 profile).
    this.jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) });
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  sign(subject: TokenSubject, type: TokenType, ttlSeconds: number): string {
    return this.jwt.sign(
      {
        sid: subject.sessionId,
        ver: subject.tokenVersion,
        role: subject.role,
        scope: subject.scope,
        // jsonwebtoken reads the clock itself unless iat is given; ours is the injected one.
        iat: this.nowSeconds(),
      },
      {
        algorithm: TOKEN_ALGORITHM,
        header: { alg: TOKEN_ALGORITHM, typ: type },
        expiresIn: ttlSeconds,
        audience: this.config.JWT_AUDIENCE,
        issuer: this.config.JWT_ISSUER,
        subject: subject.userId,
        jwtid: randomUUID(),
      },
    );
  }

  signAccess(subject: TokenSubject): string {
    return this.sign(subject, TOKEN_TYPES.access, this.config.ACCESS_TOKEN_TTL_SECONDS);
  }

  /** Checks signature (HS256 only), `aud`, `iss`, expiry against our clock, and the `typ` header. */
  verify(token: string, expected: TokenType): TokenClaims {
    const hit = this.verified.get(token);
    if (hit) {
      // In jsonwebtoken's order: not-before, expiry, then our type check.
      const now = this.nowSeconds();
      if (hit.nbf !== undefined && hit.nbf > now)
        throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
      if (now >= hit.claims.exp) {
        this.verified.delete(token);
        throw new DomainError('TOKEN_EXPIRED', MESSAGES.sessionExpired);
      }
      if (hit.typ !== expected) throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
      return hit.claims;
    }
    let decoded: { header: { typ?: string; alg?: string }; payload: unknown };
    try {
      decoded = this.jwt.verify(token, {
        algorithms: [TOKEN_ALGORITHM],
        audience: this.config.JWT_AUDIENCE,
        issuer: this.config.JWT_ISSUER,
        clockTimestamp: this.nowSeconds(),
        complete: true,
      });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError')
        throw new DomainError('TOKEN_EXPIRED', MESSAGES.sessionExpired);
      throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
    }
    if (decoded.header.typ !== expected || decoded.header.alg !== TOKEN_ALGORITHM)
      throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
    const claims = tokenClaimsSchema.safeParse(decoded.payload);
    if (!claims.success) throw new DomainError('TOKEN_INVALID', MESSAGES.tokenInvalid);
    const nbf = (decoded.payload as { nbf?: unknown }).nbf;
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, {
      typ: expected,
      claims: claims.data,
      nbf: typeof nbf === 'number' ? nbf : undefined,
    });
    return claims.data;
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = `rt_${randomBytes(32).toString('base64url')}`;
    return { token, hash: TokenService.hashRefreshToken(token) };
  }

  static hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
