import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkingCalendar, LocalDate } from '@daiban/calendar';
import { itemDeadlineChanged, type Actor, type PayloadOf } from '@daiban/contracts';
import { placeOf } from '../common/caller.util';
import { WorkflowEvents } from '../common/workflow-events.service';
import type { LocalProject } from '../projects/projects.repository';
import { deadlineColumns, deadlineSnapshot, sameDeadline, type DeadlineSnapshot } from './item-clock.util';
import { clockInputOf } from './item-view.mapper';
import type { ItemWrites } from './item-writes';
import { ItemsRepository, type ItemRow, type PauseRow } from './items.repository';

type Reason = PayloadOf<typeof itemDeadlineChanged>['reason'];

/**
 * Keeps each item's stored deadline equal to what the calendar and its history give, and announces every
 * change as a new deadline version — the reminder scheduler keys its jobs on that version.
 */
@Injectable()
export class ItemDeadlineService {
  constructor(
    private readonly items: ItemsRepository,
    private readonly events: WorkflowEvents,
  ) {}

  /** Returns the new deadline version when the deadline changed, else null. */
  async refresh(
    writes: Pick<ItemWrites, 'saveDeadline' | 'event' | 'caseAgent'>,
    calendar: WorkingCalendar,
    item: ItemRow,
    pauses: readonly PauseRow[],
    project: LocalProject,
    today: LocalDate,
    reason: Reason,
    actor?: Actor,
  ): Promise<number | null> {
    const snapshot = deadlineSnapshot(calendar, clockInputOf(item, pauses, project.greenChannel), today);
    const stored = {
      clock: item.deadlineClock,
      active: item.deadlineActive,
      startedOn: item.deadlineStartedOn,
      dueDate: item.deadlineDueDate,
      limit: item.deadlineLimit ?? snapshot.limit,
      provisional: item.deadlineProvisional,
      paused: item.deadlinePaused,
    };
    if (sameDeadline(stored, snapshot)) return null;
    if (!snapshot.active && !item.deadlineActive) return null;
    const version = item.deadlineVersion + 1;
    await writes.saveDeadline(item.id, version, snapshot);
    Object.assign(item, deadlineColumns(version, snapshot));
    await writes.event(
      itemDeadlineChanged,
      item.id,
      version,
      {
        ...this.payload(item, project, snapshot, version, snapshot.active ? reason : 'stopped'),
        agentUserId: await writes.caseAgent(item.caseId),
      },
      actor,
    );
    return version;
  }

  /** The item's clock stopped for good (its case ended): one last version tells schedulers to drop it. */
  async stop(manager: EntityManager, item: ItemRow, project: LocalProject, actor?: Actor): Promise<void> {
    const version = item.deadlineVersion + 1;
    const stopped: DeadlineSnapshot = {
      clock: item.deadlineClock,
      active: false,
      startedOn: item.deadlineStartedOn,
      dueDate: item.deadlineDueDate,
      dueAt: null,
      limit: item.deadlineLimit ?? item.catalog.committedLimit,
      unit: item.catalog.unit,
      provisional: item.deadlineProvisional,
      paused: item.deadlinePaused,
      yellowAt: null,
      redAt: null,
      overdueRungs: [],
    };
    await this.items.saveDeadline(manager, item.id, version, stopped);
    await this.events.append(
      manager,
      itemDeadlineChanged,
      item.id,
      version,
      {
        ...this.payload(item, project, stopped, version, 'stopped'),
        agentUserId: await this.agentOf(manager, item.caseId),
      },
      actor,
    );
  }

  /** Reminders go to the agent in charge when the deadline changes (the calendar path has no case at hand). */
  private async agentOf(manager: EntityManager, caseId: string): Promise<string | null> {
    const rows: Array<{ agent: string | null }> = await manager.query(
      `SELECT agent_user_id AS agent FROM cases WHERE id = $1`,
      [caseId],
    );
    return rows[0]?.agent ?? null;
  }

  private payload(
    item: ItemRow,
    project: LocalProject,
    d: DeadlineSnapshot,
    version: number,
    reason: Reason,
  ) {
    const milestone = (m: DeadlineSnapshot['yellowAt']) =>
      m ? { date: m.date, at: m.at.toISOString(), provisional: m.provisional } : null;
    return {
      itemId: item.id,
      caseId: item.caseId,
      projectId: item.projectId,
      catalogCode: item.catalogCode,
      place: placeOf(project, [item.departmentCode]),
      departmentCode: item.departmentCode,
      projectName: project.name,
      itemName: item.catalog.name,
      clock: d.clock ?? 'time_limit',
      active: d.active,
      deadlineVersion: version,
      reason,
      startedOn: d.startedOn,
      dueDate: d.dueDate,
      dueAt: d.dueAt?.toISOString() ?? null,
      limit: d.limit,
      legalLimit: d.clock === 'acceptance_decision' ? null : item.catalog.legalLimit,
      unit: d.unit,
      provisional: d.provisional,
      paused: d.paused,
      yellowAt: milestone(d.yellowAt),
      redAt: milestone(d.redAt),
      overdueRungs: d.overdueRungs.map((rung) => ({ workingDays: rung.workingDays, at: milestone(rung.at) })),
      greenChannel: project.greenChannel,
      major: project.major,
    };
  }
}
