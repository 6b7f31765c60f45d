/** An HTTP answer with the body parsed as JSON where it is JSON. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Anything that answers HTTP at a base URL: a gateway booted in-process or a started stack. */
export interface HttpTarget {
  url: string;
}

export async function call<T = Record<string, unknown>>(
  target: HttpTarget,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${target.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // non-JSON bodies (HTML of Swagger UI) stay text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export async function loginAt(
  target: HttpTarget,
  username: string,
  password: string,
  ip?: string,
): Promise<Tokens> {
  const res = await call<Tokens>(target, 'POST', '/api/v1/auth/login', {
    body: { username, password },
    headers: ip ? { 'x-forwarded-for': ip } : {},
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
