import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '@daiban/calendar';
import { withoutJobs } from '../queues/jobs-missing';
import {
  REMINDERS_QUEUE,
  REMINDER_JOBS,
  REMINDER_JOB_OPTIONS,
  reminderJobId,
} from '../queues/queue.constants';
import type { Rung } from './deadline.types';

export interface RungJobData {
  deadlineKey: string;
  rung: Rung['rung'];
  version: number;
}

type RungRef = Pick<Rung, 'deadlineKey' | 'rung' | 'version'>;
type ArmedRung = Pick<Rung, 'deadlineKey' | 'rung' | 'version' | 'fireAt'>;

/** The BullMQ side of reminders: wake-up calls only, always derivable from the rung rows. */
@Injectable()
export class ReminderJobsRepository {
  private readonly logger = new Logger('reminder-jobs');

  constructor(
    @Inject(REMINDERS_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  /** Adds the job unless one with its id exists (BullMQ then silently keeps the old one). */
  async arm(rung: ArmedRung): Promise<void> {
    await this.armAll([rung]);
  }

  /** arm() for several rungs in one Redis round trip. */
  async armAll(rungs: readonly ArmedRung[]): Promise<void> {
    if (!rungs.length) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      rungs.map((rung) => ({
        name: REMINDER_JOBS.rung,
        data: { deadlineKey: rung.deadlineKey, rung: rung.rung, version: rung.version } satisfies RungJobData,
        opts: {
          ...REMINDER_JOB_OPTIONS,
          jobId: reminderJobId(rung.deadlineKey, rung.rung, rung.version),
          delay: Math.max(0, rung.fireAt.getTime() - now),
        },
      })),
    );
  }

  async disarm(rung: RungRef): Promise<void> {
    // An active job cannot be removed (locked); it will find its version stale and do nothing.
    await this.queue.remove(reminderJobId(rung.deadlineKey, rung.rung, rung.version));
  }

  /** disarm() for several rungs, sent together rather than one answer at a time. */
  async disarmAll(rungs: readonly RungRef[]): Promise<void> {
    await Promise.all(rungs.map((rung) => this.disarm(rung)));
  }

  /** The rungs among these without a job (the sweeper re-arms them). */
  unarmed<T extends RungRef>(rungs: readonly T[]): Promise<T[]> {
    return withoutJobs(this.queue, rungs, (r) => reminderJobId(r.deadlineKey, r.rung, r.version));
  }

  /** Redis trouble must not undo a committed change: the sweeper re-arms from PostgreSQL. */
  async bestEffort(what: string, task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.warn(`${what} failed, the sweeper will retry: ${(error as Error).message}`);
    }
  }
}
