import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, WorkingCalendar, overdueBy, shanghaiDateOf } from '@daiban/calendar';
import { DispatcherService } from '../deliveries/dispatcher.service';
import { RecipientDirectory } from '../recipients/recipient-directory.port';
import { AfterCommit } from '../shared/after-commit';
import { fill } from '../templates/template.renderer';
import { DIGEST_NOTHING_OVERDUE, DIGEST_OVERDUE_LINE, KIND_LABELS } from '../templates/templates.catalog';
import { DigestRepository, type DigestRow } from './digest.repository';

export type DigestOutcome = { skipped: 'not_working_day' } | { date: string; recipients: number };

const MAX_OVERDUE_LINES = 20;

/**
 * The 08:30 digest to every leader and center director: counts by light and the overdue list of their
 * scope. The scheduler fires every day; non-working days (holidays, weekends that are not 调休) are skipped
 * here because only the calendar knows them. One per user and day, however often it is triggered.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('digest');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly digests: DigestRepository,
    private readonly directory: RecipientDirectory,
    private readonly dispatcher: DispatcherService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  async runDaily(): Promise<DigestOutcome> {
    const now = this.clock.now();
    const date = shanghaiDateOf(now);
    if (!this.calendar.isWorkingDay(date)) return { skipped: 'not_working_day' };
    const readers = await this.directory.withRoles(['leader', 'center_director']);
    for (const reader of readers) {
      const rows = await this.digests.deadlinesIn(this.db.manager, reader.scope);
      const lights = { green: 0, yellow: 0, red: 0 };
      const overdue: string[] = [];
      for (const row of rows) {
        const light = this.lightOf(row, now);
        lights[light] += 1;
        if (light === 'red' && overdue.length < MAX_OVERDUE_LINES) overdue.push(this.overdueLine(row, now));
      }
      const after = new AfterCommit();
      await this.db.transaction((m) =>
        this.dispatcher.dispatchInTransaction(
          m,
          {
            sourceKey: `digest.${date}`,
            template: 'digest.daily',
            params: {
              date,
              ...lights,
              overdueList: overdue.length ? overdue.join('\n') : DIGEST_NOTHING_OVERDUE,
            },
            recipients: [reader],
            ignoreQuietHours: true,
          },
          after,
        ),
      );
      await after.run();
    }
    this.logger.log(`digest ${date} for ${readers.length} readers`);
    return { date, recipients: readers.length };
  }

  private lightOf(row: DigestRow, now: Date): 'green' | 'yellow' | 'red' {
    if (row.status === 'open' && row.dueAt && row.dueAt.getTime() < now.getTime()) return 'red';
    if (row.status === 'open' && row.yellowAt && row.yellowAt.getTime() <= now.getTime()) return 'yellow';
    return 'green';
  }

  private overdueLine(row: DigestRow, now: Date): string {
    return fill(DIGEST_OVERDUE_LINE, {
      kindLabel: KIND_LABELS[row.kind],
      title: row.title,
      dueDate: row.dueAt ? shanghaiDateOf(row.dueAt) : '—',
      overdueDays: overdueBy(this.calendar, row.timeLimit, now),
    });
  }
}
