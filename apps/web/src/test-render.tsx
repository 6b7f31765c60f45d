import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from './app';
import { setTokens } from './auth/session';
import { createQueryClient, Providers } from './providers';
import { json, path, stubFetch, type Route } from './test-fetch';

/** The whole app at `url`, signed in as `me`, against a fake server; returns every request it sent. */
export function renderAt(url: string, me: unknown, ...routes: Route[]): Request[] {
  setTokens({ accessToken: 'a1', refreshToken: 'r1' });
  const seen = stubFetch((req) => (path(req) === '/api/v1/me' ? json(200, me) : undefined), ...routes);
  render(
    <MemoryRouter initialEntries={[url]}>
      <Providers client={createQueryClient()}>
        <App />
      </Providers>
    </MemoryRouter>,
  );
  return seen;
}
