import type { ConsumerDefinition } from './streams';

/**
 * Every durable consumer of the product, declared in one place and provisioned by one idempotent step
 * (`npm run provision`). Services check at startup that theirs exist and that each listed subject has
 * exactly one handler. Issues that add events add their subjects here.
 */
export const CONSUMERS: readonly ConsumerDefinition[] = [];
