import { Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { Clock } from '@daiban/calendar';
import type { RungJobData } from './reminder-jobs.repository';
import { ReminderFiringService } from './reminder-firing.service';

@Injectable()
export class ReminderProcessor {
  constructor(
    private readonly firing: ReminderFiringService,
    private readonly clock: Clock,
  ) {}

  async process(job: Job<RungJobData>, token?: string): Promise<string> {
    const result = await this.firing.fire(job.data.deadlineKey, job.data.rung, job.data.version);
    if (result.outcome === 'early') {
      // BullMQ delays run on the wall clock; `processedOn` anchors the remaining wait to it.
      const wait = result.fireAt.getTime() - this.clock.now().getTime();
      await job.moveToDelayed((job.processedOn ?? job.timestamp) + wait, token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
