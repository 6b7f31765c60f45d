import { CATALOG_V1 } from '../../apps/workflow/src/catalog/catalog-v1.constant';
import { runNode, type Stack } from './stack';
import { pool, waitFor } from './stats';

export const DEMO_PASSWORD = 'Demo#2026';

/** Catalog items that can be submitted and accepted on their own (no prerequisite in the catalog). */
export const NO_PREREQUISITES = new Set(
  CATALOG_V1.filter((c) => c.prerequisites.length === 0).map((c) => c.code),
);

/** The items of a case an agent can take from not_started to accepted by itself. */
export const workableItems = (c: AgencyCase) =>
  c.items.filter((i) => i.state === 'not_started' && NO_PREREQUISITES.has(i.catalogCode));

/** The stack env a load generator needs: the per-IP limits would answer 429 to one address. */
export const LOAD_ENV = {
  API_RATE_LIMIT_PER_MINUTE: '100000000',
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
};

export interface Session {
  token: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** Like `call`, but answers the status instead of throwing on a non-2xx. */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }>;
}

export async function login(stack: Stack, username: string): Promise<Session> {
  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const { accessToken: token } = (await res.json()) as { accessToken: string };
  const raw = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, text: await r.text() };
  };
  return {
    token,
    raw,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await raw(method, path, body);
      if (r.status >= 300)
        throw new Error(`${username} ${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
      return (r.text ? JSON.parse(r.text) : undefined) as T;
    },
  };
}

export async function seedDemo(stack: Stack): Promise<void> {
  await runNode(['dist/scripts/seed-demo.js'], stack.env, 120_000);
}

export interface AgencyCase {
  caseId: string;
  projectId: string;
  projectCode: string;
  items: Array<{ id: string; catalogCode: string; state: string }>;
}

/**
 * `count` projects over 1亿 registered by demo_agent for the demo enterprise in park-xslg; the workflow
 * opens their cases from the registry's event; the director signs the whole-catalog agreement and assigns
 * demo_agent. Answers every case with its items (all `not_started`). Project codes are unique per `tag`.
 */
export async function agencyCases(stack: Stack, count: number, tag: number): Promise<AgencyCase[]> {
  const agent = await login(stack, 'demo_agent');
  const director = await login(stack, 'demo_director');
  const enterprise = await login(stack, 'demo_enterprise');
  const me = await agent.call<{ id: string }>('GET', '/api/v1/me');
  const mine = await enterprise.call<{ items: Array<{ enterpriseId: string }> }>(
    'GET',
    '/api/v1/projects?pageSize=1',
  );
  const enterpriseId = mine.items[0]?.enterpriseId;
  if (!enterpriseId) throw new Error('the demo enterprise has no project: seed-demo first');
  const cases: AgencyCase[] = [];
  await pool(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const projectCode = `2026-440803-30-03-${String(tag * 10_000 + i).padStart(6, '0')}`;
      const project = await agent.call<{ projectId: string }>('POST', '/api/v1/projects', {
        name: `压测项目${tag}-${i}`,
        enterpriseId,
        projectCode,
        parkId: 'park-xslg',
        totalInvestment: '12000',
        industryChain: '先进材料',
      });
      let caseId = '';
      await waitFor(
        async () => {
          const r = await director.raw('GET', `/api/v1/projects/${project.projectId}/case`);
          if (r.status !== 200) return false;
          caseId = (JSON.parse(r.text) as { id: string }).id;
          return true;
        },
        60_000,
        `case of project ${project.projectId}`,
      );
      await director.call('POST', `/api/v1/cases/${caseId}/agreement`, {
        signedOn: new Date().toISOString().slice(0, 10),
        coverage: 'whole',
      });
      const assigned = await director.call<{ items: AgencyCase['items'] }>(
        'POST',
        `/api/v1/cases/${caseId}/actions`,
        {
          action: 'assign_agent',
          agentUserId: me.id,
        },
      );
      cases.push({ caseId, projectId: project.projectId, projectCode, items: assigned.items });
    },
  );
  return cases;
}
