import { randomUUID } from 'node:crypto';
import {
  EXPORT_CHUNK_BYTES,
  milestoneRecorded,
  reportingExport,
  reportingExportChunk,
  reportingOverdue,
  reportingQuarterly,
  type DomainError,
} from '@daiban/contracts';
import { pollUntil } from '@daiban/testing';
import { SupervisionOrdersProjection } from '../src/projections/supervision-orders.projection';
import { countyScenario } from './fixtures';
import { event, leaders, startReporting, type ReportingHarness } from './reporting-harness';

describe('reporting: freshness, 督办单 seam, chunked exports', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await startReporting('2026-06-30T04:00:00Z');
    for (const e of countyScenario('fresh', '440811')) await h.publish(e);
    await h.settle();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('an event reaches the reports well within a second', async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      await h.publish(
        event(milestoneRecorded, `fresh-live-${i}`, 2, {
          projectId: `fresh-live-${i}`,
          milestoneId: `fresh-live-${i}-m`,
          type: 'production_started',
          date: '2026-06-01',
          supersedesId: null,
          enterpriseId: 'ent-1',
          parkId: 'fresh-park',
          countyCode: '440811',
          projectStatus: 'in_production',
        }),
      );
      await pollUntil(
        async () => {
          const report = await h.call(
            reportingQuarterly,
            { year: 2026, quarter: 2 },
            leaders.county('440811'),
          );
          return report.counties[0].newProduction.yearToDate === i + 2;
        },
        { intervalMs: 5, timeoutMs: 5000 },
      );
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95) - 1];
    expect(p95).toBeLessThan(1000);
  });

  it('supervision orders: applied by version, shown on the overdue item (seam until the events exist)', async () => {
    const projection = h.app.get(SupervisionOrdersProjection);
    const order = {
      orderId: 'so-1',
      itemId: 'fresh-i1',
      projectId: 'fresh-p1',
      place: { enterpriseId: 'ent-1', parkId: 'fresh-park', countyCode: '440811', departmentCodes: ['zjj'] },
      departmentCode: 'zjj',
      level: 2,
      state: 'signed' as const,
      issuedAt: '2026-03-10T01:00:00.000Z',
      feedbackDueAt: '2026-03-17T15:59:59.999Z',
      closedAt: null,
      version: 2,
    };
    await h.db.transaction((m) => projection.apply(m, order));
    await h.db.transaction((m) => projection.apply(m, { ...order, state: 'issued', version: 1 }));
    const page = await h.call(
      reportingOverdue,
      { sort: 'dueDate', order: 'asc', page: 1, pageSize: 10 },
      leaders.county('440811'),
    );
    expect(page.rows[0].supervisionOrder).toEqual({ orderId: 'so-1', state: 'signed', level: 2 });
  });

  it('an export larger than one message comes in chunks, for its requester only', async () => {
    // Enough overdue items for a CSV over one chunk, written straight into the read model.
    await h.db.query(
      `INSERT INTO items (item_id, case_id, project_id, catalog_code, enterprise_id, park_id, county_code,
         department_code, state, deadline_version, deadline_clock, deadline_active, due_date, due_at, yellow_at, red_at)
       SELECT 'bulk-' || n, 'fresh-c1', 'fresh-p1', 'construction_permit_with_a_long_catalog_code_' || n, 'ent-1',
         'fresh-park', '440811', 'zjj', 'accepted', 1, 'time_limit', true, DATE '2026-03-09',
         TIMESTAMPTZ '2026-03-09T15:59:59.999Z', TIMESTAMPTZ '2026-03-05T16:00:00Z', TIMESTAMPTZ '2026-03-09T16:00:00Z'
       FROM generate_series(1, 6000) n`,
    );
    const leader = leaders.county('440811');
    const first = await h.call(
      reportingExport,
      { report: 'overdue', format: 'csv', params: { sort: 'dueDate', order: 'asc' } },
      leader,
    );
    expect(first.chunkCount).toBeGreaterThan(1);
    expect(first.exportId).not.toBeNull();
    const parts = [Buffer.from(first.base64, 'base64')];
    expect(parts[0].length).toBe(EXPORT_CHUNK_BYTES);
    for (let index = 1; index < first.chunkCount; index += 1) {
      const chunk = await h.call(reportingExportChunk, { exportId: first.exportId!, index }, leader);
      parts.push(Buffer.from(chunk.base64, 'base64'));
    }
    const whole = Buffer.concat(parts);
    expect(whole.length).toBe(first.byteLength);
    const lines = whole.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(6002);
    const stranger = await h
      .call(reportingExportChunk, { exportId: first.exportId!, index: 1 }, leaders.county('440823'))
      .catch((error: DomainError) => error);
    expect((stranger as DomainError).code).toBe('NOT_FOUND');
    const unknown = await h
      .call(reportingExportChunk, { exportId: randomUUID(), index: 1 }, leader)
      .catch((error: DomainError) => error);
    expect((unknown as DomainError).code).toBe('NOT_FOUND');
  });
});
