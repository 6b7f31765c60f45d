import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, WorkingCalendar } from '@daiban/calendar';
import { AfterCommit } from '../shared/after-commit';
import { deadlineInputSchema, deadlineKeyOf, type DeadlineInput, type Rung } from './deadline.types';
import { DeadlinesRepository } from './deadlines.repository';
import { ReminderJobsRepository } from './reminder-jobs.repository';
import { scheduleRungs } from './rung-schedule.util';
import { reminderJobId } from '../queues/queue.constants';

export interface UpsertOutcome {
  key: string;
  /** False for a replay or an older version: nothing changed. */
  applied: boolean;
}

/**
 * Keeps each deadline and its rungs in PostgreSQL and mirrors the pending rungs of the current version
 * as BullMQ delayed jobs. Called by the workflow event consumer (once its events exist) and by 督办单.
 */
@Injectable()
export class ReminderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deadlines: DeadlinesRepository,
    private readonly jobs: ReminderJobsRepository,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async upsertDeadline(input: DeadlineInput): Promise<UpsertOutcome> {
    const after = new AfterCommit();
    const outcome = await this.db.transaction((m) => this.upsertInTransaction(m, input, after));
    await after.run();
    return outcome;
  }

  /** For callers that change a deadline together with their own rows (督办单). */
  async upsertInTransaction(
    m: EntityManager,
    raw: DeadlineInput,
    after: AfterCommit,
  ): Promise<UpsertOutcome> {
    const input = deadlineInputSchema.parse(raw);
    const key = deadlineKeyOf(input.kind, input.subjectId);
    const schedule = scheduleRungs(this.calendar, input);
    if (!(await this.deadlines.saveIfNewer(m, key, input, schedule, this.clock.now()))) {
      return { key, applied: false };
    }
    const cancelled = await this.deadlines.cancelPendingExcept(m, key, input.version);
    const armed = await this.deadlines.insertRungs(m, key, input.version, schedule);
    after.collect<Rearm>('reminders.rearm', [{ cancelled, armed }], (all) => this.rearm(all));
    return { key, applied: true };
  }

  /**
   * Every deadline changed in one transaction, re-armed in one round: jobs are keyed by version, so a
   * rung armed and cancelled again within the transaction (two versions in one batch) is not added.
   */
  private async rearm(all: readonly Rearm[]): Promise<void> {
    const cancelled = all.flatMap((r) => r.cancelled);
    const gone = new Set(cancelled.map((r) => reminderJobId(r.deadlineKey, r.rung, r.version)));
    const armed = all
      .flatMap((r) => r.armed)
      .filter((r) => !gone.has(reminderJobId(r.deadlineKey, r.rung, r.version)));
    await this.jobs.bestEffort(`re-arming ${all.length} deadlines`, async () => {
      await this.jobs.disarmAll(cancelled);
      await this.jobs.armAll(armed);
    });
  }
}

interface Rearm {
  cancelled: Rung[];
  armed: Rung[];
}
