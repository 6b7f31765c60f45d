import { randomUUID } from 'node:crypto';
import { SystemClock } from '@daiban/calendar';
import { creditCode } from '@daiban/testing';
import { prng } from '../../../apps/registry/src/seeding/synthetic-projects.seeder';

const clock = new SystemClock();
/** Wall-clock ms: the stack runs on the real clock, so the client does too. */
export const nowMs = () => clock.now().getTime();

/** The registry seeder's mulberry32: a failing run can be replayed with its seed. */
export const seededRandom = prng;

/** One HTTP exchange as the client saw it: what it asked for and what it got. */
export interface CallRecord {
  op: string;
  method: string;
  path: string;
  status: number;
  /** Set by the client on the request (x-correlation-id), so the audit row can be found. */
  correlationId: string;
  startedAt: number;
  ms: number;
  /** The id of what a 2xx created or changed, and the version it reported. */
  objectId?: string;
  version?: number;
  error?: string;
}

interface Answer<T> {
  status: number;
  body: T;
}

const PASSWORD = 'Demo#2026';
const DAY = 24 * 3600 * 1000;
/** Items whose flow prepare → submit → accept works for an agent without other prerequisites. */
const ITEM_CODES = ['utility_connections', 'eia_table', 'fire_design_review'];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface ItemView {
  id: string;
  catalogCode: string;
  state: string;
  version: number;
}
interface CaseView {
  id: string;
  state: string;
  version: number;
  items: ItemView[];
}

export interface WorkloadOptions {
  seed: number;
  /** How long one logical step keeps retrying through a fault before it counts as failed. */
  stepDeadlineMs?: number;
}

/**
 * A seeded stream of realistic work through the gateway: enterprises register projects over 1亿
 * (the registry's event opens the case in the workflow), the agent signs the agreement, the director
 * assigns the agent, items are prepared, submitted and accepted with back-dated times so they are
 * already overdue (reminders and escalations fire at once), a share of them approved (closed).
 * Every exchange is recorded; a step retries through faults until its deadline.
 */
export class Workload {
  readonly calls: CallRecord[] = [];
  readonly projects: string[] = [];
  readonly failures: string[] = [];
  private readonly random: () => number;
  private readonly tokens = new Map<string, { token: string; at: number }>();
  private agentId = '';
  private enterpriseId = '';
  private serial = 0;
  private readonly stepDeadlineMs: number;

  constructor(
    private readonly urls: () => string[],
    private readonly options: WorkloadOptions,
  ) {
    this.random = seededRandom(options.seed);
    this.stepDeadlineMs = options.stepDeadlineMs ?? 120_000;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  async raw<T>(op: string, method: string, path: string, token?: string, body?: unknown): Promise<Answer<T>> {
    const correlationId = randomUUID();
    const record: CallRecord = { op, method, path, status: 0, correlationId, startedAt: nowMs(), ms: 0 };
    const started = performance.now();
    try {
      const res = await fetch(`${this.pick(this.urls())}${path}`, {
        method,
        headers: {
          'x-correlation-id': correlationId,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      record.status = res.status;
      const text = await res.text();
      const parsed = (text ? JSON.parse(text) : null) as T;
      if (res.ok && MUTATING.has(method) && parsed && typeof parsed === 'object') {
        const view = parsed as { id?: string; projectId?: string; version?: number };
        record.objectId = op === 'project.register' ? view.projectId : view.id;
        record.version = view.version;
      }
      if (!res.ok) record.error = text.slice(0, 300);
      return { status: res.status, body: parsed };
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      return { status: 0, body: null as T };
    } finally {
      record.ms = performance.now() - started;
      if (MUTATING.has(method) || record.status !== 200) this.calls.push(record);
    }
  }

  private async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached && nowMs() - cached.at < 5 * 60_000) return cached.token;
    const answer = await this.step('login', async () => {
      const res = await this.raw<{ accessToken: string }>('login', 'POST', '/api/v1/auth/login', undefined, {
        username,
        password: PASSWORD,
      });
      return res.status === 200 ? res.body.accessToken : null;
    });
    this.tokens.set(username, { token: answer, at: nowMs() });
    return answer;
  }

  /** Retries `attempt` (null = not yet) with back-off until the step deadline. */
  private async step<T>(what: string, attempt: () => Promise<T | null>): Promise<T> {
    const deadline = nowMs() + this.stepDeadlineMs;
    let delay = 100;
    for (;;) {
      const result = await attempt();
      if (result !== null) return result;
      if (nowMs() > deadline) throw new Error(`${what}: no success within ${this.stepDeadlineMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }

  private async as<T>(username: string, op: string, method: string, path: string, body?: unknown) {
    const res = await this.raw<T>(op, method, path, await this.token(username), body);
    if (res.status === 401) this.tokens.delete(username);
    return res;
  }

  async setup(): Promise<void> {
    this.agentId = await this.step('me', async () => {
      const res = await this.as<{ id: string }>('demo_agent', 'me', 'GET', '/api/v1/me');
      return res.status === 200 ? res.body.id : null;
    });
    const code = creditCode(900_000 + this.options.seed);
    this.enterpriseId = await this.step('enterprise', async () => {
      const res = await this.as<{ id: string }>('demo_agent', 'enterprise', 'POST', '/api/v1/enterprises', {
        name: `混沌测试企业${this.options.seed}`,
        creditCode: code,
        legalRepresentative: '测试',
      });
      if (res.status === 201) return res.body.id;
      // A retry after a lost answer: the first attempt did create it.
      if (res.status === 409) {
        const found = await this.as<{ items: Array<{ id: string; creditCode: string }> }>(
          'demo_agent',
          'enterprise.find',
          'GET',
          `/api/v1/enterprises?q=${code}`,
        );
        return found.body?.items?.find((e) => e.creditCode === code)?.id ?? null;
      }
      return null;
    });
  }

  /** One project from registration to items accepted (overdue) and a share approved. */
  async projectFlow(): Promise<void> {
    const n = ++this.serial;
    const tag = `${this.options.seed}-${n}`;
    const projectId = await this.step(`project ${tag}`, async () => {
      const res = await this.as<{ projectId: string }>(
        'demo_agent',
        'project.register',
        'POST',
        '/api/v1/projects',
        {
          name: `混沌项目${tag}`,
          enterpriseId: this.enterpriseId,
          projectCode: `2026-440803-30-03-${String(this.options.seed % 1000).padStart(3, '0')}${String(n).padStart(3, '0')}`,
          parkId: 'park-xslg',
          totalInvestment: String(12_000 + Math.floor(this.random() * 100_000)),
          industryChain: '先进材料',
          plannedDates: { constructionStartOn: '2026-12-30' },
        },
      );
      if (refused(res)) throw new Error(`project ${tag} refused: ${res.status} ${JSON.stringify(res.body)}`);
      return res.status === 201 ? res.body.projectId : null;
    });
    this.projects.push(projectId);
    let kase = await this.step(`case of ${projectId}`, async () => {
      const res = await this.as<CaseView>(
        'demo_agent',
        'case.get',
        'GET',
        `/api/v1/projects/${projectId}/case`,
      );
      return res.status === 200 ? res.body : null;
    });
    const chosen = ITEM_CODES.filter(() => this.random() < 0.8);
    if (!chosen.length) chosen.push(ITEM_CODES[0]);
    kase = await this.caseStep('agreement', kase, 'awaiting_agreement', (k) =>
      this.as<CaseView>('demo_director', 'case.agreement', 'POST', `/api/v1/cases/${k.id}/agreement`, {
        signedOn: isoDate(nowMs() - 70 * DAY),
        coverage: 'items',
        itemCodes: chosen,
      }),
    );
    kase = await this.caseStep('assign', kase, 'agreement_signed', (k) =>
      this.as<CaseView>('demo_director', 'case.assign', 'POST', `/api/v1/cases/${k.id}/actions`, {
        action: 'assign_agent',
        agentUserId: this.agentId,
      }),
    );
    const daysAgo = 30 + Math.floor(this.random() * 30);
    for (const item of kase.items.filter((i) => i.state === 'not_started')) {
      const base = nowMs() - daysAgo * DAY;
      await this.itemAction(item.id, 'prepare', { at: new Date(base).toISOString() });
      await this.itemAction(item.id, 'submit', { at: new Date(base + DAY).toISOString() });
      await this.itemAction(item.id, 'accept', { at: new Date(base + 2 * DAY).toISOString() });
      if (this.random() < 0.3) {
        await this.itemAction(item.id, 'approve', { resultDocNo: `混沌${tag}`, issuedVia: 'department' });
      }
    }
  }

  /** A case action retried through faults; a retry that finds the action already done moves on. */
  private async caseStep(
    what: string,
    kase: CaseView,
    from: string,
    act: (k: CaseView) => Promise<Answer<CaseView>>,
  ): Promise<CaseView> {
    return this.step(`${what} ${kase.id}`, async () => {
      const current = await this.as<CaseView>('demo_agent', 'case.get', 'GET', `/api/v1/cases/${kase.id}`);
      if (current.status !== 200) return null;
      if (current.body.state !== from) return current.body;
      const res = await act(current.body);
      if (refused(res)) throw new Error(`${what} ${kase.id} refused: ${res.status}`);
      return res.status === 200 ? res.body : null;
    });
  }

  private async itemAction(itemId: string, action: string, fields: Record<string, unknown>): Promise<void> {
    const target: Record<string, string> = {
      prepare: 'preparing',
      submit: 'submitted',
      accept: 'accepted',
      approve: 'approved',
    };
    try {
      await this.step(`${action} ${itemId}`, async () => {
        const current = await this.as<ItemView>('demo_agent', 'item.get', 'GET', `/api/v1/items/${itemId}`);
        if (current.status !== 200) return null;
        if (current.body.state === target[action]) return true;
        const res = await this.as<ItemView>(
          'demo_agent',
          `item.${action}`,
          'POST',
          `/api/v1/items/${itemId}/actions`,
          {
            action,
            expectedVersion: current.body.version,
            ...fields,
          },
        );
        if (res.status === 200) return true;
        // A refusal by the domain (not a fault): record it once and go on with the next item.
        if (refused(res)) {
          this.failures.push(`${action} ${itemId}: ${res.status}`);
          return true;
        }
        return null;
      });
    } catch (error) {
      this.failures.push((error as Error).message);
    }
  }

  /** Runs project flows, `concurrency` at a time, until `count` are done or `until()` says stop. */
  async run(options: { count?: number; concurrency?: number; until?: () => boolean }): Promise<void> {
    const concurrency = options.concurrency ?? 3;
    let started = 0;
    const more = () =>
      (options.count === undefined || started < options.count) && !(options.until?.() ?? false);
    const worker = async () => {
      while (more()) {
        started++;
        try {
          await this.projectFlow();
        } catch (error) {
          this.failures.push((error as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Mutations the client saw succeed. */
  acknowledged(): CallRecord[] {
    return this.calls.filter((c) => MUTATING.has(c.method) && c.status >= 200 && c.status < 300);
  }
}

/** A 4xx the domain means (not a fault): retrying would not help; a version race or a token is retried. */
function refused(res: Answer<unknown>): boolean {
  const code = (res.body as { code?: string } | null)?.code;
  if (res.status === 409) return code !== 'VERSION_CONFLICT';
  return res.status >= 400 && res.status < 500 && ![401, 408, 429].includes(res.status);
}

function isoDate(ms: number): string {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
