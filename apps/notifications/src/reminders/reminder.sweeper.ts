import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { DeliveryJobsRepository } from '../deliveries/delivery-jobs.repository';
import { DeadlinesRepository, type NextRungsPage } from './deadlines.repository';
import { ReminderFiringService } from './reminder-firing.service';
import { ReminderJobsRepository } from './reminder-jobs.repository';

export interface SweepReport {
  rearmed: number;
  fired: number;
  deliveriesRequeued: number;
}

// Deadlines per page: each page is one PostgreSQL read and one Redis pipeline (bench B4: 100,000 deadlines).
const PAGE = 2000;

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

  /** `pageSize` is for tests that need a pass to cross page boundaries. */
  async sweep(pageSize = PAGE): Promise<SweepReport> {
    const report: SweepReport = { rearmed: 0, fired: 0, deliveriesRequeued: 0 };
    let next: Promise<NextRungsPage> | undefined = this.deadlines.nextRungs(this.db.manager, pageSize);
    while (next) {
      const page: NextRungsPage = await next;
      // PostgreSQL reads the next page while Redis answers for this one.
      next = page.done ? undefined : this.deadlines.nextRungs(this.db.manager, pageSize, page.lastKey);
      // If this page throws, the read in flight must not become an unhandled rejection.
      next?.catch(() => undefined);
      const now = this.clock.now().getTime();
      for (const rung of page.rungs.filter((r) => r.fireAt.getTime() <= now)) {
        const result = await this.firing.fire(rung.deadlineKey, rung.rung, rung.version);
        if (result.outcome === 'fired') report.fired += 1;
      }
      const missing = await this.jobs.unarmed(page.rungs.filter((r) => r.fireAt.getTime() > now));
      await this.jobs.armAll(missing);
      report.rearmed += missing.length;
    }
    let afterId: string | undefined;
    for (;;) {
      const owed = await this.deliveries.unfinished(this.db.manager, pageSize, afterId);
      if (!owed.length) break;
      afterId = owed[owed.length - 1].id;
      for (const delivery of await this.deliveryJobs.unqueued(owed)) {
        await this.deliveryJobs.enqueue(delivery);
        report.deliveriesRequeued += 1;
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
