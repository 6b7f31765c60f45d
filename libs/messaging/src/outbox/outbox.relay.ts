import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { headers as natsHeaders } from 'nats';
import { namespacedSubject } from '@daiban/contracts';
import { CORRELATION_HEADER, Metrics } from '@daiban/observability';
import { MESSAGING_OPTIONS, type MessagingOptions, type RelayOptions } from '../messaging.options';
import { NatsConnectionManager } from '../jetstream/nats-connection';
import { outboxChannel } from './outbox.writer';
import { faultPoint } from '../fault-hook';

interface Row {
  id: string;
  subject: string;
  /** The stored envelope as JSON text: published as read, not parsed into objects and stringified again. */
  envelope: string;
  correlation_id: string | null;
}

const DEFAULTS: Required<RelayOptions> = {
  batchSize: 200,
  idlePollMs: 1000,
  publishTimeoutMs: 5000,
  maxBackoffMs: 5000,
  retentionHours: 24 * 7,
};

/**
 * Publishes committed outbox rows to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED on
 * "not yet published" — never `id > last_seen`, which skips a row whose transaction committed late —
 * and marked only after the PubAck, so a crash re-sends and JetStream's Msg-Id window drops the copy.
 * Replicas share the outbox through the row locks.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('outbox-relay');
  private readonly settings: Required<RelayOptions>;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  // A NOTIFY that came while a batch was being published: its row may have committed after the batch's
  // read, and waking a sleep that has not begun did nothing, so the row waited for the next poll (1 s).
  private notified = false;
  private listener?: Client;
  private failures = 0;
  private lastBacklogAt = 0;
  private lastCleanupAt = -Infinity;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nats: NatsConnectionManager,
    private readonly metrics: Metrics,
  ) {
    this.settings = { ...DEFAULTS, ...(typeof options.relay === 'object' ? options.relay : {}) };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Publishes one batch; returns how many rows were published. Exposed for tests and tools. */
  async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: Row[] = await runner.query(
        `SELECT id, subject, envelope::text AS envelope, envelope->>'correlationId' AS correlation_id FROM outbox
          WHERE published_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.settings.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      faultPoint('relay.afterCommitBeforePublish');
      const js = this.nats.js();
      // Issued back to back on one connection, publishes reach the stream in outbox order.
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          if (row.correlation_id) h.set(CORRELATION_HEADER, row.correlation_id);
          return js.publish(namespacedSubject(this.options.namespace, row.subject), row.envelope, {
            msgID: row.id,
            headers: h,
            timeout: this.settings.publishTimeoutMs,
          });
        }),
      );
      const published = rows.filter((_, i) => results[i].status === 'fulfilled');
      const failed = rows.filter((_, i) => results[i].status === 'rejected');
      let latencies: Array<{ seconds: number }> = [];
      if (published.length) {
        faultPoint('relay.afterPublishBeforeMark');
        // Both ends of the latency come from the database clock, so app clock skew cannot distort it.
        // Structured result: for UPDATE … RETURNING a plain query() answers [rows, count], not rows.
        const result = await runner.query(
          `UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1::uuid[])
            RETURNING extract(epoch FROM published_at - created_at)::float8 AS seconds`,
          [published.map((r) => r.id)],
          true,
        );
        latencies = result.records;
      }
      if (failed.length) {
        const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
        await runner.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
          [failed.map((r) => r.id), String(reason instanceof Error ? reason.message : reason).slice(0, 500)],
        );
      }
      await runner.commitTransaction();
      for (const { seconds } of latencies) this.metrics.outboxPublishLatency.observe(seconds);
      this.metrics.outboxPublished.inc(published.length);
      if (failed.length) {
        this.metrics.outboxPublishErrors.inc(failed.length);
        throw new Error(`${failed.length} of ${rows.length} outbox rows not acknowledged by JetStream`);
      }
      return published.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      this.notified = false;
      try {
        published = await this.publishBatch();
        if (this.failures > 0) this.logger.log(`outbox relay resumed after ${this.failures} failed attempts`);
        this.failures = 0;
        await this.housekeeping();
      } catch (error) {
        this.failures += 1;
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(`outbox relay attempt ${this.failures} failed: ${(error as Error).message}`);
        }
      }
      if (!this.running) break;
      if (this.failures > 0) {
        const backoff = Math.min(this.settings.maxBackoffMs, 100 * 2 ** Math.min(this.failures, 10));
        await this.sleep(backoff, false);
      } else if (published < this.settings.batchSize && !this.notified) {
        await this.sleep(this.settings.idlePollMs, true);
      }
    }
  }

  /** Waits for a NOTIFY (when `wakeable`), a stop, or the timeout. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wakeable ? done : () => (this.running ? undefined : done());
    });
  }

  private async listen(): Promise<void> {
    let delay = 500;
    while (this.running) {
      const client = new Client({
        connectionString:
          this.dataSource.options.type === 'postgres' ? (this.dataSource.options.url as string) : undefined,
      });
      // Listened to from the start: a connection lost during LISTEN emits 'error', which unheard would
      // stop the process.
      const ended = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
        this.listener = client;
        delay = 500;
        client.on('notification', () => {
          this.notified = true;
          this.wake?.();
        });
        await ended;
      } catch {
        // The poll keeps the relay moving while LISTEN is unavailable.
      }
      await client.end().catch(() => undefined);
      if (!this.running) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  private async housekeeping(): Promise<void> {
    const now = performance.now();
    if (now - this.lastBacklogAt > 1000) {
      this.lastBacklogAt = now;
      const [{ count }] = await this.dataSource.query(
        `SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL`,
      );
      this.metrics.outboxBacklog.set(count);
    }
    if (now - this.lastCleanupAt > 10 * 60 * 1000) {
      this.lastCleanupAt = now;
      await this.dataSource.query(
        `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < now() - make_interval(hours => $1) LIMIT 10000)`,
        [this.settings.retentionHours],
      );
    }
  }
}
