import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@daiban/contracts';

export const ON_EVENT = Symbol('ON_EVENT');
export const ON_EVENTS = Symbol('ON_EVENTS');

/**
 * Marks a provider method as the handler of one event. It runs inside the consumer's transaction:
 * `(event, manager) => Promise<void>`; every write must go through `manager` so it commits with the inbox row.
 */
export const OnEvent = (def: EventDefinition) => SetMetadata(ON_EVENT, def);

/**
 * Like @OnEvent, for a handler that applies several events of its subjects set-based:
 * `(events, manager) => Promise<void>`, the events in stream order (one alone when there is no backlog). A run
 * of consecutive events of any of the given subjects comes in one call, so one handler can fold events of
 * several subjects that write the same rows. It must give the same rows as applying them one by one, and runs in
 * the first event's context, so anything that must name each event's correlation (outbox writes) belongs in an
 * @OnEvent handler.
 */
export const OnEvents = (...defs: [EventDefinition, ...EventDefinition[]]) => SetMetadata(ON_EVENTS, defs);
