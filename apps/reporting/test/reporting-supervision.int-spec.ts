import { randomUUID } from 'node:crypto';
import {
  CONSUMERS,
  reportingBriefing,
  reportingOverdue,
  supervisionOrderClosed,
  supervisionOrderIssued,
  supervisionOrderSigned,
  type EventDefinition,
} from '@daiban/contracts';
import { rebuildReadModels } from '../src/rebuild/rebuild.service';
import { countyScenario } from './fixtures';
import { event, leaders, startReporting, type ReportingHarness } from './reporting-harness';

const COUNTY = '440811';

/** 督办单 events from the notifications service into the overdue list and the briefing. */
describe('reporting: supervision orders from the NOTIFICATIONS stream', () => {
  let h: ReportingHarness;
  const orderId = randomUUID();
  const order = (def: EventDefinition, version: number, status: string) =>
    event(def, orderId, version, {
      orderId,
      number: '督办〔2026〕1号',
      status,
      version,
      origin: 'automatic',
      subjectKind: 'item',
      subjectId: 'sup-i1',
      toDepartmentCode: 'zjj',
      issuerLevel: 'county',
      place: { enterpriseId: 'ent-1', parkId: 'sup-park', countyCode: COUNTY, departmentCodes: ['zjj'] },
    });
  const overdueRow = async () => {
    const page = await h.call(
      reportingOverdue,
      { sort: 'dueDate', order: 'asc', page: 1, pageSize: 50 },
      leaders.county(COUNTY),
    );
    return page.rows.find((r) => r.itemId === 'sup-i1');
  };
  const openOrders = async () => {
    const briefing = await h.call(
      reportingBriefing,
      { year: 2026, quarter: 2, countyCode: COUNTY },
      leaders.county(COUNTY),
    );
    return briefing.counties.flatMap((c) => c.openSupervisionOrders);
  };

  beforeAll(async () => {
    h = await startReporting('2026-06-30T04:00:00Z');
    for (const e of countyScenario('sup', COUNTY)) await h.publish(e);
    await h.settle();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('subscribes to every supervision-order subject', () => {
    const consumer = CONSUMERS.find((c) => c.durable === 'reporting-notifications');
    expect(consumer).toMatchObject({ service: 'reporting', stream: 'NOTIFICATIONS' });
    expect([...consumer!.subjects].sort()).toEqual(
      ['issued', 'signed', 'feedbackSubmitted', 'reviewed', 'returned', 'closed']
        .map((e) => `notifications.supervisionorder.${e}.v1`)
        .sort(),
    );
  });

  it('shows the order on its overdue item and in the briefing, whatever the delivery order', async () => {
    expect((await overdueRow())?.supervisionOrder).toBeNull();
    const signed = order(supervisionOrderSigned, 2, 'signed');
    // The newer version first, then the issue, then a redelivery of the newer one.
    await h.publish(signed);
    await h.publish(order(supervisionOrderIssued, 1, 'issued'));
    await h.publish(signed, `again-${signed.id}`);
    await h.settle();
    expect((await overdueRow())?.supervisionOrder).toEqual({ orderId, state: 'signed', level: 2 });
    const [open] = await openOrders();
    expect(open).toMatchObject({
      orderId,
      itemId: 'sup-i1',
      projectId: 'sup-p1',
      countyCode: COUNTY,
      departmentCode: 'zjj',
      state: 'signed',
    });
    // Only the issued event knows when it was issued, and it arrived after the newer version.
    expect(open.issuedAt).not.toBeNull();
  });

  it('a closed order leaves the briefing, and a rebuild gives the same rows', async () => {
    await h.publish(order(supervisionOrderClosed, 3, 'closed'));
    await h.settle();
    expect(await openOrders()).toEqual([]);
    expect((await overdueRow())?.supervisionOrder).toEqual({ orderId, state: 'closed', level: 2 });

    const live = await h.snapshot();
    const results = await rebuildReadModels({
      ...h.rebuildOptions(),
      progress: () => undefined,
    });
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
    expect(await h.snapshot()).toEqual(live);
  });
});
