import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './app';
import { clearTokens } from './auth/session';
import { createQueryClient, Providers } from './providers';
import { json, path, stubFetch } from './test-fetch';
import { WithoutRuntimeStyles } from './test-render';

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const agent = {
  id: 'u1',
  displayName: '李代办',
  role: 'agent',
  scope: { kind: 'park', parkId: 'park-xslg' },
};
const item = (id: string, light: string | null, left: number | null) => ({
  id,
  name: `事项${id}`,
  projectName: '年产20万吨高端新材料项目',
  departmentName: '发展和改革局',
  state: 'accepted',
  light,
  dueDate: '2026-03-20',
  workingDaysLeft: left,
  overdueBy: null,
  paused: false,
});

function renderAt(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Providers client={createQueryClient()}>
        <App />
      </Providers>
    </MemoryRouter>,
    { wrapper: WithoutRuntimeStyles },
  );
}

describe('the web app', () => {
  it('signs an agent in and shows the worklist with light, due date and working days left', async () => {
    const seen = stubFetch((req) => {
      if (path(req) === '/api/v1/auth/login') {
        return json(200, { accessToken: 'a1', refreshToken: 'r1', tokenType: 'Bearer', expiresIn: 900 });
      }
      if (path(req) === '/api/v1/me') return json(200, agent);
      if (path(req) === '/api/v1/items') {
        return json(200, {
          items: [item('1', 'red', 0), item('2', 'green', 7)],
          page: 1,
          pageSize: 20,
          total: 45,
          truncated: false,
        });
      }
      return undefined;
    });
    renderAt('/');
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'demo_agent' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Demo#2026' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByText('事项1', {}, { timeout: 5_000 })).toBeTruthy();
    const header = screen.getByTestId('header-user');
    expect(within(header).getByText('李代办')).toBeTruthy();
    expect(within(header).getByText('代办员')).toBeTruthy();
    expect(within(header).getByText('园区：park-xslg')).toBeTruthy();
    expect(screen.getByText('红灯')).toBeTruthy();
    expect(screen.getByText('绿灯')).toBeTruthy();
    expect(screen.getAllByText('2026-03-20')).toHaveLength(2);
    expect(screen.getByText('7 个工作日')).toBeTruthy();
    expect(screen.getByText('共 45 条')).toBeTruthy();

    const list = seen.find((req) => path(req) === '/api/v1/items')!;
    expect(Object.fromEntries(new URL(list.url).searchParams)).toEqual({
      mine: 'true',
      page: '1',
      pageSize: '20',
    });
    expect(list.headers.get('authorization')).toBe('Bearer a1');
  });

  // The leader's home is the cockpit now, which jsdom takes a while to render.
  it('lands other roles on their own home, with their scope', async () => {
    sessionStorage.setItem('daiban.refreshToken', 'r1');
    stubFetch((req) => {
      if (path(req) === '/api/v1/auth/refresh') {
        return json(200, { accessToken: 'a2', refreshToken: 'r2', tokenType: 'Bearer', expiresIn: 900 });
      }
      if (path(req) === '/api/v1/me') {
        return json(200, {
          ...agent,
          displayName: '王领导',
          role: 'leader',
          scope: { kind: 'county', countyCode: '440803' },
        });
      }
      return undefined;
    });
    renderAt('/');
    expect(await screen.findByText(/领导驾驶舱/, {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('霞山区')).toBeTruthy();
  }, 20_000);

  it('sends the user back to login when the session cannot be renewed, keeping the page', async () => {
    sessionStorage.setItem('daiban.refreshToken', 'revoked');
    stubFetch(() => json(401, { code: 'TOKEN_INVALID', message: '登录凭证无效，请重新登录' }));
    renderAt('/?page=3');
    expect(await screen.findByLabelText('用户名')).toBeTruthy();
    expect(sessionStorage.getItem('daiban.refreshToken')).toBeNull();
  });

  it('shows the API message when login fails', async () => {
    stubFetch(() => json(401, { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' }));
    renderAt('/login');
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'y' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(screen.getByText('用户名或密码错误')).toBeTruthy());
  });
});
