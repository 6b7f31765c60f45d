import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAccessToken, getRefreshToken, setTokens } from '../auth/session';
import { json, path, stubFetch } from '../test-fetch';
import { api, setSessionExpiredHandler } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
});

const me = { displayName: '张三' };

describe('authFetch', () => {
  it('sends the access token', async () => {
    setTokens({ accessToken: 'a1', refreshToken: 'r1' });
    const seen = stubFetch((req) => (path(req) === '/api/v1/me' ? json(200, me) : undefined));
    const { data } = await api.GET('/api/v1/me');
    expect(data).toMatchObject(me);
    expect(seen[0].headers.get('authorization')).toBe('Bearer a1');
  });

  it('on a 401 refreshes once and repeats the request with the new token', async () => {
    setTokens({ accessToken: 'old', refreshToken: 'r1' });
    const seen = stubFetch(
      (req) =>
        path(req) === '/api/v1/auth/refresh'
          ? json(200, { accessToken: 'new', refreshToken: 'r2', tokenType: 'Bearer', expiresIn: 900 })
          : undefined,
      (req) =>
        req.headers.get('authorization') === 'Bearer new'
          ? json(200, me)
          : json(401, { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' }),
    );
    const { data } = await api.GET('/api/v1/me');
    expect(data).toMatchObject(me);
    expect(seen.map(path)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me']);
    expect(getAccessToken()).toBe('new');
    expect(getRefreshToken()).toBe('r2');
  });

  it('ends the session when the refresh fails, without looping', async () => {
    setTokens({ accessToken: 'old', refreshToken: 'r1' });
    const expired = vi.fn();
    setSessionExpiredHandler(expired);
    const seen = stubFetch(() => json(401, { code: 'TOKEN_INVALID', message: '登录凭证无效，请重新登录' }));
    const { error } = await api.GET('/api/v1/me');
    expect(error).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(seen.map(path)).toEqual(['/api/v1/me', '/api/v1/auth/refresh']);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
  });

  it('does not treat a failed login as an expired session', async () => {
    const expired = vi.fn();
    setSessionExpiredHandler(expired);
    const seen = stubFetch(() => json(401, { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' }));
    const { error } = await api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } });
    expect(error).toMatchObject({ message: '用户名或密码错误' });
    expect(seen).toHaveLength(1);
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('shouldRetry', () => {
  it('retries a network or server failure once, never a 4xx refusal', async () => {
    const { ApiError, shouldRetry } = await import('./client');
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, new TypeError('Failed to fetch'))).toBe(false);
    expect(shouldRetry(0, new ApiError('服务暂不可用', 503))).toBe(true);
    expect(shouldRetry(0, new ApiError('无权访问', 403))).toBe(false);
    expect(shouldRetry(0, new ApiError('未找到', 404))).toBe(false);
  });
});
