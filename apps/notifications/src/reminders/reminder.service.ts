import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, WorkingCalendar } from '@daiban/calendar';
import { AfterCommit } from '../shared/after-commit';
import { deadlineInputSchema, deadlineKeyOf, type DeadlineInput, type Rung } from './deadline.types';
import { DeadlinesRepository, type DeadlineChange } from './deadlines.repository';
import { ReminderJobsRepository } from './reminder-jobs.repository';
import { nextRungsOf } from './next-rungs.util';
import { rememberedSchedule } from './rung-schedule.util';
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
    input: DeadlineInput,
    after: AfterCommit,
  ): Promise<UpsertOutcome> {
    const [outcome] = await this.upsertManyInTransaction(m, [input], after);
    return outcome;
  }

  /**
   * Several deadlines in three statements (a consumer batch, bench B4), with the outcome of applying them
   * one by one in order: of two versions of one deadline only the newest can be written, and an older
   * one after it would have been refused anyway.
   */
  async upsertManyInTransaction(
    m: EntityManager,
    raw: readonly DeadlineInput[],
    after: AfterCommit,
  ): Promise<UpsertOutcome[]> {
    const changes: DeadlineChange[] = raw.map((r) => {
      const input = deadlineInputSchema.parse(r);
      return {
        key: deadlineKeyOf(input.kind, input.subjectId),
        input,
        schedule: rememberedSchedule(this.calendar, input),
      };
    });
    const newest = new Map<string, DeadlineChange>();
    for (const change of changes) {
      const seen = newest.get(change.key);
      if (!seen || seen.input.version < change.input.version) newest.set(change.key, change);
    }
    const saved = await this.deadlines.saveIfNewer(m, [...newest.values()], this.clock.now());
    const written = [...newest.values()].filter((c) => saved.has(c.key));
    if (written.length) {
      const cancelled = await this.deadlines.cancelPendingExcept(m, written);
      const armed = await this.deadlines.insertRungs(m, written);
      after.collect<Rearm>('reminders.rearm', [{ cancelled, armed }], (all) => this.rearm(all));
    }
    return changes.map((c) => ({ key: c.key, applied: saved.has(c.key) && newest.get(c.key) === c }));
  }

  /**
   * Every deadline changed in one transaction, re-armed in one round. Only each version's next rung has a
   * job; jobs are keyed by version, so a version armed and cancelled again within the transaction (two
   * versions in one batch) is not added.
   */
  private async rearm(all: readonly Rearm[]): Promise<void> {
    const cancelled = nextRungsOf(all.flatMap((r) => r.cancelled));
    const gone = new Set(cancelled.map((r) => reminderJobId(r.deadlineKey, r.rung, r.version)));
    const armed = nextRungsOf(all.flatMap((r) => r.armed)).filter(
      (r) => !gone.has(reminderJobId(r.deadlineKey, r.rung, r.version)),
    );
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
