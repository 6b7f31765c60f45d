import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '@daiban/database';
import type { ConsumerMessages, JsMsg } from 'nats';
import { ZodError } from 'zod';
import {
  envelopeSchema,
  namespacedStream,
  stripNamespace,
  type ConsumerDefinition,
  type EventEnvelope,
} from '@daiban/contracts';
import { Metrics, runWithContext } from '@daiban/observability';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_BACKOFF_MS, DEFAULT_MAX_DELIVER } from '../messaging.options';
import type { NatsConnectionManager } from '../jetstream/nats-connection';
import type { HandlerRegistry, RegisteredHandler } from './handler-registry';
import { PoisonMessageError } from './handler-errors';
import { faultPoint } from '../fault-hook';

export interface ConsumerRunnerOptions {
  namespace: string;
  /** Transactions at once; messages of one aggregate are still handled one after another. */
  concurrency?: number;
  /** Most messages one transaction handles (1: a transaction per message). */
  batchSize?: number;
  /** How long startup waits for the provisioned consumer before giving up. */
  waitForConsumerMs?: number;
}

/** One ordered queue of messages: an aggregate always maps to the same lane. */
interface Lane {
  queue: Taken[];
  running?: Promise<void>;
}

/**
 * A message and its body as JSON, decoded once when it is taken: the lane needs its aggregate id and the
 * handler its envelope (decoding and parsing it twice was a tenth of reporting's CPU in bench B4).
 */
interface Taken {
  msg: JsMsg;
  body: { json: unknown } | { error: unknown };
}

/** A message whose handler was found and whose envelope parsed. */
interface Prepared {
  msg: JsMsg;
  subject: string;
  handler: RegisteredHandler;
  envelope: EventEnvelope;
}

export const DEFAULT_CONSUMER_CONCURRENCY = 8;
export const DEFAULT_CONSUMER_BATCH_SIZE = 64;

/**
 * Runs one durable pull consumer: explicit ack, `working()` heartbeats, handler effects and the
 * inbox rows in one transaction, `nak(delay)` on transient errors, `term()` + a dead_letters row on
 * poison or when max_deliver is reached.
 *
 * Messages are spread over `concurrency` lanes by aggregate, and a lane hands whatever has queued up
 * behind its running transaction (up to `batchSize`) to the next transaction: under load one commit,
 * one inbox statement and one round of acks serve many events (bench B3/B4), while an idle consumer
 * still handles each message as it comes. A batch that fails is rolled back whole and its messages
 * are handled again one transaction each, so one bad event never holds back or retries its neighbours.
 */
export class ConsumerRunner {
  private readonly logger: Logger;
  private messages?: ConsumerMessages;
  private readonly lanes: Lane[];
  /** Taken from the subscription and not yet acked, nak'ed or terminated. */
  private readonly pending = new Set<JsMsg>();
  private settledWaiters: Array<() => void> = [];
  private heartbeat?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private stopping = false;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly backoff: readonly number[];
  private readonly batchSize: number;
  private readonly maxPending: number;

  constructor(
    private readonly def: ConsumerDefinition,
    private readonly options: ConsumerRunnerOptions,
    private readonly nats: NatsConnectionManager,
    private readonly dataSource: DataSource,
    private readonly registry: HandlerRegistry,
    private readonly metrics: Metrics,
  ) {
    this.logger = new Logger(`consumer:${def.durable}`);
    this.maxDeliver = def.maxDeliver ?? DEFAULT_MAX_DELIVER;
    this.ackWaitMs = def.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    this.backoff = def.backoffMs ?? DEFAULT_BACKOFF_MS;
    const concurrency = Math.max(1, def.concurrency ?? options.concurrency ?? DEFAULT_CONSUMER_CONCURRENCY);
    this.batchSize = Math.max(1, def.batchSize ?? options.batchSize ?? DEFAULT_CONSUMER_BATCH_SIZE);
    this.lanes = Array.from({ length: concurrency }, () => ({ queue: [] }));
    // Enough taken ahead that every lane can fill a batch behind its running one.
    this.maxPending = Math.max(32, concurrency * this.batchSize);
  }

  /** Every listed subject needs exactly one handler; a handler nobody subscribes to is a wiring mistake too. */
  static checkWiring(consumers: readonly ConsumerDefinition[], registry: HandlerRegistry): void {
    const subscribed = new Map<string, string>();
    for (const consumer of consumers) {
      for (const subject of consumer.subjects) {
        const other = subscribed.get(subject);
        if (other)
          throw new Error(`Subject ${subject} is subscribed by both ${other} and ${consumer.durable}`);
        subscribed.set(subject, consumer.durable);
        if (!registry.get(subject))
          throw new Error(`Consumer ${consumer.durable} subscribes to ${subject} but no @OnEvent handles it`);
      }
    }
    for (const subject of registry.subjects()) {
      if (!subscribed.has(subject))
        throw new Error(`@OnEvent handler for ${subject} has no consumer subscribing to it`);
    }
  }

  get streamName(): string {
    return namespacedStream(this.options.namespace, this.def.stream);
  }

  async start(): Promise<void> {
    const consumer = await this.waitForConsumer();
    this.messages = await consumer.consume({ max_messages: this.maxPending });
    // Queued messages wait behind a lane's running batch: keep all of them from timing out, not
    // only the ones in a transaction.
    this.heartbeat = setInterval(
      () => this.pending.forEach((msg) => msg.working()),
      Math.max(1000, Math.floor(this.ackWaitMs / 3)),
    );
    this.loop = this.pump(this.messages);
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    await this.loop?.catch(() => undefined);
    const drained = Promise.allSettled(this.lanes.map((lane) => lane.running));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    clearInterval(this.heartbeat);
    if (timedOut)
      this.logger.warn(
        `${this.pending.size} messages still unsettled after ${timeoutMs} ms; JetStream will redeliver them`,
      );
  }

  private async waitForConsumer() {
    const js = this.nats.js();
    const deadline = performance.now() + (this.options.waitForConsumerMs ?? 120_000);
    let warned = false;
    for (;;) {
      try {
        const consumer = await js.consumers.get(this.streamName, this.def.durable);
        await consumer.info();
        return consumer;
      } catch (error) {
        if (performance.now() > deadline) {
          throw new Error(
            `Consumer ${this.streamName}/${this.def.durable} is not provisioned: run \`npm run provision\` (${(error as Error).message})`,
          );
        }
        if (!warned) {
          warned = true;
          this.logger.warn(`waiting for ${this.streamName}/${this.def.durable}: run \`npm run provision\``);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      while (this.pending.size >= this.maxPending && !this.stopping) {
        await new Promise<void>((resolve) => this.settledWaiters.push(resolve));
      }
      if (this.stopping) {
        // Not started: let JetStream hand it to a live replica right away.
        msg.nak();
        continue;
      }
      this.pending.add(msg);
      const taken = take(msg);
      const lane = this.lanes[laneIndex(aggregateKey(taken), this.lanes.length)];
      lane.queue.push(taken);
      lane.running ??= this.drain(lane);
    }
  }

  private async drain(lane: Lane): Promise<void> {
    try {
      while (lane.queue.length) {
        const batch = lane.queue.splice(0, this.batchSize);
        try {
          if (this.stopping) batch.forEach(({ msg }) => msg.nak());
          else await this.handleBatch(batch);
        } catch (error) {
          this.logger.error(`unexpected failure on #${batch[0].msg.seq}…: ${describe(error)}`);
        } finally {
          batch.forEach(({ msg }) => this.pending.delete(msg));
          this.settledWaiters.splice(0).forEach((resolve) => resolve());
        }
      }
    } finally {
      lane.running = undefined;
    }
  }

  private async handleBatch(batch: readonly Taken[]): Promise<void> {
    const started = performance.now();
    const ready: Prepared[] = [];
    for (const taken of batch) {
      const prepared = await this.prepare(taken, started);
      if (prepared) ready.push(prepared);
    }
    if (ready.length > 1) {
      try {
        await this.applyTogether(ready, started);
        return;
      } catch (error) {
        this.logger.warn(
          `batch of ${ready.length} from #${ready[0].msg.seq} failed, handling them one by one: ${describe(error)}`,
        );
      }
    }
    for (const prepared of ready) await this.applyAlone(prepared);
  }

  /** Finds the handler and parses the envelope; answers undefined when the message is already settled. */
  private async prepare({ msg, body }: Taken, started: number): Promise<Prepared | undefined> {
    const subject = stripNamespace(this.options.namespace, msg.subject);
    if (msg.info.deliveryCount > 1) this.metrics.consumerRedeliveries.inc({ consumer: this.def.durable });
    const handler = this.registry.get(subject);
    if (!handler || !this.def.subjects.includes(subject)) {
      // The stream-wide filter brings events this service does not handle.
      msg.ack();
      this.observe(subject, 'skipped', started);
      return undefined;
    }
    try {
      if ('error' in body) throw body.error;
      const raw = envelopeSchema.parse(body.json);
      return { msg, subject, handler, envelope: { ...raw, payload: handler.def.payload.parse(raw.payload) } };
    } catch (error) {
      const poison = new PoisonMessageError(`malformed ${subject}: ${describe(error)}`);
      this.observe(subject, await this.fail(msg, subject, msg.info.deliveryCount, poison), started);
      return undefined;
    }
  }

  /** One message in its own transaction: a failure retries or dead-letters this message only. */
  private async applyAlone(p: Prepared): Promise<void> {
    const started = performance.now();
    try {
      await this.applyTogether([p], started);
    } catch (error) {
      this.observe(p.subject, await this.fail(p.msg, p.subject, p.msg.info.deliveryCount, error), started);
    }
  }

  /** Every message's inbox row and effects in one transaction, in stream order; throws to roll back all. */
  private async applyTogether(ready: readonly Prepared[], started: number): Promise<void> {
    const outcomes: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      const rows = await preparedQuery<{ event_id: string }>(
        manager,
        `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.def.durable, ready.map((p) => p.envelope.id)],
      );
      const claimed = new Set(rows.map((r) => r.event_id.toLowerCase()));
      // delete: a second copy of the same event inside the batch is a duplicate too.
      const fresh = ready.map((p) => claimed.delete(p.envelope.id.toLowerCase()));
      ready.forEach((_, i) => outcomes.push(fresh[i] ? 'ok' : 'duplicate'));
      const toApply = ready.filter((_, i) => fresh[i]);
      for (let i = 0; i < toApply.length;) {
        const { handler, envelope } = toApply[i];
        let end = i + 1;
        if (handler.handleMany) {
          while (end < toApply.length && toApply[end].handler.handleMany === handler.handleMany) end++;
          const events = toApply.slice(i, end).map((p) => p.envelope);
          await runWithContext(contextOf(envelope), () => handler.handleMany!(events, manager));
        } else {
          await runWithContext(contextOf(envelope), () => handler.handle(envelope, manager));
        }
        i = end;
      }
    });
    ready.forEach((p, i) => {
      if (outcomes[i] === 'ok') faultPoint('consumer.afterEffectBeforeAck');
      p.msg.ack();
      this.observe(p.subject, outcomes[i], started);
    });
  }

  private observe(subject: string, outcome: string, started: number): void {
    this.metrics.handlerLatency.observe(
      { consumer: this.def.durable, subject, outcome },
      (performance.now() - started) / 1000,
    );
  }

  private async fail(msg: JsMsg, subject: string, deliveries: number, error: unknown): Promise<string> {
    const poison = error instanceof PoisonMessageError || error instanceof ZodError;
    if (!poison && deliveries < this.maxDeliver) {
      const delay = this.backoff[Math.min(deliveries - 1, this.backoff.length - 1)];
      this.logger.warn(
        `${subject} #${msg.seq} failed (delivery ${deliveries}/${this.maxDeliver}), retry in ${delay} ms: ${describe(error)}`,
      );
      msg.nak(delay);
      return 'retry';
    }
    try {
      await this.dataSource.query(
        `INSERT INTO dead_letters (id, consumer, subject, stream_sequence, event_id, data, error, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          randomUUID(),
          this.def.durable,
          subject,
          msg.seq,
          eventIdOf(msg),
          msg.string(),
          describe(error).slice(0, 4000),
          deliveries,
        ],
      );
    } catch (dbError) {
      // Without the dead-letter row the message would vanish: keep it in the stream instead.
      this.logger.error(`cannot record dead letter for ${subject} #${msg.seq}: ${describe(dbError)}`);
      msg.nak(this.backoff[this.backoff.length - 1]);
      return 'retry';
    }
    this.logger.error(
      `${subject} #${msg.seq} dead-lettered after ${deliveries} deliveries: ${describe(error)}`,
    );
    this.metrics.deadLetters.inc({ consumer: this.def.durable });
    // No reason argument: nats-server 2.9 (Debian's) does not parse `+TERM <reason>` (a 2.10 feature)
    // and treats it as no ack at all, so the message came back until max_deliver, was dead-lettered
    // each time and then stayed ack-pending for good. The reason is in the dead_letters row.
    msg.term();
    return 'dead_letter';
  }
}

function take(msg: JsMsg): Taken {
  try {
    return { msg, body: { json: msg.json() } };
  } catch (error) {
    return { msg, body: { error } };
  }
}

function aggregateKey({ msg, body }: Taken): string {
  const json = 'json' in body ? (body.json as { aggregateId?: unknown } | null) : undefined;
  return typeof json?.aggregateId === 'string' ? json.aggregateId : `seq:${msg.seq}`;
}

function describe(error: unknown): string {
  if (error instanceof ZodError)
    return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

function eventIdOf(msg: JsMsg): string | null {
  try {
    const id = msg.json<{ id?: unknown }>().id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

function contextOf(envelope: EventEnvelope) {
  return {
    correlationId: envelope.correlationId,
    causationId: envelope.id,
    userId: envelope.actor.userId ?? undefined,
    role: envelope.actor.role ?? undefined,
  };
}

/** FNV-1a: cheap, stable across processes, spreads aggregate ids evenly enough over a few lanes. */
function laneIndex(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}
