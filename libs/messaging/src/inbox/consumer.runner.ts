import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ConsumerMessages, JsMsg } from 'nats';
import { ZodError } from 'zod';
import { envelopeSchema, namespacedStream, stripNamespace, type ConsumerDefinition } from '@daiban/contracts';
import { Metrics, runWithContext } from '@daiban/observability';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_BACKOFF_MS, DEFAULT_MAX_DELIVER } from '../messaging.options';
import type { NatsConnectionManager } from '../jetstream/nats-connection';
import type { HandlerRegistry } from './handler-registry';
import { PoisonMessageError } from './handler-errors';
import { faultPoint } from '../fault-hook';

export interface ConsumerRunnerOptions {
  namespace: string;
  /** Messages handled at once; messages of one aggregate are still handled one after another. */
  concurrency?: number;
  /** How long startup waits for the provisioned consumer before giving up. */
  waitForConsumerMs?: number;
}

/**
 * Runs one durable pull consumer: explicit ack, `working()` heartbeats, handler effects and the
 * inbox row in one transaction, `nak(delay)` on transient errors, `term()` + a dead_letters row on
 * poison or when max_deliver is reached.
 */
export class ConsumerRunner {
  private readonly logger: Logger;
  private messages?: ConsumerMessages;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly aggregateTails = new Map<string, Promise<void>>();
  private loop?: Promise<void>;
  private stopping = false;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly backoff: readonly number[];
  private readonly concurrency: number;

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
    this.concurrency = options.concurrency ?? 16;
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
    this.messages = await consumer.consume({ max_messages: Math.max(this.concurrency * 2, 32) });
    this.loop = this.pump(this.messages);
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    await this.loop?.catch(() => undefined);
    const drained = Promise.allSettled([...this.inFlight]);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut)
      this.logger.warn(
        `${this.inFlight.size} handlers still running after ${timeoutMs} ms; JetStream will redeliver them`,
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
      while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
      if (this.stopping) {
        // Not started: let JetStream hand it to a live replica right away.
        msg.nak();
        continue;
      }
      const key = this.aggregateKey(msg);
      const previous = this.aggregateTails.get(key) ?? Promise.resolve();
      const task = previous
        .then(() => this.handle(msg))
        .catch((error: unknown) =>
          this.logger.error(`unexpected failure on #${msg.seq}: ${describe(error)}`),
        );
      this.aggregateTails.set(key, task);
      this.inFlight.add(task);
      void task.finally(() => {
        this.inFlight.delete(task);
        if (this.aggregateTails.get(key) === task) this.aggregateTails.delete(key);
      });
    }
  }

  private aggregateKey(msg: JsMsg): string {
    try {
      const raw = msg.json<{ aggregateId?: unknown }>();
      return typeof raw.aggregateId === 'string' ? raw.aggregateId : `seq:${msg.seq}`;
    } catch {
      return `seq:${msg.seq}`;
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const subject = stripNamespace(this.options.namespace, msg.subject);
    const deliveries = msg.info.deliveryCount;
    if (deliveries > 1) this.metrics.consumerRedeliveries.inc({ consumer: this.def.durable });
    const started = performance.now();
    let outcome = 'ok';
    const heartbeat = setInterval(() => msg.working(), Math.max(1000, Math.floor(this.ackWaitMs / 3)));
    try {
      const handler = this.registry.get(subject);
      if (!handler || !this.def.subjects.includes(subject)) {
        // The stream-wide filter brings events this service does not handle.
        outcome = 'skipped';
        msg.ack();
        return;
      }
      let envelope;
      try {
        const raw = envelopeSchema.parse(msg.json());
        envelope = { ...raw, payload: handler.def.payload.parse(raw.payload) };
      } catch (error) {
        throw new PoisonMessageError(`malformed ${subject}: ${describe(error)}`);
      }
      await runWithContext(
        {
          correlationId: envelope.correlationId,
          causationId: envelope.id,
          userId: envelope.actor.userId ?? undefined,
          role: envelope.actor.role ?? undefined,
        },
        () =>
          this.dataSource.transaction(async (manager) => {
            const claimed: unknown[] = await manager.query(
              `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
              [this.def.durable, envelope.id],
            );
            if (claimed.length === 0) {
              outcome = 'duplicate';
              return;
            }
            await handler.handle(envelope, manager);
          }),
      );
      if (outcome === 'ok') faultPoint('consumer.afterEffectBeforeAck');
      msg.ack();
    } catch (error) {
      outcome = await this.fail(msg, subject, deliveries, error);
    } finally {
      clearInterval(heartbeat);
      this.metrics.handlerLatency.observe(
        { consumer: this.def.durable, subject, outcome },
        (performance.now() - started) / 1000,
      );
    }
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
