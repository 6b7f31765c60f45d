import { z } from 'zod';
import { defineEvent } from '../event-definition';
import {
  DEADLINE_KINDS,
  NOTIFICATION_CATEGORIES,
  REMINDER_RUNGS,
  SUPERVISION_ORDER_STATUSES,
} from '../notifications/notification-vocabulary';
import { placeSchema } from './place';

/** The gateway pushes these to the recipient's browser over SSE; the text is fetched, not carried. */
export const notificationCreated = defineEvent({
  type: 'notifications.notification.created',
  version: 1,
  stream: 'NOTIFICATIONS',
  payload: z.object({
    notificationId: z.uuid(),
    recipientUserId: z.string(),
    category: z.enum(NOTIFICATION_CATEGORIES),
    template: z.string(),
    urgent: z.boolean(),
  }),
});

/** One per (deadline, rung, deadline version): reporting counts escalations from it. */
export const reminderFired = defineEvent({
  type: 'notifications.reminder.fired',
  version: 1,
  stream: 'NOTIFICATIONS',
  payload: z.object({
    deadlineKey: z.string(),
    kind: z.enum(DEADLINE_KINDS),
    subjectId: z.string(),
    rung: z.enum(REMINDER_RUNGS),
    deadlineVersion: z.number().int(),
    place: placeSchema,
  }),
});

const supervisionOrderPayload = z.object({
  orderId: z.uuid(),
  number: z.string(),
  status: z.enum(SUPERVISION_ORDER_STATUSES),
  version: z.number().int().positive(),
  origin: z.enum(['automatic', 'manual']),
  subjectKind: z.enum(DEADLINE_KINDS),
  subjectId: z.string(),
  toDepartmentCode: z.string(),
  issuerLevel: z.enum(['park', 'county', 'city']),
  place: placeSchema,
});
export type SupervisionOrderEventPayload = z.infer<typeof supervisionOrderPayload>;

const supervisionOrderEvent = (event: string) =>
  defineEvent({
    type: `notifications.supervisionorder.${event}`,
    version: 1,
    stream: 'NOTIFICATIONS',
    payload: supervisionOrderPayload,
  });

export const supervisionOrderIssued = supervisionOrderEvent('issued');
export const supervisionOrderSigned = supervisionOrderEvent('signed');
export const supervisionOrderFeedbackSubmitted = supervisionOrderEvent('feedbackSubmitted');
/** Review accepted the feedback. */
export const supervisionOrderReviewed = supervisionOrderEvent('reviewed');
/** Review sent the feedback back: the order is `signed` again with a new feedback deadline. */
export const supervisionOrderReturned = supervisionOrderEvent('returned');
export const supervisionOrderClosed = supervisionOrderEvent('closed');
