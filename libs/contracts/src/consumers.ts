import type { ConsumerDefinition } from './streams';
import { projectRegistered, projectUpdated } from './events/projects.events';
import {
  caseAgentAssigned,
  caseHandedOver,
  caseOpened,
  commitmentDeadlineCleared,
  commitmentDeadlineSet,
  deficiencyDeadlineCleared,
  deficiencyDeadlineSet,
  itemDeadlineChanged,
  itemTransitioned,
  requestClosed,
  requestRaised,
} from './events/approvals.events';
import { userChanged } from './events/identity.events';

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
  {
    service: 'notifications',
    stream: 'APPROVALS',
    durable: 'notifications-approvals',
    subjects: [
      caseOpened.subject,
      caseAgentAssigned.subject,
      caseHandedOver.subject,
      itemTransitioned.subject,
      itemDeadlineChanged.subject,
      commitmentDeadlineSet.subject,
      commitmentDeadlineCleared.subject,
      deficiencyDeadlineSet.subject,
      deficiencyDeadlineCleared.subject,
      requestRaised.subject,
      requestClosed.subject,
    ],
  },
  {
    service: 'notifications',
    stream: 'IDENTITY',
    durable: 'notifications-identity',
    subjects: [userChanged.subject],
  },
];
