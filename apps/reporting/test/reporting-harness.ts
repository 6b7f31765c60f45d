import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect, type NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@daiban/calendar';
import {
  CONSUMERS,
  namespacedSubject,
  type Caller,
  type EventDefinition,
  type RpcDefinition,
  type RpcRequest,
  type RpcResponse,
} from '@daiban/contracts';
import { HandlerRegistry, RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, pollUntil, testInfra, testNames } from '@daiban/testing';
import { reportingEnv } from '../src/config';
import { READ_MODEL_TABLES } from '../src/migrations';
import type { RebuildOptions } from '../src/rebuild/rebuild.service';
import { ReportingModule } from '../src/reporting.module';

/** An event as a producer's outbox would write it. */
export interface FixtureEvent {
  def: EventDefinition;
  payload: unknown;
  aggregateId: string;
  aggregateVersion: number;
  id: string;
}

export interface ReportingHarness {
  app: NestFastifyApplication;
  clock: ManualClock;
  db: DataSource;
  nc: NatsConnection;
  namespace: string;
  call<D extends RpcDefinition>(def: D, data: RpcRequest<D>, caller: Caller | null): Promise<RpcResponse<D>>;
  /** Writes the envelope straight to JetStream; `msgId` differs from the event id to get past JetStream's de-duplication. */
  publish(event: FixtureEvent, msgId?: string): Promise<void>;
  /** Waits until the reporting consumers have processed every distinct event id published so far. */
  settle(): Promise<void>;
  snapshot(filter?: (row: string) => boolean): Promise<Record<string, string[]>>;
  /** A rebuild of this app's read models from its streams, through the handlers it registered. */
  rebuildOptions(): RebuildOptions;
  close(): Promise<void>;
}

export async function startReporting(start: string): Promise<ReportingHarness> {
  const names = testNames();
  const nc = await connect({ servers: testInfra.natsUrl });
  await provisionMessaging(await nc.jetstreamManager(), { namespace: names.namespace, consumers: CONSUMERS });
  const clock = new ManualClock(start);
  const config = reportingEnv.parse({
    DATABASE_URL: databaseUrl(names.database),
    NATS_URL: testInfra.natsUrl,
    EVENT_NAMESPACE: names.namespace,
    LOG_LEVEL: 'silent',
  });
  const app = await createServiceApp(ReportingModule.forRoot(config, clock), {
    service: 'reporting',
    logLevel: 'silent',
    namespace: names.namespace,
    rpc: true,
  });
  await app.init();
  await app.startAllMicroservices();
  const rpc = app.get(RpcClient);
  const db = app.get<DataSource>(getDataSourceToken());
  const js = nc.jetstream();
  const published = new Set<string>();
  return {
    app,
    clock,
    nc,
    db,
    namespace: names.namespace,
    call: (def, data, caller) => rpc.call(def, data, { caller, timeoutMs: 20_000 }),
    rebuildOptions() {
      const registry = app.get(HandlerRegistry);
      return {
        db,
        nc,
        namespace: names.namespace,
        consumers: CONSUMERS.filter((c) => c.service === 'reporting'),
        handlerFor: (subject) => registry.get(subject),
      };
    },
    async publish(event, msgId) {
      const envelope = {
        id: event.id,
        type: event.def.type,
        version: event.def.version,
        occurredAt: clock.now().toISOString(),
        aggregateId: event.aggregateId,
        aggregateVersion: event.aggregateVersion,
        actor: { userId: null, role: 'system' },
        correlationId: `test-${event.id}`,
        causationId: null,
        payload: event.payload,
      };
      await js.publish(namespacedSubject(names.namespace, event.def.subject), JSON.stringify(envelope), {
        msgID: msgId ?? event.id,
      });
      published.add(event.id);
    },
    async settle() {
      await pollUntil(
        async () => {
          const [{ n }] = await db.query(
            `SELECT count(DISTINCT event_id)::int AS n FROM processed_events WHERE consumer LIKE 'reporting-%'`,
          );
          return n >= published.size;
        },
        { timeoutMs: 30_000, message: 'reporting consumers caught up' },
      );
    },
    async snapshot(filter = () => true) {
      const out: Record<string, string[]> = {};
      for (const table of READ_MODEL_TABLES) {
        const rows: Array<{ r: string }> = await db.query(`SELECT to_jsonb(t)::text AS r FROM ${table} t`);
        out[table] = rows
          .map((row) => row.r)
          .filter(filter)
          .sort();
      }
      return out;
    },
    async close() {
      await app.close();
      await nc.close();
    },
  };
}

export function event(
  def: EventDefinition,
  aggregateId: string,
  aggregateVersion: number,
  payload: unknown,
): FixtureEvent {
  return { def, payload, aggregateId, aggregateVersion, id: randomUUID() };
}

/**
 * The quarterly report's facts as the report computed them per request before milestone_facts kept them: per
 * project, type and year the earliest effective milestone, where its project is (where it was recorded without
 * a project row).
 */
const MILESTONE_FACTS = `SELECT DISTINCT ON (m.project_id, m.type, extract(year FROM m.date)) m.project_id, m.type,
    extract(year FROM m.date)::int AS year, m.date::text AS date, COALESCE(p.county_code, m.county_code) AS county_code,
    COALESCE(p.park_id, m.park_id) AS park_id, p.enterprise_id
  FROM milestones m LEFT JOIN projects p ON p.project_id = m.project_id
  WHERE NOT EXISTS (SELECT 1 FROM milestones c WHERE c.supersedes_id = m.milestone_id)
  ORDER BY m.project_id, m.type, extract(year FROM m.date), m.date, m.milestone_id`;

/**
 * Each counter table next to the same facts recounted from its source rows; they must be equal (rows all zero
 * aside: a place that lost its last row keeps a zero row).
 */
const RECOUNTS = {
  item_counts: `SELECT county_code, park_id, department_code,
      COALESCE(extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai')::int, 0) AS decided_year,
      count(*)::int AS items, count(*) FILTER (WHERE deadline_active)::int AS active,
      count(*) FILTER (WHERE on_time IS NOT NULL)::int AS judged, count(*) FILTER (WHERE on_time)::int AS on_time,
      COALESCE(sum(working_days_used), 0)::int AS working_days_sum, count(working_days_used)::int AS working_days_count,
      count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS submitted,
      COALESCE(sum(correction_rounds) FILTER (WHERE submitted_at IS NOT NULL), 0)::int AS corrections
    FROM items GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  project_counts: `SELECT county_code, park_id, COALESCE(status, '') AS status,
      COALESCE(industry_chain, '') AS industry_chain, count(*)::int AS projects,
      COALESCE(sum(total_investment), 0)::numeric(18,2)::text AS investment
    FROM projects WHERE snapshot_version > 0 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  case_counts: `SELECT county_code, park_id, state, count(*)::int AS cases FROM cases GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  milestone_facts: `SELECT * FROM (${MILESTONE_FACTS}) f ORDER BY 1, 2, 3`,
  milestone_fact_counts: `SELECT year, type, county_code, park_id, extract(quarter FROM date::date)::int AS quarter,
      count(*)::int AS facts
    FROM (${MILESTONE_FACTS}) f GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
};
const COUNTERS = {
  item_counts: `SELECT county_code, park_id, department_code, decided_year, items::int, active::int, judged::int,
      on_time::int, working_days_sum::int, working_days_count::int, submitted::int, corrections::int
    FROM item_counts
    WHERE (items, active, judged, on_time, working_days_sum, working_days_count, submitted, corrections)
      <> (0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4`,
  project_counts: `SELECT county_code, park_id, status, industry_chain, projects::int, investment::numeric(18,2)::text
    FROM project_counts WHERE projects <> 0 OR investment <> 0 ORDER BY 1, 2, 3, 4`,
  case_counts: `SELECT county_code, park_id, state, cases::int FROM case_counts WHERE cases <> 0 ORDER BY 1, 2, 3`,
  milestone_facts: `SELECT project_id, type, year, date::text, county_code, park_id, enterprise_id FROM milestone_facts
    ORDER BY 1, 2, 3`,
  milestone_fact_counts: `SELECT year, type, county_code, park_id, quarter, facts::int FROM milestone_fact_counts
    WHERE facts <> 0 ORDER BY 1, 2, 3, 4, 5`,
};

/** Every counter table and its recount, keyed by table. */
export async function countersAndRecount(db: DataSource) {
  const counters: Record<string, unknown[]> = {};
  const recount: Record<string, unknown[]> = {};
  for (const table of Object.keys(COUNTERS) as Array<keyof typeof COUNTERS>) {
    counters[table] = await db.query(COUNTERS[table]);
    recount[table] = await db.query(RECOUNTS[table]);
  }
  return { counters, recount };
}

export const leaders = {
  city: { userId: 'leader-city', role: 'leader', scope: { kind: 'city' } },
  county: (countyCode: string): Caller => ({
    userId: `leader-${countyCode}`,
    role: 'leader',
    scope: { kind: 'county', countyCode },
  }),
} as const;

export const callers = {
  admin: { userId: 'admin-1', role: 'admin', scope: { kind: 'city' } },
  director: (parkId: string): Caller => ({
    userId: `director-${parkId}`,
    role: 'center_director',
    scope: { kind: 'park', parkId },
  }),
  enterprise: {
    userId: 'ent-user-1',
    role: 'enterprise',
    scope: { kind: 'enterprise', enterpriseId: 'ent-1' },
  },
  auditor: { userId: 'auditor-1', role: 'auditor', scope: { kind: 'none' } },
} satisfies Record<string, Caller | ((x: string) => Caller)>;
