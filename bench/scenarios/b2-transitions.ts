import { Client } from 'pg';
import { agencyCases, LOAD_ENV, login, seedDemo, workableItems, type Session } from '../lib/fixture';
import { cpuMetrics, cpuWindow } from '../lib/cpu';
import { appName, rssBytes, startStack, type Stack } from '../lib/stack';
import { percentile, pool, round, waitFor, type ScenarioResult } from '../lib/stats';

/** prepare → submit → accept: three transitions per item, the last one told to the enterprise's inbox. */
const CHAIN = ['prepare', 'submit', 'accept'] as const;

/** Item chains run at once for the max rate. */
const CHAINS = 32;

/** Peak RSS per app while B2's load ran, for B8 (which runs after B2 in `npm run bench`). */
export const rssUnderB2Load: Record<string, number> = {};

/** Samples the apps' RSS every 250 ms until stopped; answers the peak per app in MiB. */
function sampleRss(stack: Stack): () => Record<string, number> {
  const peak: Record<string, number> = {};
  const pids = stack.appPids();
  const names = pids.map((pid, i) => appName(pid, `app${i}`));
  const tick = () =>
    pids.forEach((pid, i) => {
      peak[names[i]] = Math.max(peak[names[i]] ?? 0, rssBytes(pid));
    });
  tick();
  const timer = setInterval(tick, 250);
  return () => {
    clearInterval(timer);
    tick();
    return Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, round(v / 2 ** 20)]));
  };
}

async function act(agent: Session, itemId: string, action: string): Promise<number> {
  const view = await agent.call<{ version: number }>('POST', `/api/v1/items/${itemId}/actions`, { action });
  return view.version;
}

async function visibleCounts(pg: Client, ids: string[]) {
  const [{ n: reporting }] = (
    await pg.query(
      `SELECT count(*)::int AS n FROM reporting.items WHERE item_id = ANY($1) AND state = 'accepted'`,
      [ids],
    )
  ).rows;
  const [{ n: inbox }] = (
    await pg.query(
      `SELECT count(DISTINCT subject_id)::int AS n FROM notifications.notifications
        WHERE subject_id = ANY($1) AND template = 'item.accepted'`,
      [ids],
    )
  ).rows;
  return { reporting: reporting as number, inbox: inbox as number };
}

/** The raw single-row commit rate of the same database: `concurrency` clients, autocommit INSERTs. */
async function rawCommitRate(url: string, seconds: number, concurrency: number): Promise<number> {
  const setup = new Client({ connectionString: url });
  await setup.connect();
  await setup.query(
    `CREATE TABLE IF NOT EXISTS public.bench_commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL)`,
  );
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let commits = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        await c.query(`INSERT INTO public.bench_commits (at) VALUES (now())`);
        commits += 1;
      }
    }),
  );
  const rate = commits / ((performance.now() - started) / 1000);
  await Promise.all(clients.map((c) => c.end()));
  await setup.query(`DROP TABLE public.bench_commits`);
  await setup.end();
  return round(rate);
}

export async function runB2(
  options: { scale?: number; seconds?: number; rate?: number } = {},
): Promise<ScenarioResult> {
  const scale = options.scale ?? 1;
  const seconds = options.seconds ?? 10;
  const rate = options.rate ?? 100;
  const stack = await startStack(LOAD_ENV);
  const pg = new Client({ connectionString: stack.env.DATABASE_URL });
  try {
    await seedDemo(stack);
    await pg.connect();
    // Enough items for ~300 transitions/s over `seconds` at max rate (× scale), plus the paced run; at
    // least three items per chain, so that the max rate is not measured on a few chains' start and tail.
    const pacedCount = Math.ceil((rate * seconds) / CHAIN.length);
    const loadedCount = Math.max(CHAINS * 3, Math.ceil((scale * 300 * seconds) / CHAIN.length));
    const first = await agencyCases(stack, 1, 1);
    const perCase = workableItems(first[0]).length;
    const more = Math.max(0, Math.ceil((pacedCount + loadedCount) / perCase) - 1);
    const rest = await agencyCases(stack, more, 2);
    const items = [...first, ...rest].flatMap((c) => workableItems(c).map((i) => i.id));
    const paced = items.slice(0, pacedCount);
    const loaded = items.slice(pacedCount);
    const agent = await login(stack, 'demo_agent');

    // 1. Max rate: 32 concurrent item chains.
    const stopRss = sampleRss(stack);
    const cpu = cpuWindow(stack);
    let failures = 0;
    let firstError = '';
    let transitions = 0;
    const started = performance.now();
    await pool(loaded, CHAINS, async (id) => {
      for (const action of CHAIN) {
        try {
          await act(agent, id, action);
          transitions += 1;
        } catch (error) {
          failures += 1;
          firstError ||= String(error);
          return;
        }
      }
    });
    const loadMs = performance.now() - started;
    let counts = await visibleCounts(pg, loaded);
    await waitFor(
      async () => {
        counts = await visibleCounts(pg, loaded);
        return counts.reporting >= loaded.length && counts.inbox >= loaded.length;
      },
      120_000,
      'transitions visible in reporting and inbox',
    ).catch(() => undefined);
    const drainedMs = performance.now() - started;
    const cpuSpent = cpu.stop();
    const rss = stopRss();
    Object.assign(rssUnderB2Load, rss);

    // 2. Paced: `rate` transitions/s, open loop; each item's next action a whole round later.
    // One entry per action sent (`<item>|<action>`), until it is visible.
    interface Pending {
      itemId: string;
      sentAt: number;
      version: number;
      inbox: boolean;
      reporting?: number;
      inboxAt?: number;
    }
    const pending = new Map<string, Pending>();
    const reportingMs: number[] = [];
    const inboxMs: number[] = [];
    const visibleMs: number[] = [];
    let polling = true;
    const pacedStart = performance.now();
    const poller = (async () => {
      while (polling || pending.size) {
        const entries = [...pending.entries()].filter(([, p]) => p.version > 0);
        const ids = [...new Set(entries.map(([, p]) => p.itemId))];
        if (ids.length) {
          const now = performance.now();
          const rep = await pg.query(
            `SELECT item_id, state_version FROM reporting.items WHERE item_id = ANY($1)`,
            [ids],
          );
          const inbox = await pg.query(
            `SELECT DISTINCT subject_id FROM notifications.notifications WHERE subject_id = ANY($1) AND template = 'item.accepted'`,
            [ids],
          );
          const versions = new Map(
            (rep.rows as Array<{ item_id: string; state_version: number }>).map((r) => [
              r.item_id,
              r.state_version,
            ]),
          );
          const inInbox = new Set(inbox.rows.map((r: { subject_id: string }) => r.subject_id));
          for (const [key, p] of entries) {
            if (p.reporting === undefined && (versions.get(p.itemId) ?? 0) >= p.version)
              p.reporting = now - p.sentAt;
            if (p.inbox && p.inboxAt === undefined && inInbox.has(p.itemId)) p.inboxAt = now - p.sentAt;
            if (p.reporting !== undefined && (!p.inbox || p.inboxAt !== undefined)) {
              reportingMs.push(p.reporting);
              if (p.inbox) inboxMs.push(p.inboxAt!);
              visibleMs.push(Math.max(p.reporting, p.inboxAt ?? 0));
              pending.delete(key);
            }
          }
        }
        if (performance.now() - pacedStart > (seconds + 30) * 1000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let pacedFailures = 0;
    const sends: Array<Promise<void>> = [];
    // An item's next action waits for its previous answer, should the system fall behind the schedule.
    const previous = new Map<string, Promise<void>>();
    let n = 0;
    for (const action of CHAIN) {
      for (const id of paced) {
        const due = pacedStart + (n++ * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const send = (previous.get(id) ?? Promise.resolve()).then(() => {
          const key = `${id}|${action}`;
          pending.set(key, { itemId: id, sentAt: performance.now(), version: 0, inbox: action === 'accept' });
          return act(agent, id, action).then(
            (version) => {
              const p = pending.get(key);
              if (p) p.version = version;
            },
            (error: unknown) => {
              firstError ||= String(error);
              pacedFailures += 1;
              pending.delete(key);
            },
          );
        });
        previous.set(id, send);
        sends.push(send);
      }
    }
    await Promise.all(sends);
    const pacedSendMs = performance.now() - pacedStart;
    polling = false;
    await poller;
    const rawRate = await rawCommitRate(stack.env.DATABASE_URL!, 5, 16);
    const sustained = round(transitions / (loadMs / 1000));
    const lost = loaded.length - Math.min(counts.reporting, counts.inbox);
    const p99 = round(percentile(visibleMs, 99));
    return {
      id: 'B2',
      title:
        'item transitions end to end: POST /items/{id}/actions → committed → visible in reporting and the inbox',
      metrics: {
        items: loaded.length,
        transitions,
        transitionsPerSec: sustained,
        failures,
        visibleInReporting: counts.reporting,
        visibleInInbox: counts.inbox,
        lost,
        allVisibleAfterS: round(drainedMs / 1000, 2),
        pacedRate: round((paced.length * CHAIN.length) / (pacedSendMs / 1000)),
        pacedFailures,
        pacedUnseen: pending.size,
        ...(firstError ? { firstError: firstError.slice(0, 300) } : {}),
        reportingP50ms: round(percentile(reportingMs, 50)),
        reportingP99ms: round(percentile(reportingMs, 99)),
        inboxP50ms: round(percentile(inboxMs, 50)),
        inboxP99ms: round(percentile(inboxMs, 99)),
        visibleP99ms: p99,
        ...Object.fromEntries(Object.entries(rss).map(([k, v]) => [`${k}PeakMiB`, v])),
        ...cpuMetrics(cpuSpent, transitions, 'Transition'),
      },
      baseline: {
        title: 'raw single-row PostgreSQL commits, same database, 16 clients, 5 s',
        metrics: { commitsPerSec: rawRate },
      },
      ratio: { name: 'transitions/s vs raw commits/s', value: round(sustained / rawRate, 3) },
      targets: [
        { name: '≥ 300 transitions/s', target: '300', met: sustained >= 300 },
        { name: 'nothing lost', target: '0', met: lost === 0 && pending.size === 0 },
        {
          name: `p99 action → visible ≤ 1 s at ${rate}/s`,
          target: '1000',
          met: p99 <= 1000 && pacedFailures === 0,
        },
      ],
      notes: [
        `demo_agent runs prepare → submit → accept on every item of whole-catalog cases it was assigned (${perCase} items per case); ${CHAINS} item chains at once for the max rate (at least ${CHAINS * 3} items)`,
        `paced: ${rate} actions/s open loop over ${paced.length} items; visible = reporting.items.state_version reached the item's version and, for accept, the enterprise's item.accepted notification exists (polled every 20 ms)`,
        'cpuMsPerTransition_*: user + system CPU of the apps, the PostgreSQL backends of the stack database and the NATS and Redis servers from the first action of the max-rate load until every transition was visible in reporting and the inbox, divided by the transitions; cpuCeilingPerSec = cores × 1000 / the total',
        'per-app RSS: peak VmRSS sampled every 250 ms during the max-rate load and until everything was visible',
      ],
    };
  } finally {
    await pg.end().catch(() => undefined);
    await stack.stop();
  }
}
