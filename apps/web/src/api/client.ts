import createClient from 'openapi-fetch';
import { messages } from '../i18n/messages';
import { clearTokens, getAccessToken, getRefreshToken, setTokens } from '../auth/session';
import type { paths } from './schema';

let onSessionExpired: () => void = () => undefined;

/** Called once the session cannot be renewed: the app sends the user to login, keeping the page. */
export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the refresh token once; concurrent 401s share the same attempt. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = getRefreshToken();
    if (!refreshToken) return false;
    try {
      const res = await fetch(`${window.location.origin}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        clearTokens();
        return false;
      }
      setTokens((await res.json()) as { accessToken: string; refreshToken: string });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

const PUBLIC_AUTH = /\/api\/v1\/auth\/(login|refresh|logout|change-password)$/;

/** Adds the bearer token; on a 401 tries one refresh and repeats the request, else ends the session. */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const withToken = (req: Request): Request => {
    const token = getAccessToken();
    if (token) req.headers.set('authorization', `Bearer ${token}`);
    return req;
  };
  const first = await fetch(withToken(request));
  if (first.status !== 401 || PUBLIC_AUTH.test(new URL(request.url).pathname)) return first;
  if (await refreshSession()) {
    const second = await fetch(withToken(retry));
    if (second.status !== 401) return second;
  }
  clearTokens();
  onSessionExpired();
  return first;
}

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  fetch: authFetch,
});

/** The API's own Chinese message ({code, message}), or a generic one. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error instanceof TypeError ? messages.common.networkError : error.message;
  }
  return messages.common.unknownError;
}

/** openapi-fetch answers `{data, error}`; queries want a value or a thrown error. */
export function unwrap<T>(result: { data?: T; error?: unknown; response?: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new ApiError(errorMessage(result.error), result.response?.status);
  }
  return result.data;
}

/** An API refusal with its Chinese message; `status` is the HTTP status when there was an answer. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Retry once on network or server errors; a 4xx answer will not change by asking again. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status !== undefined && error.status < 500) return false;
  return failureCount < 1;
}
