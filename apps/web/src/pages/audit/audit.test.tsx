import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { json, path } from '../../test-fetch';
import { renderAt } from '../../test-render';

/** findBy/waitFor: above testing-library's 1 s default, for a shared, busy machine. */
const slow = { timeout: 5_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const auditor = { id: 'u9', displayName: '审计员', role: 'auditor', scope: { kind: 'none' } };

const entry = (id: string, action: string, extra: Record<string, unknown> = {}) => ({
  id,
  at: '2026-03-18T02:03:04Z',
  actorId: 'u0',
  actorRole: 'admin',
  action,
  objectType: 'user',
  objectId: 'id-demo_agent',
  result: 'success',
  errorCode: null,
  ip: '10.0.0.8',
  correlationId: 'c-1',
  details: null,
  ...extra,
});

describe('the audit log', () => {
  it('is the auditor’s home: filters by action and pages by keyset', async () => {
    const seen = renderAt('/', auditor, (req) => {
      if (path(req) !== '/api/v1/audit') return undefined;
      const before = new URL(req.url).searchParams.get('before');
      return before
        ? json(200, { items: [entry('7', 'auth.login')], nextBefore: null })
        : json(200, {
            items: [
              entry('9', 'users.reveal_personal_data', { details: { reason: '核实联系方式' } }),
              entry('8', 'users.update', { result: 'denied', errorCode: 'FORBIDDEN' }),
            ],
            nextBefore: '8',
          });
    });

    const row = await screen.findByTestId('audit-row-9', {}, slow);
    expect(within(row).getByText('2026-03-18 10:03:04')).toBeTruthy();
    expect(within(row).getByText('u0 · 系统管理员')).toBeTruthy();
    expect(within(screen.getByTestId('audit-row-8')).getByText('拒绝')).toBeTruthy();
    expect(screen.getByTestId('nav-audit')).toBeTruthy();

    fireEvent.change(screen.getByTestId('audit-action'), { target: { value: 'users.update' } });
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => {
      const last = seen.filter((req) => path(req) === '/api/v1/audit').at(-1)!;
      expect(Object.fromEntries(new URL(last.url).searchParams)).toEqual({
        action: 'users.update',
        limit: '50',
      });
    }, slow);

    fireEvent.click(screen.getByTestId('audit-next'));
    expect(await screen.findByTestId('audit-row-7', {}, slow)).toBeTruthy();
    expect(screen.getByTestId('audit-page-no').textContent).toBe('第 2 页');
    const last = seen.filter((req) => path(req) === '/api/v1/audit').at(-1)!;
    expect(new URL(last.url).searchParams.get('before')).toBe('8');
    expect(new URL(last.url).searchParams.get('action')).toBe('users.update');
    expect((screen.getByTestId('audit-next') as HTMLButtonElement).disabled).toBe(true);
  });
});
