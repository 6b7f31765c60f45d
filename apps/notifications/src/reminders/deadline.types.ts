import { z } from 'zod';
import {
  deadlineKindSchema,
  idSchema,
  placeSchema,
  type DeadlineKind,
  type Place,
  type ReminderRung,
  type RungStatus,
} from '@daiban/contracts';
import type { TimeLimit } from '@daiban/calendar';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** People a deadline names directly; role holders (directors, leaders) are found by scope at fire time. */
export const deadlineSubjectsSchema = z
  .object({
    agentUserId: z.string().nullable(),
    departmentOfficerUserIds: z.array(z.string()),
    taskForceLeadUserId: z.string().nullable(),
    /** Lets the ladder find the project's 专班 lead at fire time when the deadline names none. */
    projectId: z.string().nullable(),
    enterpriseUserIds: z.array(z.string()),
    issuerUserId: z.string().nullable(),
  })
  .partial();
export type DeadlineSubjects = z.infer<typeof deadlineSubjectsSchema>;

/**
 * What the workflow consumer (later) and the 督办单 service give the reminder engine: the time limit as
 * workflow holds it, so notifications computes due date and rungs with the same calendar library.
 */
export const deadlineInputSchema = z.object({
  kind: deadlineKindSchema,
  subjectId: idSchema,
  title: z.string().min(1).max(200),
  /** Grows with every change of the deadline (pause, resume, extension, closure). */
  version: z.number().int().nonnegative(),
  closed: z.boolean().default(false),
  timeLimit: z.object({
    acceptedOn: localDate,
    limit: z.number().int().min(0),
    unit: z.enum(['working_days', 'calendar_days']).default('working_days'),
    pauses: z.array(z.object({ start: localDate, end: localDate.nullable() })).default([]),
    extension: z
      .object({ limit: z.number().int().min(0) })
      .nullable()
      .default(null),
  }),
  place: placeSchema,
  major: z.boolean().default(false),
  greenChannel: z.boolean().default(false),
  subjects: deadlineSubjectsSchema.default({}),
});
export type DeadlineInput = z.input<typeof deadlineInputSchema>;
export type ParsedDeadlineInput = z.output<typeof deadlineInputSchema>;

export type DeadlineStatus = 'open' | 'paused' | 'closed';

export interface Deadline {
  key: string;
  kind: DeadlineKind;
  subjectId: string;
  title: string;
  version: number;
  status: DeadlineStatus;
  timeLimit: TimeLimit;
  dueAt: Date | null;
  place: Place;
  major: boolean;
  greenChannel: boolean;
  subjects: DeadlineSubjects;
}

export interface Rung {
  deadlineKey: string;
  rung: ReminderRung;
  version: number;
  fireAt: Date;
  status: RungStatus;
  firedAt: Date | null;
}

export function deadlineKeyOf(kind: DeadlineKind, subjectId: string): string {
  return `${kind}.${subjectId}`;
}
