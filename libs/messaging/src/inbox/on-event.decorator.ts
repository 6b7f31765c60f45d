import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@daiban/contracts';

export const ON_EVENT = Symbol('ON_EVENT');

/**
 * Marks a provider method as the handler of one event. It runs inside the consumer's transaction:
 * `(event, manager) => Promise<void>`; every write must go through `manager` so it commits with the inbox row.
 */
export const OnEvent = (def: EventDefinition) => SetMetadata(ON_EVENT, def);
