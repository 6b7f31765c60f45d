import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { reminderFired, type ReminderRung } from '@daiban/contracts';
import { Clock, WorkingCalendar, overdueBy, shanghaiDateOf } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { DispatcherService } from '../deliveries/dispatcher.service';
import { AfterCommit } from '../shared/after-commit';
import { SupervisionOrdersService } from '../supervision-orders/supervision-orders.service';
import { KIND_LABELS } from '../templates/templates.catalog';
import { DeadlinesRepository } from './deadlines.repository';
import { EscalationLadder } from './escalation-ladder.policy';
import { ReminderJobsRepository } from './reminder-jobs.repository';

export type FireOutcome = { outcome: 'fired' } | { outcome: 'stale' } | { outcome: 'early'; fireAt: Date };

/**
 * Fires one rung, re-reading PostgreSQL first: nothing happens for a moved-on version, a closed or paused
 * deadline, a rung already fired, or a wake-up before its time. Turning the rung row from pending to fired
 * and every message it causes commit together, so a rung fires once however often its job runs.
 */
@Injectable()
export class ReminderFiringService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deadlines: DeadlinesRepository,
    private readonly jobs: ReminderJobsRepository,
    private readonly ladder: EscalationLadder,
    private readonly dispatcher: DispatcherService,
    private readonly supervision: SupervisionOrdersService,
    private readonly outbox: OutboxWriter,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async fire(deadlineKey: string, rung: ReminderRung, version: number): Promise<FireOutcome> {
    const after = new AfterCommit();
    const outcome = await this.db.transaction(async (m): Promise<FireOutcome> => {
      const deadline = await this.deadlines.lock(m, deadlineKey);
      if (!deadline || deadline.version !== version || deadline.status !== 'open')
        return { outcome: 'stale' };
      const row = await this.deadlines.findRung(m, deadlineKey, rung, version);
      if (!row || row.status !== 'pending') return { outcome: 'stale' };
      const now = this.clock.now();
      if (row.fireAt.getTime() > now.getTime()) return { outcome: 'early', fireAt: row.fireAt };
      if (!(await this.deadlines.markFired(m, deadlineKey, rung, version, now))) return { outcome: 'stale' };

      const plan = await this.ladder.planFor(deadline, rung, m);
      await this.dispatcher.dispatchInTransaction(
        m,
        {
          sourceKey: `rung.${deadlineKey}.${rung}.v${version}`,
          template: plan.template,
          params: {
            kindLabel: KIND_LABELS[deadline.kind],
            title: deadline.title,
            dueDate: deadline.dueAt ? shanghaiDateOf(deadline.dueAt) : '—',
            overdueDays: overdueBy(this.calendar, deadline.timeLimit, now),
          },
          recipients: plan.recipients,
          subject: { kind: deadline.kind, id: deadline.subjectId },
          place: deadline.place,
          groupRobots: rung !== 'yellow',
        },
        after,
      );
      if (plan.issueSupervisionOrders) await this.supervision.issueAutomaticInTransaction(m, deadline, after);
      // Only a deadline's next rung has a job: this one's firing wakes the one after it.
      const next = await this.deadlines.nextRung(m, deadlineKey, version);
      if (next)
        after.add(() =>
          this.jobs.bestEffort(`arming ${deadlineKey} ${next.rung}`, () => this.jobs.arm(next)),
        );
      await this.outbox.append(m, reminderFired, {
        aggregateId: deadlineKey,
        aggregateVersion: version,
        payload: {
          deadlineKey,
          kind: deadline.kind,
          subjectId: deadline.subjectId,
          rung,
          deadlineVersion: version,
          place: deadline.place,
        },
      });
      return { outcome: 'fired' };
    });
    await after.run();
    return outcome;
  }
}
