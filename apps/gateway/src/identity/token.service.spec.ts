import { sign } from 'jsonwebtoken';
import { ManualClock } from '@daiban/calendar';
import { loadConfig } from '@daiban/config';
import { TOKEN_TYPES } from '@daiban/auth';
import { gatewayEnv } from '../config';
import { TokenService } from './token.service';

const config = loadConfig(gatewayEnv, {});
const subject = {
  userId: 'u-1',
  sessionId: 's-1',
  tokenVersion: 1,
  role: 'agent' as const,
  scope: { kind: 'park' as const, parkId: 'park-a' },
};

describe('TokenService.verify of a token it verified before', () => {
  let clock: ManualClock;
  let tokens: TokenService;
  let checks: jest.SpyInstance;

  beforeEach(() => {
    clock = new ManualClock('2026-03-02T01:00:00Z');
    tokens = new TokenService(config, clock);
    checks = jest.spyOn((tokens as unknown as { jwt: { verify: () => unknown } }).jwt, 'verify');
  });

  it('checks the signature once and answers the same claims again', () => {
    const token = tokens.signAccess(subject);
    const first = tokens.verify(token, TOKEN_TYPES.access);
    expect(tokens.verify(token, TOKEN_TYPES.access)).toEqual(first);
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('still expires it on the clock', () => {
    const token = tokens.signAccess(subject);
    tokens.verify(token, TOKEN_TYPES.access);
    clock.advance((config.ACCESS_TOKEN_TTL_SECONDS - 1) * 1000);
    expect(() => tokens.verify(token, TOKEN_TYPES.access)).not.toThrow();
    clock.advance(1000);
    expect(() => tokens.verify(token, TOKEN_TYPES.access)).toThrow(
      expect.objectContaining({ code: 'TOKEN_EXPIRED' }),
    );
  });

  it('still refuses it where another token type is expected', () => {
    const token = tokens.signAccess(subject);
    tokens.verify(token, TOKEN_TYPES.access);
    expect(() => tokens.verify(token, TOKEN_TYPES.streamTicket)).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
  });

  it('still honours a not-before claim', () => {
    const now = Math.floor(clock.now().getTime() / 1000);
    const token = sign(
      { sid: 's-1', ver: 1, role: 'agent', scope: subject.scope, iat: now, nbf: now, exp: now + 600 },
      config.JWT_SECRET!,
      {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: TOKEN_TYPES.access },
        audience: config.JWT_AUDIENCE,
        issuer: config.JWT_ISSUER,
        subject: 'u-1',
        jwtid: 'j-1',
      },
    );
    tokens.verify(token, TOKEN_TYPES.access);
    clock.advance(-1000);
    expect(() => tokens.verify(token, TOKEN_TYPES.access)).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
  });

  it('keeps nothing of a token that failed: a tampered copy is checked and refused every time', () => {
    const token = tokens.signAccess(subject);
    tokens.verify(token, TOKEN_TYPES.access);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('A') ? 'B' : 'A'}A`;
    for (let i = 0; i < 2; i++)
      expect(() => tokens.verify(tampered, TOKEN_TYPES.access)).toThrow(
        expect.objectContaining({ code: 'TOKEN_INVALID' }),
      );
    expect(checks).toHaveBeenCalledTimes(3);
  });
});
