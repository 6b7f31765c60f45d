import type { WorkingCalendar } from '@daiban/calendar';
import type { ItemView } from '@daiban/contracts';
import type { ItemClockInput } from './item-clock.util';
import { itemProgress, sideLight } from './item-clock.util';
import type { ItemRow, PauseRow, SideClock } from './items.repository';

export function clockInputOf(
  item: ItemRow,
  pauses: readonly PauseRow[],
  greenChannel: boolean,
): ItemClockInput {
  return {
    state: item.state,
    submittedOn: item.submittedOn,
    acceptedOn: item.acceptedOn,
    committedLimit: item.catalog.committedLimit,
    extensionLimit: item.extensionLimit,
    unit: item.catalog.unit,
    pauses: pauses.map((pause) => ({ start: pause.startOn, end: pause.endOn })),
    greenChannel,
  };
}

function sideView(calendar: WorkingCalendar, side: SideClock | null, now: Date, greenChannel: boolean) {
  if (!side) return null;
  const open = side.outcome === null;
  const overdue = open && now.getTime() > Date.parse(`${side.dueOn}T23:59:59.999+08:00`);
  const status: 'pending' | 'fulfilled' | 'breached' =
    side.outcome === 'breached' || overdue ? 'breached' : open ? 'pending' : 'fulfilled';
  return {
    materials: side.materials,
    dueOn: side.dueOn,
    status,
    light: open ? sideLight(calendar, side.setOn, side.dueOn, now, greenChannel) : null,
  };
}

/** The item as every read returns it, lights computed from the deadline and `now`. */
export function toItemView(
  calendar: WorkingCalendar,
  item: ItemRow,
  pauses: readonly PauseRow[],
  now: Date,
  greenChannel: boolean,
): ItemView {
  const progress = itemProgress(calendar, clockInputOf(item, pauses, greenChannel), now);
  return {
    id: item.id,
    caseId: item.caseId,
    projectId: item.projectId,
    catalogCode: item.catalogCode,
    catalogVersion: item.catalogVersion,
    name: item.catalog.name,
    stage: item.catalog.stage,
    departmentCode: item.departmentCode,
    departmentName: item.catalog.departmentName,
    state: item.state,
    version: item.version,
    legalLimit: item.catalog.legalLimit,
    committedLimit: item.catalog.committedLimit,
    limit: progress.limit,
    unit: item.catalog.unit,
    materials: item.catalog.materials,
    submittedOn: item.submittedOn,
    acceptedOn: progress.acceptedOn,
    deemedAccepted: item.deemedAccepted || progress.deemedAccepted,
    dueDate: progress.dueDate,
    dueAt: progress.dueAt?.toISOString() ?? null,
    deadlineVersion: item.deadlineVersion,
    provisional: progress.provisional,
    paused: progress.paused,
    workingDaysLeft: progress.workingDaysLeft,
    elapsed: progress.elapsed,
    overdueBy: progress.overdueBy,
    light: progress.light,
    correctionMaterials: item.correctionMaterials,
    specialProcedures: pauses.map((pause) => ({
      kind: pause.kind,
      startOn: pause.startOn,
      endOn: pause.endOn,
      estimate: pause.estimate,
      estimatedWorkingDays: pause.estimatedWorkingDays,
    })),
    commitment: sideView(calendar, item.commitment, now, greenChannel),
    deficiency: sideView(calendar, item.deficiency, now, greenChannel),
    resultDocNo: item.resultDocNo,
    issuedVia: item.issuedVia,
    waivedReason: item.waivedReason,
    lastEffectiveAt: item.lastEffectiveAt ? new Date(item.lastEffectiveAt).toISOString() : null,
  };
}
