import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { DeliveryJobsRepository } from '../deliveries/delivery-jobs.repository';
import { DeadlinesRepository } from './deadlines.repository';
import { ReminderFiringService } from './reminder-firing.service';
import { ReminderJobsRepository } from './reminder-jobs.repository';

export interface SweepReport {
  rearmed: number;
  fired: number;
  deliveriesRequeued: number;
}

const PAGE = 500;

/**
 * Rebuilds Redis from PostgreSQL: the next pending rung of every current version gets its job back, a rung
 * already due fires here and now (and its firing arms the next), and every unsent delivery gets its job back. Runs from one job scheduler, so a
 * Redis that lost everything delays reminders by at most one sweep interval.
 */
@Injectable()
export class ReminderSweeper {
  private readonly logger = new Logger('reminder-sweeper');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deadlines: DeadlinesRepository,
    private readonly jobs: ReminderJobsRepository,
    private readonly firing: ReminderFiringService,
    private readonly deliveries: DeliveriesRepository,
    private readonly deliveryJobs: DeliveryJobsRepository,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { rearmed: 0, fired: 0, deliveriesRequeued: 0 };
    let after = '';
    for (;;) {
      const rungs = await this.deadlines.nextRungs(this.db.manager, PAGE, after);
      if (!rungs.length) break;
      after = rungs[rungs.length - 1].deadlineKey;
      const now = this.clock.now().getTime();
      for (const rung of rungs.filter((r) => r.fireAt.getTime() <= now)) {
        const result = await this.firing.fire(rung.deadlineKey, rung.rung, rung.version);
        if (result.outcome === 'fired') report.fired += 1;
      }
      const missing = await this.jobs.unarmed(rungs.filter((r) => r.fireAt.getTime() > now));
      await this.jobs.armAll(missing);
      report.rearmed += missing.length;
    }
    let afterId: string | undefined;
    for (;;) {
      const owed = await this.deliveries.unfinished(this.db.manager, PAGE, afterId);
      if (!owed.length) break;
      afterId = owed[owed.length - 1].id;
      for (const delivery of owed) {
        if (!(await this.deliveryJobs.isQueued(delivery.id))) {
          await this.deliveryJobs.enqueue(delivery);
          report.deliveriesRequeued += 1;
        }
      }
    }
    if (report.rearmed || report.fired || report.deliveriesRequeued) {
      this.logger.log(
        `sweep: ${report.rearmed} rungs re-armed, ${report.fired} fired, ${report.deliveriesRequeued} deliveries re-queued`,
      );
    }
    return report;
  }
}
