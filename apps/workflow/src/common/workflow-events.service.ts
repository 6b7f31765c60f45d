import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Actor, EventDefinition } from '@daiban/contracts';
import { OutboxWriter } from '@daiban/messaging';

/** Appends approvals events in the caller's transaction. */
@Injectable()
export class WorkflowEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  append<S extends z.ZodType>(
    manager: EntityManager,
    def: EventDefinition<S>,
    aggregateId: string,
    aggregateVersion: number,
    payload: z.infer<S>,
    actor?: Actor,
  ) {
    return this.outbox.append(manager, def, { aggregateId, aggregateVersion, payload, actor });
  }

  /** An envelope to write later with `appendMany` (bulk writers). */
  envelope<S extends z.ZodType>(
    def: EventDefinition<S>,
    aggregateId: string,
    aggregateVersion: number,
    payload: z.infer<S>,
    actor?: Actor,
  ) {
    return {
      subject: def.subject,
      envelope: this.outbox.envelope(def, { aggregateId, aggregateVersion, payload, actor }),
    };
  }

  appendMany(manager: EntityManager, events: Parameters<OutboxWriter['appendMany']>[1]) {
    return this.outbox.appendMany(manager, events);
  }

  /** For a statement that writes events with `outboxInsertFrom` beside other writes (item-writes.ts). */
  get channel(): string {
    return this.outbox.channel;
  }

  notifyOnce(written: string, channelParam: string): string {
    return this.outbox.notifyOnce(written, channelParam);
  }
}
