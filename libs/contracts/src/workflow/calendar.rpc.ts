import { z } from 'zod';
import { defineRpc } from '../rpc';
import { localDateString } from './vocabulary';

const year = z.int().min(2000).max(2100);

export const calendarYearViewSchema = z.object({
  year: z.int(),
  holidays: z.array(localDateString),
  makeupWorkdays: z.array(localDateString),
  source: z.string().nullable(),
  /** Bumped on every admin edit. */
  revision: z.int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type CalendarYearView = z.infer<typeof calendarYearViewSchema>;

/** GET /api/v1/calendar/{year}. */
export const workflowCalendarGet = defineRpc({
  pattern: 'workflow.calendar.get',
  request: z.strictObject({ year }),
  response: calendarYearViewSchema,
});

export const workflowCalendarList = defineRpc({
  pattern: 'workflow.calendar.list',
  request: z.strictObject({}),
  response: z.object({ years: z.array(z.int()) }),
});

/**
 * PUT /api/v1/calendar/{year} (admin). Every open deadline is recomputed in the same transaction; those
 * that changed get a new deadline version and an `approvals.item.deadlineChanged` event.
 */
export const workflowCalendarPut = defineRpc({
  pattern: 'workflow.calendar.put',
  request: z.strictObject({
    year,
    holidays: z.array(z.string()),
    makeupWorkdays: z.array(z.string()),
    source: z.string().max(500).optional(),
  }),
  response: z.object({ calendar: calendarYearViewSchema, recomputedItems: z.int().nonnegative() }),
  timeoutMs: 30_000,
});
