import type { ConsumerDefinition } from './streams';
import {
  enterpriseRegistered,
  enterpriseUpdated,
  landRecorded,
  milestoneRecorded,
  parkRegistered,
  parkUpdated,
  projectRegistered,
  projectUpdated,
  taskForceChanged,
} from './events/projects.events';
import {
  caseAgentAssigned,
  caseAgreementSigned,
  caseClosed,
  caseHandedOver,
  caseOpened,
  caseResumed,
  caseSuspended,
  caseTerminated,
  commitmentDeadlineCleared,
  commitmentDeadlineSet,
  deficiencyDeadlineCleared,
  deficiencyDeadlineSet,
  itemDeadlineChanged,
  itemTransitioned,
  requestAnswered,
  requestClosed,
  requestDeadlineChanged,
  requestRaised,
  requestRouted,
} from './events/approvals.events';
import { userChanged } from './events/identity.events';
import {
  supervisionOrderClosed,
  supervisionOrderFeedbackSubmitted,
  supervisionOrderIssued,
  supervisionOrderReturned,
  supervisionOrderReviewed,
  supervisionOrderSigned,
} from './events/notifications.events';

/** Every 督办单 event: reporting keeps each order's state for the overdue list and the briefing. */
export const SUPERVISION_ORDER_EVENTS = [
  supervisionOrderIssued,
  supervisionOrderSigned,
  supervisionOrderFeedbackSubmitted,
  supervisionOrderReviewed,
  supervisionOrderReturned,
  supervisionOrderClosed,
] as const;

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
  // Reporting reads every stream into its read models.
  {
    service: 'reporting',
    stream: 'PROJECTS',
    durable: 'reporting-projects',
    // Case and item events (different aggregates) upsert the same item rows and counters.
    concurrency: 1,
    subjects: [
      projectRegistered,
      projectUpdated,
      milestoneRecorded,
      taskForceChanged,
      landRecorded,
      enterpriseRegistered,
      enterpriseUpdated,
      parkRegistered,
      parkUpdated,
    ].map((e) => e.subject),
  },
  {
    service: 'reporting',
    stream: 'APPROVALS',
    durable: 'reporting-approvals',
    // Case and item events (different aggregates) upsert the same item rows and counters.
    concurrency: 1,
    // Its one lane applies item events set-based: a burst (bench B4) goes in batches of up to 256.
    batchSize: 256,
    subjects: [
      caseOpened,
      caseAgreementSigned,
      caseAgentAssigned,
      caseSuspended,
      caseResumed,
      caseTerminated,
      caseHandedOver,
      caseClosed,
      itemTransitioned,
      itemDeadlineChanged,
      commitmentDeadlineSet,
      commitmentDeadlineCleared,
      deficiencyDeadlineSet,
      deficiencyDeadlineCleared,
      requestRaised,
      requestRouted,
      requestAnswered,
      requestClosed,
    ].map((e) => e.subject),
  },
  {
    service: 'reporting',
    stream: 'NOTIFICATIONS',
    durable: 'reporting-notifications',
    subjects: SUPERVISION_ORDER_EVENTS.map((e) => e.subject),
  },
  {
    service: 'reporting',
    stream: 'IDENTITY',
    durable: 'reporting-identity',
    subjects: [userChanged.subject],
  },
  {
    service: 'notifications',
    stream: 'APPROVALS',
    durable: 'notifications-approvals',
    // A county's import is a burst of deadline changes, applied set-based per transaction (three
    // statements and one Redis round for a whole batch): two lanes of up to 256 instead of eight of 64
    // make the transactions ~4× fewer and bigger (bench B4), and two still overlap one batch's
    // PostgreSQL work with the next one's parsing on the two cores.
    concurrency: 2,
    batchSize: 256,
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
      requestDeadlineChanged.subject,
    ],
  },
  // The 专班 lead of each project, for the third escalation rung.
  {
    service: 'notifications',
    stream: 'PROJECTS',
    durable: 'notifications-projects',
    subjects: [taskForceChanged.subject],
  },
  {
    service: 'notifications',
    stream: 'IDENTITY',
    durable: 'notifications-identity',
    subjects: [userChanged.subject],
  },
];
