import type { Role } from '@daiban/contracts';
import { call, loginAt } from '@daiban/testing';
import { DEMO_PASSWORD, demoUsers } from '../../apps/gateway/src/identity/demo-seed';
import { e2eBaseUrl } from './run-state';

/** The demo user of each role that `npm run seed:demo` creates (the first one where there are two). */
export function demoUser(role: Role): { username: string; password: string; displayName: string } {
  const user = demoUsers('').find((u) => u.role === role);
  if (!user) throw new Error(`no demo user with role ${role}`);
  return { username: user.username, password: DEMO_PASSWORD, displayName: user.displayName };
}

/**
 * A user talking to the stack's HTTP API directly: for what the UI cannot do (backdating) and for the
 * steps whose page is not built yet. Any answer but 2xx throws with the gateway's error body.
 */
export class ApiUser {
  private constructor(
    readonly role: Role,
    private readonly token: string,
  ) {}

  static async signIn(role: Role): Promise<ApiUser> {
    const { username, password } = demoUser(role);
    const tokens = await loginAt({ url: e2eBaseUrl() }, username, password);
    return new ApiUser(role, tokens.accessToken);
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
    const answer = await call<T>({ url: e2eBaseUrl() }, method, `/api/v1${path}`, {
      token: this.token,
      body,
    });
    if (answer.status >= 300)
      throw new Error(`${this.role} ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}
