import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, calendarYearSchema, shanghaiDateOf } from '@daiban/calendar';
import { DomainError, type CalendarYearView, type Caller } from '@daiban/contracts';
import { zodIssues } from '@daiban/messaging';
import { actorOf, assertRole, requireCaller } from '../common/caller.util';
import { MSG } from '../common/workflow-messages.constant';
import { ItemDeadlineService } from '../items/item-deadline.service';
import { ItemsRepository } from '../items/items.repository';
import { LiveItemWrites } from '../items/item-writes';
import { LedgerRepository } from '../ledger/ledger.repository';
import { SealRegisterRepository } from '../seal-register/seal-register.repository';
import { WorkflowEvents } from '../common/workflow-events.service';
import { ProjectsRepository } from '../projects/projects.repository';
import { RequestDeadlineService } from '../requests/request-deadline.service';
import { CalendarRepository } from './calendar.repository';

const READERS = [
  'admin',
  'center_director',
  'agent',
  'department_officer',
  'leader',
  'enterprise',
  'auditor',
] as const;

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarRepository,
    private readonly items: ItemsRepository,
    private readonly projects: ProjectsRepository,
    private readonly deadlines: ItemDeadlineService,
    private readonly requestDeadlines: RequestDeadlineService,
    private readonly ledger: LedgerRepository,
    private readonly seals: SealRegisterRepository,
    private readonly events: WorkflowEvents,
  ) {}

  private get writeRepos() {
    return { items: this.items, ledger: this.ledger, seals: this.seals, events: this.events };
  }

  async get(callerOrNull: Caller | null, year: number): Promise<CalendarYearView> {
    assertRole(requireCaller(callerOrNull), READERS);
    const view = await this.calendars.get(this.dataSource.manager, year);
    if (!view) throw new DomainError('NOT_FOUND', MSG.calendarYearNotFound(year));
    return view;
  }

  async list(callerOrNull: Caller | null): Promise<number[]> {
    assertRole(requireCaller(callerOrNull), READERS);
    return this.calendars.years(this.dataSource.manager);
  }

  /**
   * Replaces a year and, in the same transaction, recomputes every open deadline: a deadline whose due date
   * or provisional flag moved gets a new version and an event. All deadlines are rechecked rather than only
   * those "in" the year, since a pause or a long limit can carry a deadline across years.
   */
  async put(
    callerOrNull: Caller | null,
    input: { year: number; holidays: string[]; makeupWorkdays: string[]; source?: string },
  ): Promise<{ calendar: CalendarYearView; recomputedItems: number }> {
    const caller = requireCaller(callerOrNull);
    assertRole(caller, ['admin']);
    const parsed = calendarYearSchema.safeParse(input);
    if (!parsed.success)
      throw new DomainError('VALIDATION_FAILED', MSG.calendarInvalid, zodIssues(parsed.error));
    return this.dataSource.transaction(async (manager) => {
      await this.calendars.lockAll(manager);
      const view = await this.calendars.upsert(manager, parsed.data, caller.userId);
      const calendar = await this.calendars.load(manager);
      const today = shanghaiDateOf(this.clock.now());
      let recomputed = 0;
      const writes = new LiveItemWrites(manager, this.writeRepos);
      const open = await this.items.withActiveDeadline(manager);
      const pauses = await this.items.pauses(
        manager,
        open.map((item) => item.id),
      );
      for (const item of open) {
        const project = (await this.projects.get(manager, item.projectId))!;
        const changed = await this.deadlines.refresh(
          writes,
          calendar,
          item,
          pauses.filter((pause) => pause.itemId === item.id),
          project,
          today,
          'calendar_changed',
          actorOf(caller),
        );
        if (changed !== null) recomputed += 1;
      }
      await this.requestDeadlines.recomputeAll(manager, calendar, actorOf(caller));
      return { calendar: view, recomputedItems: recomputed };
    });
  }
}
