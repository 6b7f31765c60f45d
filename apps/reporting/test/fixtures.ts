import {
  caseAgentAssigned,
  caseAgreementSigned,
  caseOpened,
  itemDeadlineChanged,
  itemTransitioned,
  landRecorded,
  milestoneRecorded,
  parkRegistered,
  projectRegistered,
  projectUpdated,
  requestRaised,
  type ProjectSnapshot,
} from '@daiban/contracts';
import { event, type FixtureEvent } from './reporting-harness';

export function snapshot(
  overrides: Partial<ProjectSnapshot> & Pick<ProjectSnapshot, 'projectId'>,
): ProjectSnapshot {
  return {
    version: 1,
    name: '湛江某新材料产业园项目',
    projectCode: null,
    enterpriseId: 'ent-1',
    parkId: 'park-1',
    countyCode: '440811',
    totalInvestment: '150000.00',
    industryChain: '先进材料',
    stage: 'signed',
    status: 'preparing',
    agencyRequired: true,
    taskForceRequired: false,
    major: false,
    greenChannel: false,
    plannedDates: {
      signedOn: null,
      landAcquiredOn: null,
      constructionStartOn: null,
      productionStartOn: null,
    },
    serviceTier: null,
    responsibleUserId: null,
    responsibleDepartmentCode: null,
    attributes: {},
    ...overrides,
  };
}

/** A registered project with one effective 新开工 milestone on `date`. */
export function startedProject(id: string, countyCode: string, parkId: string, date: string): FixtureEvent[] {
  const project = snapshot({ projectId: id, countyCode, parkId, name: `项目${id}` });
  return [
    event(projectRegistered, id, 1, { project }),
    event(milestoneRecorded, id, 2, {
      projectId: id,
      milestoneId: `${id}-ms-start`,
      type: 'construction_started',
      date,
      supersedesId: null,
      enterpriseId: 'ent-1',
      parkId,
      countyCode,
      projectStatus: 'under_construction',
    }),
  ];
}

const milestone = (at: string) => ({
  date: at.slice(0, 10),
  at: new Date(`${at.slice(0, 10)}T00:00:00+08:00`).toISOString(),
  provisional: false,
});

/**
 * One county's worth of history, in the order the producers would publish it. Ids start with `prefix` so two
 * copies (in two counties) can be compared row by row.
 */
export function countyScenario(prefix: string, countyCode: string): FixtureEvent[] {
  const park = `${prefix}-park`;
  const p1 = `${prefix}-p1`;
  const p2 = `${prefix}-p2`;
  const place = { enterpriseId: 'ent-1', parkId: park, countyCode, departmentCodes: [] };
  const ms = (
    id: string,
    version: number,
    milestoneId: string,
    type: string,
    date: string,
    supersedesId: string | null,
    status: string,
  ) =>
    event(milestoneRecorded, id, version, {
      projectId: id,
      milestoneId,
      type,
      date,
      supersedesId,
      enterpriseId: 'ent-1',
      parkId: park,
      countyCode,
      projectStatus: status,
    });
  const caseRef = { caseId: `${prefix}-c1`, projectId: p1, place };
  const itemRef = (itemId: string, departmentCode: string) => ({
    itemId,
    caseId: `${prefix}-c1`,
    projectId: p1,
    catalogCode: itemId.endsWith('i1') ? 'construction_permit' : 'investment_filing',
    place: { ...place, departmentCodes: [departmentCode] },
  });
  const step = (
    itemId: string,
    dept: string,
    v: number,
    action: string,
    from: string,
    to: string,
    at: string,
  ) =>
    event(itemTransitioned, itemId, v, {
      ...itemRef(itemId, dept),
      action,
      from,
      to,
      effectiveAt: at,
      recordedAt: at,
      actor: { userId: 'officer', role: 'department_officer' },
      itemVersion: v,
      departmentCode: dept,
    });
  const deadline = (
    itemId: string,
    dept: string,
    v: number,
    active: boolean,
    due: string | null,
    yellow: string | null,
  ) =>
    event(itemDeadlineChanged, itemId, v, {
      ...itemRef(itemId, dept),
      departmentCode: dept,
      clock: 'time_limit',
      active,
      deadlineVersion: v,
      reason: active ? 'accepted' : 'stopped',
      startedOn: '2026-02-02',
      dueDate: due,
      dueAt: due ? new Date(`${due}T23:59:59.999+08:00`).toISOString() : null,
      limit: 5,
      legalLimit: 20,
      unit: 'working_days',
      provisional: false,
      paused: false,
      yellowAt: active && yellow ? milestone(yellow) : null,
      redAt: active && due ? milestone(nextDay(due)) : null,
      overdueRungs: [],
      greenChannel: false,
      major: false,
    });
  const i1 = `${prefix}-i1`;
  const i2 = `${prefix}-i2`;
  return [
    event(parkRegistered, park, 1, {
      parkId: park,
      name: `${prefix}园区`,
      countyCode,
      active: true,
      version: 1,
    }),
    event(projectRegistered, p1, 1, {
      project: snapshot({
        projectId: p1,
        countyCode,
        parkId: park,
        name: `${prefix}旧名`,
        totalInvestment: '600000.00',
        stage: 'pipeline',
      }),
    }),
    event(projectUpdated, p1, 2, {
      project: snapshot({
        projectId: p1,
        version: 2,
        countyCode,
        parkId: park,
        name: `${prefix}一号项目`,
        totalInvestment: '1200000.00',
        stage: 'pipeline',
        industryChain: '绿色石化',
      }),
      changedFields: ['name', 'totalInvestment', 'industryChain'],
    }),
    ms(p1, 3, `${prefix}-m-sign`, 'signed', '2026-01-15', null, 'preparing'),
    ms(p1, 4, `${prefix}-m-start-wrong`, 'construction_started', '2026-03-10', null, 'under_construction'),
    ms(
      p1,
      5,
      `${prefix}-m-start`,
      'construction_started',
      '2026-04-20',
      `${prefix}-m-start-wrong`,
      'under_construction',
    ),
    ms(p1, 6, `${prefix}-m-prod`, 'production_started', '2026-05-05', null, 'in_production'),
    event(projectRegistered, p2, 1, {
      project: snapshot({ projectId: p2, countyCode, parkId: park, name: `${prefix}二号项目` }),
    }),
    ms(p2, 2, `${prefix}-m2-start`, 'construction_started', '2026-02-01', null, 'under_construction'),
    event(landRecorded, `${prefix}-l1`, 1, {
      landRecordId: `${prefix}-l1`,
      parkId: park,
      countyCode,
      kind: 'reserved',
      areaMu: '12.5',
      date: '2026-02-10',
    }),
    event(landRecorded, `${prefix}-l2`, 1, {
      landRecordId: `${prefix}-l2`,
      parkId: park,
      countyCode,
      kind: 'revitalized',
      areaMu: '3.25',
      date: '2026-04-02',
    }),
    event(caseOpened, `${prefix}-c1`, 1, {
      ...caseRef,
      state: 'awaiting_agreement',
      openedBy: 'registry',
      agencyRequired: true,
    }),
    event(caseAgreementSigned, `${prefix}-c1`, 2, {
      ...caseRef,
      signedOn: '2026-01-20',
      coverage: 'whole',
      serviceLevel: 'agency',
      catalogVersion: 1,
      itemIds: [i1, i2],
    }),
    event(caseAgentAssigned, `${prefix}-c1`, 3, {
      ...caseRef,
      agentUserId: `${prefix}-agent`,
      previousAgentUserId: null,
    }),
    step(i1, 'zjj', 1, 'prepare', 'not_started', 'preparing', '2026-02-20T02:00:00.000Z'),
    step(i1, 'zjj', 2, 'submit', 'preparing', 'submitted', '2026-02-23T02:00:00.000Z'),
    step(i1, 'zjj', 3, 'request_correction', 'submitted', 'correction_requested', '2026-02-24T02:00:00.000Z'),
    step(i1, 'zjj', 4, 'submit', 'correction_requested', 'submitted', '2026-02-26T02:00:00.000Z'),
    step(i1, 'zjj', 5, 'accept', 'submitted', 'accepted', '2026-03-02T02:00:00.000Z'),
    deadline(i1, 'zjj', 1, true, '2026-03-09', '2026-03-06'),
    step(i2, 'fgj', 1, 'submit', 'preparing', 'submitted', '2026-01-30T02:00:00.000Z'),
    step(i2, 'fgj', 2, 'accept', 'submitted', 'accepted', '2026-02-02T02:00:00.000Z'),
    deadline(i2, 'fgj', 1, true, '2026-02-09', '2026-02-06'),
    step(i2, 'fgj', 3, 'approve', 'accepted', 'approved', '2026-02-05T02:00:00.000Z'),
    deadline(i2, 'fgj', 2, false, '2026-02-09', null),
    event(requestRaised, `${prefix}-r1`, 1, {
      requestId: `${prefix}-r1`,
      projectId: p1,
      place,
      category: '用地',
      dueDate: '2026-06-10',
      dueAt: '2026-06-10T15:59:59.999Z',
      deadlineVersion: 1,
    }),
  ];
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
