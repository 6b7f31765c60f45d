import { vi } from 'vitest';

export type Route = (request: Request) => Response | undefined | Promise<Response | undefined>;

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake server: each call goes to the first route that answers; every request is recorded. */
export function stubFetch(...routes: Route[]): Request[] {
  const seen: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      seen.push(request.clone());
      for (const route of routes) {
        const answer = await route(request);
        if (answer) return answer;
      }
      return json(404, { code: 'NOT_FOUND', message: '未找到' });
    }),
  );
  return seen;
}

export const path = (request: Request): string => new URL(request.url).pathname;
