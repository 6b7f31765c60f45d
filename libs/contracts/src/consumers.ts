import type { ConsumerDefinition } from './streams';
import { projectRegistered, projectUpdated } from './events/projects.events';

/**
 * Every durable consumer of the product, declared in one place and provisioned by one idempotent step
 * (`npm run provision`). Services check at startup that theirs exist and that each listed subject has
 * exactly one handler. Issues that add events add their subjects here.
 */
export const CONSUMERS: readonly ConsumerDefinition[] = [
  {
    service: 'workflow',
    stream: 'PROJECTS',
    durable: 'workflow-projects',
    subjects: [projectRegistered.subject, projectUpdated.subject],
  },
];
