import Redis from 'ioredis';
import { connect } from 'nats';
import type { Pool } from 'pg';
import { CONSUMERS, namespacedStream } from '@daiban/contracts';
import { pollUntil } from '@daiban/testing';
import type { CallRecord } from './workload';

/** The figures one scenario reports; every count except the totals must be 0 for a pass. */
export interface Figures {
  /** Committed outbox rows (all producers). */
  events: number;
  /** I1: (event, subscribed consumer) pairs never processed nor dead-lettered. */
  eventsLost: number;
  /** I2: processed events no committed outbox row produced. */
  phantomEvents: number;
  /** I3: messages in the streams beyond one per outbox row (a publish the Msg-Id window missed). */
  duplicatePublishes: number;
  /** I3: deliveries/notifications/effects recorded twice for one (source, recipient, channel). */
  duplicateNotifications: number;
  /** I3: deliveries whose send may have reached the channel twice (an attempt lost to a crash). */
  duplicateSends: number;
  deliveries: number;
  /** I4: rungs due (fire time passed, deadline still open) that are not fired. */
  remindersDue: number;
  remindersFired: number;
  remindersMissing: number;
  /** I4: reminder notifications recorded twice for one rung and recipient. */
  remindersDuplicate: number;
  /** I5/I6: read-model rows that differ from the source tables (or lag behind their version). */
  readModelMismatches: number;
  /** I7: 2xx answers the client got whose state is not in the database. */
  acknowledgedWrites: number;
  acknowledgedMissing: number;
  /** I9: acknowledged state changes without exactly one successful audit row. */
  auditMissing: number;
  auditDuplicate: number;
  deadLetters: number;
  /** I8: from healing until the system is quiet (no backlog, no pending consumer messages). */
  quietMs: number;
}

const count = async (db: Pool, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await db.query(sql, params)).rows[0].n);

async function schemasWith(db: Pool, table: string): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT table_schema AS s FROM information_schema.tables WHERE table_name = $1 ORDER BY 1`,
    [table],
  );
  return rows.map((r: { s: string }) => r.s);
}

/**
 * Evaluates I1–I9 on a quiet system, from the databases, the streams and the client's own record.
 * Only the harness's private PostgreSQL and nats-server are read.
 */
export class Checker {
  /** Messages a scenario published straight to a stream (copies, poison): not duplicates of the relay. */
  injected = 0;

  constructor(
    private readonly db: Pool,
    private readonly natsUrls: string,
    private readonly namespace: string,
  ) {}

  private async unionOutbox(): Promise<string> {
    const producers = await schemasWith(this.db, 'outbox');
    return producers.map((s) => `SELECT id::text AS id, subject FROM "${s}".outbox`).join(' UNION ALL ');
  }

  /** Consumer lag and ack-pending per durable, from JetStream. */
  private async consumerLag(): Promise<Record<string, number>> {
    const nc = await connect({ servers: this.natsUrls.split(','), timeout: 3000, reconnect: false });
    try {
      const jsm = await nc.jetstreamManager({ timeout: 3000 });
      const lag: Record<string, number> = {};
      for (const def of CONSUMERS) {
        const info = await jsm.consumers.info(namespacedStream(this.namespace, def.stream), def.durable);
        if (info.num_pending + info.num_ack_pending)
          lag[def.durable] = info.num_pending + info.num_ack_pending;
      }
      return lag;
    } finally {
      await nc.close();
    }
  }

  /** What still has to drain: outbox, consumers, due reminders, due deliveries (only non-zero parts). */
  async backlog(): Promise<Record<string, number>> {
    const parts: Record<string, number> = {};
    for (const s of await schemasWith(this.db, 'outbox'))
      parts[`outbox.${s}`] = await count(
        this.db,
        `SELECT count(*) AS n FROM "${s}".outbox WHERE published_at IS NULL`,
      );
    for (const [durable, n] of Object.entries(await this.consumerLag())) parts[`lag.${durable}`] = n;
    parts.remindersDue = await this.remindersDue(5);
    parts.deliveriesDue = await count(
      this.db,
      `SELECT count(*) AS n FROM notifications.deliveries
        WHERE status IN ('queued','retrying') AND not_before < now() - interval '2 seconds'`,
    );
    Object.assign(parts, await this.readModelDiff());
    for (const key of Object.keys(parts)) if (parts[key] === 0) delete parts[key];
    return parts;
  }

  private remindersDue(graceSeconds: number): Promise<number> {
    return count(
      this.db,
      `SELECT count(*) AS n FROM notifications.reminder_rungs r
         JOIN notifications.deadlines d ON d.key = r.deadline_key AND d.version = r.version
        WHERE r.status = 'pending' AND d.status = 'open' AND r.fire_at < now() - make_interval(secs => $1)`,
      [graceSeconds],
    );
  }

  /** Open deadlines whose next rung is due more than 5 s from now (each should have a delayed job). */
  async armedFutureRungs(): Promise<number> {
    return (await this.futureNextRungs()).length;
  }

  /** The next pending rung of each open deadline, when it is due more than 5 s from now: the one with a job. */
  private async futureNextRungs(): Promise<Array<{ deadline_key: string; rung: string; version: number }>> {
    const { rows } = await this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (r.deadline_key) r.deadline_key, r.rung, r.version, r.fire_at
           FROM notifications.reminder_rungs r
           JOIN notifications.deadlines d ON d.key = r.deadline_key AND d.version = r.version
          WHERE r.status = 'pending' AND d.status = 'open'
          ORDER BY r.deadline_key, r.fire_at, r.rung) next
        WHERE next.fire_at > now() + interval '5 seconds'`,
    );
    return rows;
  }

  /**
   * Open deadlines whose future next rung has no BullMQ job in Redis: after Redis lost its data, the
   * sweeper must bring this back to 0 (PostgreSQL is the source of truth for reminders).
   */
  async unarmedReminders(redisUrl: string, queuePrefix: string): Promise<number> {
    const rows = await this.futureNextRungs();
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      let missing = 0;
      for (const r of rows as Array<{ deadline_key: string; rung: string; version: number }>) {
        const key = `${queuePrefix}:reminders:reminder.${r.deadline_key}.${r.rung}.v${r.version}`;
        if (!(await redis.exists(key))) missing++;
      }
      return missing;
    } finally {
      redis.disconnect();
    }
  }

  /** Polls until nothing is pending and the read models agree (I8); returns how long that took. */
  async waitQuiet(timeoutMs = 180_000): Promise<number> {
    const started = performance.now();
    let last: Record<string, number> = {};
    await pollUntil(
      async () => {
        last = await this.backlog();
        return Object.keys(last).length === 0;
      },
      { timeoutMs, intervalMs: 500, message: 'system quiet' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; still pending: ${JSON.stringify(last)}`);
    });
    return Math.round(performance.now() - started);
  }

  async readModelMismatches(): Promise<number> {
    return Object.values(await this.readModelDiff()).reduce((a, b) => a + b, 0);
  }

  /** Read-model rows that differ from (or lag behind) their source rows, per table. */
  async readModelDiff(): Promise<Record<string, number>> {
    const items = await count(
      this.db,
      // Reporting learns of an item at its first transition: untouched items (version 1) are absent by design.
      `SELECT count(*) AS n FROM workflow.items w FULL JOIN reporting.items r ON r.item_id = w.id
        WHERE w.id IS NULL
           OR (w.version > 1 AND (r.item_id IS NULL OR r.state <> w.state OR r.state_version <> w.version))`,
    );
    const cases = await count(
      this.db,
      `SELECT count(*) AS n FROM workflow.cases w FULL JOIN reporting.cases r ON r.case_id = w.id
        WHERE r.case_id IS NULL OR w.id IS NULL OR r.state <> w.state OR r.version <> w.version`,
    );
    const projects = await count(
      this.db,
      `SELECT count(*) AS n FROM registry.projects g FULL JOIN reporting.projects r ON r.project_id = g.id
        WHERE r.project_id IS NULL OR g.id IS NULL OR r.snapshot_version <> g.version`,
    );
    return { 'readModel.items': items, 'readModel.cases': cases, 'readModel.projects': projects };
  }

  async figures(calls: CallRecord[], quietMs: number): Promise<Figures> {
    const db = this.db;
    const outbox = await this.unionOutbox();
    const events = await count(db, `SELECT count(*) AS n FROM (${outbox}) o`);
    let eventsLost = 0;
    let phantomEvents = 0;
    for (const def of CONSUMERS) {
      eventsLost += await count(
        db,
        `SELECT count(*) AS n FROM (${outbox}) o
          WHERE o.subject = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM "${def.service}".processed_events p
                             WHERE p.consumer = $2 AND p.event_id::text = o.id)
            AND NOT EXISTS (SELECT 1 FROM "${def.service}".dead_letters d
                             WHERE d.consumer = $2 AND d.event_id::text = o.id)`,
        [def.subjects, def.durable],
      );
      phantomEvents += await count(
        db,
        `SELECT count(*) AS n FROM "${def.service}".processed_events p
          WHERE p.consumer = $1 AND NOT EXISTS (SELECT 1 FROM (${outbox}) o WHERE o.id = p.event_id::text)`,
        [def.durable],
      );
    }
    const deadLetters = (
      await Promise.all(
        (await schemasWith(db, 'dead_letters')).map((s) =>
          count(db, `SELECT count(*) AS n FROM "${s}".dead_letters`),
        ),
      )
    ).reduce((a, b) => a + b, 0);
    const duplicatePublishes = await this.duplicatePublishes(outbox);
    const duplicateNotifications =
      (await count(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM notifications.deliveries
           GROUP BY source_key, recipient_key, channel HAVING count(*) > 1) d`,
      )) +
      (await count(
        db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM notifications.notifications
           GROUP BY source_key, user_id HAVING count(*) > 1) d`,
      ));
    // Attempts that neither recorded a failure nor the final 'sent': a send whose outcome a crash hid,
    // so the channel may have received the message twice (external channels are at-least-once).
    const duplicateSends = await count(
      db,
      `SELECT count(*) AS n FROM notifications.deliveries d
        WHERE d.status = 'sent'
          AND d.attempts > 1 + (SELECT count(*) FROM notifications.delivery_attempts a
                                 WHERE a.delivery_id = d.id AND a.outcome = 'failed')`,
    );
    const deliveries = await count(db, `SELECT count(*) AS n FROM notifications.deliveries`);
    const remindersFired = await count(
      db,
      `SELECT count(*) AS n FROM notifications.reminder_rungs WHERE status = 'fired'`,
    );
    const remindersDuplicate = await count(
      db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM notifications.notifications WHERE source_key LIKE 'rung.%'
          GROUP BY source_key, user_id HAVING count(*) > 1) d`,
    );
    const remindersMissing = await this.remindersDue(5);
    const remindersDue = remindersFired + remindersMissing;
    const { acknowledgedWrites, acknowledgedMissing } = await this.acknowledged(calls);
    const { auditMissing, auditDuplicate } = await this.audit(calls);
    return {
      events,
      eventsLost,
      phantomEvents,
      duplicatePublishes,
      duplicateNotifications,
      duplicateSends,
      deliveries,
      remindersDue,
      remindersFired,
      remindersMissing,
      remindersDuplicate,
      readModelMismatches: await this.readModelMismatches(),
      acknowledgedWrites,
      acknowledgedMissing,
      auditMissing,
      auditDuplicate,
      deadLetters,
      quietMs,
    };
  }

  /** Stream messages minus outbox rows, per stream (streams hold only what relays published). */
  private async duplicatePublishes(outbox: string): Promise<number> {
    const nc = await connect({ servers: this.natsUrls.split(','), timeout: 3000 });
    try {
      const jsm = await nc.jetstreamManager();
      let inStreams = 0;
      const streams = new Set(CONSUMERS.map((c) => c.stream));
      for (const stream of streams) {
        try {
          inStreams += (await jsm.streams.info(namespacedStream(this.namespace, stream))).state.messages;
        } catch {
          // a stream nothing publishes to in this run
        }
      }
      const rows = await count(this.db, `SELECT count(*) AS n FROM (${outbox}) o`);
      return Math.max(0, inStreams - rows - this.injected);
    } finally {
      await nc.close();
    }
  }

  /** I7: every 2xx the client saw maps to committed state at (at least) the version it reported. */
  private async acknowledged(calls: CallRecord[]) {
    const acked = calls.filter(
      (c) => c.method !== 'GET' && c.status >= 200 && c.status < 300 && c.op !== 'login',
    );
    let acknowledgedMissing = 0;
    for (const call of acked) {
      const table =
        call.op === 'project.register'
          ? 'registry.projects'
          : call.op === 'enterprise'
            ? 'registry.enterprises'
            : call.op.startsWith('case.')
              ? 'workflow.cases'
              : call.op.startsWith('item.')
                ? 'workflow.items'
                : undefined;
      if (!table || !call.objectId) continue;
      const present = await count(
        this.db,
        `SELECT count(*) AS n FROM ${table} WHERE id = $1 AND version >= $2`,
        [call.objectId, call.version ?? 0],
      );
      if (present !== 1) acknowledgedMissing++;
    }
    return { acknowledgedWrites: acked.length, acknowledgedMissing };
  }

  /** I9: one successful audit row per acknowledged state change, found by its correlation id. */
  private async audit(calls: CallRecord[]) {
    const acked = calls.filter(
      (c) => c.method !== 'GET' && c.status >= 200 && c.status < 300 && c.op !== 'login',
    );
    const schema = (await schemasWith(this.db, 'audit_log'))[0];
    const { rows } = await this.db.query(
      `SELECT correlation_id, count(*)::int AS n FROM "${schema}".audit_log
        WHERE result = 'success' AND correlation_id = ANY($1) GROUP BY correlation_id`,
      [acked.map((c) => c.correlationId)],
    );
    const seen = new Map(rows.map((r: { correlation_id: string; n: number }) => [r.correlation_id, r.n]));
    let auditMissing = 0;
    let auditDuplicate = 0;
    for (const call of acked) {
      const n = seen.get(call.correlationId) ?? 0;
      if (n === 0) auditMissing++;
      if (n > 1) auditDuplicate++;
    }
    return { auditMissing, auditDuplicate };
  }
}

/**
 * The figures a pass requires to be zero. `duplicateSends` is reported but not among them: a process
 * killed between a channel's answer and the commit that records it cannot know whether the message
 * left, so external channels are at-least-once (BullMQ re-runs the job); the scenarios that kill
 * nothing mid-send show it stays 0.
 */
export const MUST_BE_ZERO: Array<keyof Figures> = [
  'eventsLost',
  'phantomEvents',
  'duplicatePublishes',
  'duplicateNotifications',
  'remindersMissing',
  'remindersDuplicate',
  'readModelMismatches',
  'acknowledgedMissing',
  'auditMissing',
  'auditDuplicate',
];
