import { fireEvent, render, screen } from '@testing-library/react';
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

/** A GET (or any method) route answering one path with a fixed body. */
export const answer =
  (pathname: string, body: unknown, status = 200, method = 'GET'): Route =>
  (req) =>
    path(req) === pathname && req.method === method ? json(status, body) : undefined;

/** Opens an antd Select and clicks the option with this label. */
export async function pickOption(select: HTMLElement, label: string): Promise<void> {
  const combobox = select.querySelector('input') ?? select;
  fireEvent.mouseDown(combobox);
  const options = await screen.findAllByTitle(label, {}, { timeout: 20_000 });
  const option = options.find((el) => el.classList.contains('ant-select-item-option')) ?? options[0];
  fireEvent.click(option);
}
