import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, closeOpenPauses, computeDeadline, shanghaiDateOf } from '@daiban/calendar';
import type { Caller, ItemState, PlanView } from '@daiban/contracts';
import { CalendarRepository } from '../calendar/calendar.repository';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { assertVisible, requireCaller } from '../common/caller.util';
import { MSG } from '../common/workflow-messages.constant';
import { clockInputOf } from '../items/item-view.mapper';
import { timeLimitOf } from '../items/item-clock.util';
import { CLOCK_STATES } from '../items/item-state-machine';
import { ItemsRepository } from '../items/items.repository';
import { buildPlan, type PlanInput } from './plan.util';

const RESULT_ISSUED: readonly ItemState[] = [
  'approved',
  'approved_on_commitment',
  'commitment_breached',
  'result_collected',
  'handed_over',
];

@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly items: ItemsRepository,
    private readonly calendars: CalendarRepository,
  ) {}

  async get(callerOrNull: Caller | null, caseId: string): Promise<PlanView> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const kase = await this.cases.get(manager, caseId);
      assertVisible(caller, kase && this.casesService.scopeOf(kase), MSG.caseNotFound);
      const calendar = await this.calendars.load(manager);
      const today = shanghaiDateOf(this.clock.now());
      const rows = (await this.items.byCase(manager, caseId)).filter(
        (item) => item.state !== 'waived' && item.catalog.beforeConstruction,
      );
      const pauses = await this.items.pauses(
        manager,
        rows.map((item) => item.id),
      );
      const present = new Set(rows.map((item) => item.catalogCode));
      const inputs: PlanInput[] = rows.map((item) => {
        const done = RESULT_ISSUED.includes(item.state);
        let fixedFinish: string | null = done ? (item.resultIssuedOn ?? today) : null;
        if (!done && CLOCK_STATES.includes(item.state) && item.acceptedOn) {
          // A paused item is projected as if its procedure ended today.
          const input = clockInputOf(
            item,
            pauses.filter((p) => p.itemId === item.id),
            false,
          );
          const limit = timeLimitOf(input, item.acceptedOn);
          const deadline = computeDeadline(calendar, {
            ...limit,
            pauses: closeOpenPauses(limit.pauses, today),
          });
          fixedFinish = deadline.dueDate && deadline.dueDate > today ? deadline.dueDate : today;
        }
        return {
          itemId: item.id,
          code: item.catalogCode,
          name: item.catalog.name,
          state: item.state,
          duration: item.extensionLimit ?? item.catalog.committedLimit,
          unit: item.catalog.unit,
          prerequisites: item.catalog.prerequisites.map((p) => p.code).filter((code) => present.has(code)),
          fixedFinish,
          done,
        };
      });
      const target = kase!.project.constructionStartOn;
      const plan = buildPlan(calendar, inputs, today, target);
      return {
        caseId,
        today,
        targetConstructionStart: target,
        forecastConstructionStart: plan.forecastConstructionStart,
        behindSchedule: plan.behindSchedule,
        criticalPath: plan.criticalPath,
        provisional: plan.provisional,
        items: plan.rows,
      };
    });
  }
}
