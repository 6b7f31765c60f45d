/**
 * Tokens of the signed-in user. The access token lives in memory only; the refresh token is kept
 * in sessionStorage so a reload of the tab keeps the session, while closing the tab ends it.
 */
const REFRESH_KEY = 'daiban.refreshToken';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

let accessToken: string | null = null;

export function setTokens(tokens: Tokens): void {
  accessToken = tokens.accessToken;
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function clearTokens(): void {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getRefreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_KEY);
}
