import { render } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { App } from './app';
import { setTokens } from './auth/session';
import { createQueryClient, Providers } from './providers';
import { json, path, stubFetch, type Route } from './test-fetch';

/**
 * antd's zero-runtime mode (v6): no CSS-in-JS rules are generated or injected. jsdom has no layout, so
 * the rules only cost time: every getComputedStyle call (testing-library's role and visibility checks,
 * antd's own measuring) walks all injected rules, which made one form test take ~30 s. The app's
 * ConfigProvider inherits the flag; class names and inline styles stay as they are.
 */
export function WithoutRuntimeStyles({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ zeroRuntime: true }}>{children}</ConfigProvider>;
}

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
    { wrapper: WithoutRuntimeStyles },
  );
  return seen;
}
