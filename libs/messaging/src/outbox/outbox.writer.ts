import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { SYSTEM_ACTOR, type Actor, type EventDefinition, type EventEnvelope } from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { currentContext, currentCorrelationId } from '@daiban/observability';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

export interface NewEvent<P> {
  aggregateId: string;
  aggregateVersion: number;
  payload: P;
  actor?: Actor;
}

export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Writes events in the caller's transaction: they exist exactly when the state change does.
 * NOTIFY is transactional too, so the relay wakes on commit and never on rollback.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly clock: Clock,
  ) {}

  async append<S extends z.ZodType>(
    manager: EntityManager,
    def: EventDefinition<S>,
    event: NewEvent<z.infer<S>>,
  ): Promise<EventEnvelope<z.infer<S>>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`OutboxWriter.append(${def.subject}) needs the caller's transaction`);
    }
    const envelope = this.envelope(def, event);
    // One round trip for the row and its NOTIFY: an item action appends two events (bench B2).
    await manager.query(
      `WITH written AS (INSERT INTO outbox (id, subject, envelope) VALUES ($1, $2, $3) RETURNING id)
       SELECT pg_notify($4, '') FROM written`,
      [envelope.id, def.subject, JSON.stringify(envelope), outboxChannel(this.options.schema)],
    );
    return envelope;
  }

  /** Checks and stamps an event now; `appendMany` writes many of them in one statement. */
  envelope<S extends z.ZodType>(
    def: EventDefinition<S>,
    event: NewEvent<z.infer<S>>,
  ): EventEnvelope<z.infer<S>> {
    const context = currentContext();
    const envelope: EventEnvelope<z.infer<S>> = {
      id: randomUUID(),
      type: def.type,
      version: def.version,
      occurredAt: this.clock.now().toISOString(),
      aggregateId: event.aggregateId,
      aggregateVersion: event.aggregateVersion,
      actor:
        event.actor ??
        (context?.userId ? { userId: context.userId, role: context.role ?? null } : SYSTEM_ACTOR),
      correlationId: currentCorrelationId(),
      causationId: context?.causationId ?? null,
      payload: def.payload.parse(event.payload) as z.infer<S>,
    };
    return envelope;
  }

  /** Bulk writers (history import): one INSERT in insertion order and one NOTIFY for many events. */
  async appendMany(
    manager: EntityManager,
    events: ReadonlyArray<{ subject: string; envelope: EventEnvelope<unknown> }>,
  ): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`OutboxWriter.appendMany needs the caller's transaction`);
    }
    // One jsonb document is parsed once by the server; measured faster here than unnest over text arrays.
    await manager.query(
      `INSERT INTO outbox (id, subject, envelope)
       SELECT (e->'envelope'->>'id')::uuid, e->>'subject', e->'envelope'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord`,
      [JSON.stringify(events)],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.options.schema)]);
  }
}
