import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '@daiban/calendar';
import { requestDeadlineChanged, type Actor, type PayloadOf } from '@daiban/contracts';
import { WorkflowEvents } from '../common/workflow-events.service';
import { milestoneJson, requestDeadline } from './request-clock.util';
import type { RequestRow, RequestWithProject } from './requests.repository';
import { RequestsRepository } from './requests.repository';

type Reason = PayloadOf<typeof requestDeadlineChanged>['reason'];

export function requestPlace(row: RequestRow) {
  return {
    enterpriseId: row.enterpriseId,
    parkId: row.parkId,
    countyCode: row.countyCode,
    departmentCodes: row.routedToDepartmentCode ? [row.routedToDepartmentCode] : [],
  };
}

/**
 * Announces every change of a request's answer deadline as a new version, like items' deadlines: the
 * reminder scheduler keys on (requestId, deadlineVersion), so a re-route (new recipients), a reopen (new
 * clock) or a calendar edit replaces the reminders, and `active: false` drops them.
 */
@Injectable()
export class RequestDeadlineService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly events: WorkflowEvents,
  ) {}

  /** Bumps the row's deadline version and appends the event; the caller saves the row. */
  async announce(
    manager: EntityManager,
    calendar: WorkingCalendar,
    request: RequestWithProject,
    reason: Reason,
    actor?: Actor,
  ): Promise<void> {
    const row = request.row;
    row.deadlineVersion += 1;
    const d = requestDeadline(calendar, row.deadlineStartedOn, row.deadlineLimit, request.greenChannel);
    row.deadlineDueDate = d.dueDate;
    row.deadlineProvisional = d.provisional;
    await this.events.append(
      manager,
      requestDeadlineChanged,
      row.id,
      row.deadlineVersion,
      {
        requestId: row.id,
        projectId: row.projectId,
        place: requestPlace(row),
        active: row.deadlineActive,
        deadlineVersion: row.deadlineVersion,
        reason: row.deadlineActive ? reason : 'stopped',
        toDepartmentCode: row.routedToDepartmentCode,
        toAgentUserId: row.routedToAgentUserId,
        startedOn: d.startedOn,
        dueDate: d.dueDate,
        dueAt: d.dueAt.toISOString(),
        limit: d.limit,
        unit: 'working_days',
        provisional: d.provisional,
        yellowAt: row.deadlineActive ? milestoneJson(d.yellowAt) : null,
        redAt: row.deadlineActive ? milestoneJson(d.redAt) : null,
        overdueRungs: row.deadlineActive
          ? d.overdueRungs.map((r) => ({ workingDays: r.workingDays, at: milestoneJson(r.at) }))
          : [],
        greenChannel: request.greenChannel,
        major: request.major,
      },
      actor,
    );
  }

  /** After a calendar edit: every running request deadline whose due date or provisional flag moved. */
  async recomputeAll(manager: EntityManager, calendar: WorkingCalendar, actor?: Actor): Promise<number> {
    let moved = 0;
    for (const request of await this.requests.withActiveDeadline(manager)) {
      const { row } = request;
      const d = requestDeadline(calendar, row.deadlineStartedOn, row.deadlineLimit, request.greenChannel);
      if (d.dueDate === row.deadlineDueDate && d.provisional === row.deadlineProvisional) continue;
      await this.announce(manager, calendar, request, 'calendar_changed', actor);
      await this.requests.save(manager, row);
      moved += 1;
    }
    return moved;
  }
}
