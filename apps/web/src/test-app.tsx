import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from './app';
import { setTokens } from './auth/session';
import { createQueryClient, Providers } from './providers';
import { json, path, stubFetch, type Route } from './test-fetch';

/** The whole app at `url`, signed in as `me`, against a fake server; returns every request made. */
export function renderApp(url: string, me: unknown, ...routes: Route[]): Request[] {
  setTokens({ accessToken: 'a1', refreshToken: 'r1' });
  const seen = stubFetch(
    (req) => (path(req) === '/api/v1/me' ? json(200, me) : undefined),
    (req) => (path(req) === '/api/v1/me/notifications/unread-count' ? json(200, { unread: 0 }) : undefined),
    ...routes,
  );
  render(
    <MemoryRouter initialEntries={[url]}>
      <Providers client={createQueryClient()}>
        <App />
      </Providers>
    </MemoryRouter>,
  );
  return seen;
}

/** A route answering GET `pathname` (any query string) with `body`. */
export const getJson =
  (pathname: string, body: unknown, status = 200): Route =>
  (req) =>
    req.method === 'GET' && path(req) === pathname ? json(status, body) : undefined;
