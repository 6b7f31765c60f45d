import { connect, type NatsConnection } from 'nats';
import {
  getEnterprise,
  getProject,
  listCounties,
  listEnterprises,
  listMilestones,
  listParks,
  listPipeline,
  listProjects,
  recordMilestone,
  registerEnterprise,
  registerProject,
  revealEnterpriseContacts,
  updateProject,
  namespacedStream,
  type Caller,
  type DomainError,
} from '@daiban/contracts';
import { pollUntil, testInfra } from '@daiban/testing';
import { seedReferenceData } from '../src/parks/reference-data.seeder';
import { callers, creditCode, outboxRows, startRegistry, type RegistryHarness } from './registry-harness';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null as never,
    (e: DomainError) => e,
  );

describe('registry service over request-reply', () => {
  let h: RegistryHarness;
  let seq = 0;
  const agentKfq = callers.agent('park-zjkfq');
  const agentLj = callers.agent('park-ljsd');

  const newEnterprise = async (caller: Caller = agentKfq, extra: Record<string, unknown> = {}) =>
    h.call(
      registerEnterprise,
      {
        name: `湛江测试企业${++seq}有限公司`,
        creditCode: creditCode(seq + 1000),
        legalRepresentative: '张三',
        contacts: [{ name: '李四', title: '项目经理', phone: '13812345678' }],
        ...extra,
      } as never,
      caller,
    );

  const newProject = async (caller: Caller, enterpriseId: string, extra: Record<string, unknown> = {}) =>
    h.call(
      registerProject,
      {
        name: `测试项目${++seq}`,
        enterpriseId,
        parkId: caller.scope.kind === 'park' ? caller.scope.parkId : 'park-zjkfq',
        totalInvestment: '20000',
        industryChain: '绿色石化',
        ...extra,
      } as never,
      caller,
    );

  beforeAll(async () => {
    h = await startRegistry();
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('reference data', () => {
    it('serves the 11 counties/zones and the 11 seeded parks, filterable by county', async () => {
      const counties = await h.call(listCounties, {}, agentKfq);
      expect(counties.items.map((c) => c.code)).toEqual([
        '440802',
        '440803',
        '440804',
        '440811',
        '440823',
        '440825',
        '440881',
        '440882',
        '440883',
        'ZJETDZ',
        'FYHTZ',
      ]);
      const parks = await h.call(listParks, {}, agentKfq);
      expect(parks.items).toHaveLength(11);
      const zone = await h.call(listParks, { countyCode: 'ZJETDZ' }, agentKfq);
      expect(zone.items.map((p) => p.id)).toEqual(['park-zjkfq']);
    });

    it('re-running the seed changes nothing', async () => {
      const before = await h.db.query(`SELECT * FROM parks ORDER BY id`);
      expect(await h.db.transaction((m) => seedReferenceData(m))).toBe(0);
      expect(await h.db.query(`SELECT * FROM parks ORDER BY id`)).toEqual(before);
    });
  });

  describe('enterprises', () => {
    it("accepts the standard's example code and rejects one changed character with a field error", async () => {
      const ok = await newEnterprise(agentKfq, { creditCode: '91350100M000100Y43' });
      expect(ok.creditCode).toBe('91350100M000100Y43');
      const error = await failure(newEnterprise(agentKfq, { creditCode: '91350100M000100Y44' }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(error.details).toEqual([
        { field: 'creditCode', message: '统一社会信用代码校验位不正确，请核对' },
      ]);
    });

    it('refuses a duplicate code with 409 DUPLICATE and writes nothing', async () => {
      const before = (await outboxRows(h.db)).length;
      const error = await failure(newEnterprise(agentKfq, { creditCode: '91350100M000100Y43' }));
      expect(error.code).toBe('DUPLICATE');
      expect((await outboxRows(h.db)).length).toBe(before);
    });

    it('masks phones in every response and reveals them only on purpose', async () => {
      const e = await newEnterprise();
      expect(e.contacts[0].phone).toBe('138****5678');
      expect((await h.call(getEnterprise, { enterpriseId: e.id }, agentKfq)).contacts[0].phone).toBe(
        '138****5678',
      );
      const revealed = await h.call(revealEnterpriseContacts, { enterpriseId: e.id }, agentKfq);
      expect(revealed.contacts[0].phone).toBe('13812345678');
      await expect(h.call(revealEnterpriseContacts, { enterpriseId: e.id }, agentLj)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('keeps enterprises of another park out of reach', async () => {
      const e = await newEnterprise();
      await expect(h.call(getEnterprise, { enterpriseId: e.id }, agentLj)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const list = await h.call(listEnterprises, { pageSize: 100 } as never, agentLj);
      expect(list.items.map((x) => x.id)).not.toContain(e.id);
    });
  });

  describe('projects', () => {
    it('agencyRequired: exactly 10000 is not over, 10000.01 is', async () => {
      const e = await newEnterprise();
      const at = await newProject(agentKfq, e.id, { totalInvestment: '10000' });
      const over = await newProject(agentKfq, e.id, { totalInvestment: '10000.01' });
      expect(at).toMatchObject({
        agencyRequired: false,
        taskForceRequired: false,
        totalInvestment: '10000.00',
      });
      expect(over).toMatchObject({
        agencyRequired: true,
        taskForceRequired: false,
        totalInvestment: '10000.01',
      });
      const big = await newProject(agentKfq, e.id, { totalInvestment: '50000.01' });
      expect(big).toMatchObject({ taskForceRequired: true, major: true });
    });

    it('names the faulty segment of a 项目代码', async () => {
      const e = await newEnterprise();
      const region = await failure(newProject(agentKfq, e.id, { projectCode: '2026-44080-55-02-804694' }));
      expect(region.code).toBe('VALIDATION_FAILED');
      expect(region.details).toEqual([expect.objectContaining({ field: 'projectCode.region' })]);
      const shape = await failure(newProject(agentKfq, e.id, { projectCode: '2026440800-55-02-804694' }));
      expect(shape.details).toEqual([expect.objectContaining({ field: 'projectCode' })]);
      const serial = await failure(newProject(agentKfq, e.id, { projectCode: '2026-440800-55-02-80469X' }));
      expect(serial.details).toEqual([expect.objectContaining({ field: 'projectCode.serial' })]);
      await newProject(agentKfq, e.id, { projectCode: '2016-440800-55-02-804694' });
      const dup = await failure(newProject(agentKfq, e.id, { projectCode: '2016-440800-55-02-804694' }));
      expect(dup.code).toBe('DUPLICATE');
    });

    it('raising the investment over the threshold makes the project agency-required from then on', async () => {
      const e = await newEnterprise();
      const p = await newProject(agentKfq, e.id, { totalInvestment: '8000' });
      expect(p.agencyRequired).toBe(false);
      const raised = await h.call(
        updateProject,
        { projectId: p.projectId, version: 1, totalInvestment: '12000' },
        agentKfq,
      );
      expect(raised).toMatchObject({ agencyRequired: true, version: 2 });
      const lowered = await h.call(
        updateProject,
        { projectId: p.projectId, version: 2, totalInvestment: '9000' },
        agentKfq,
      );
      expect(lowered).toMatchObject({ agencyRequired: true, version: 3 });
    });

    it('each change writes exactly one event, carrying the snapshot', async () => {
      const e = await newEnterprise();
      const p = await newProject(agentKfq, e.id);
      await h.call(updateProject, { projectId: p.projectId, version: 1, name: '改名后的项目' }, agentKfq);
      const rows = (await outboxRows(h.db)).filter((r) => r.envelope.aggregateId === p.projectId);
      expect(rows.map((r) => [r.subject, r.envelope.aggregateVersion])).toEqual([
        ['projects.project.registered.v1', 1],
        ['projects.project.updated.v1', 2],
      ]);
      expect(rows[1].envelope.payload).toMatchObject({
        changedFields: ['name'],
        project: { name: '改名后的项目', version: 2 },
      });
      // And the relay delivers it to JetStream in this test's namespace.
      const nc: NatsConnection = await connect({ servers: testInfra.natsUrl });
      try {
        const jsm = await nc.jetstreamManager();
        await pollUntil(
          async () => {
            const info = await jsm.streams.info(namespacedStream(h.names.namespace, 'PROJECTS'));
            const published: Array<{ n: number }> = await h.db.query(
              `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
            );
            return published[0].n === 0 && info.state.messages >= rows.length;
          },
          { message: 'outbox relayed to JetStream' },
        );
      } finally {
        await nc.close();
      }
    });

    it('an unchanged PATCH writes nothing and keeps the version', async () => {
      const e = await newEnterprise();
      const p = await newProject(agentKfq, e.id);
      const same = await h.call(
        updateProject,
        { projectId: p.projectId, version: 1, totalInvestment: '20000.00' },
        agentKfq,
      );
      expect(same.version).toBe(1);
      expect((await outboxRows(h.db)).filter((r) => r.envelope.aggregateId === p.projectId)).toHaveLength(1);
    });

    it('concurrent PATCHes with the same version: one succeeds, one VERSION_CONFLICT', async () => {
      const e = await newEnterprise();
      const p = await newProject(agentKfq, e.id);
      const results = await Promise.allSettled([
        h.call(updateProject, { projectId: p.projectId, version: 1, name: 'A' }, agentKfq),
        h.call(updateProject, { projectId: p.projectId, version: 1, name: 'B' }, agentKfq),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(rejected.map((r) => (r.reason as DomainError).code)).toEqual(['VERSION_CONFLICT']);
      expect((await outboxRows(h.db)).filter((r) => r.envelope.aggregateId === p.projectId)).toHaveLength(2);
    });

    it('enterprise A cannot read, list or patch B’s projects', async () => {
      const a = await newEnterprise();
      const b = await newEnterprise();
      const pa = await newProject(callers.enterprise(a.id), a.id);
      const pb = await newProject(callers.enterprise(b.id), b.id);
      const asA = callers.enterprise(a.id);
      await expect(h.call(getProject, { projectId: pb.projectId }, asA)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(
        h.call(updateProject, { projectId: pb.projectId, version: 1, name: 'x' }, asA),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        h.call(
          registerProject,
          {
            name: 'x',
            enterpriseId: b.id,
            parkId: 'park-zjkfq',
            totalInvestment: '1',
            industryChain: '其他',
          } as never,
          asA,
        ),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const list = await h.call(listProjects, { pageSize: 100 } as never, asA);
      expect(list.items.map((x) => x.projectId)).toEqual([pa.projectId]);
      expect(list.total).toBe(1);
      const searched = await h.call(listProjects, { q: pb.name } as never, asA);
      expect(searched.total).toBe(0);
    });

    it('a county leader sees only its county; auditors and department officers see nothing', async () => {
      const e = await newEnterprise(agentLj);
      const inLj = await newProject(agentLj, e.id);
      const leader = callers.countyLeader('440881');
      const list = await h.call(listProjects, { pageSize: 100 } as never, leader);
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((p) => p.countyCode === '440881')).toBe(true);
      expect(list.items.map((p) => p.projectId)).toContain(inLj.projectId);
      const other = await h.call(listProjects, { pageSize: 1 } as never, callers.countyLeader('440802'));
      expect(other.total).toBe(0);
      await expect(
        h.call(getProject, { projectId: inLj.projectId }, callers.countyLeader('440883')),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(
        h.call(updateProject, { projectId: inLj.projectId, version: 1, name: 'x' }, leader),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        h.call(getProject, { projectId: inLj.projectId }, callers.auditor()),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        h.call(getProject, { projectId: inLj.projectId }, callers.officer()),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const city = await h.call(
        listProjects,
        { countyCode: '440881', pageSize: 100 } as never,
        callers.cityLeader(),
      );
      expect(city.total).toBe(list.total);
    });

    it('filters, searches and sorts by allow-listed keys only', async () => {
      const e = await newEnterprise(agentLj, { name: '廉江搜索专用%企业' });
      await newProject(agentLj, e.id, { name: '家电甲', industryChain: '家电', totalInvestment: '300' });
      await newProject(agentLj, e.id, { name: '家电乙', industryChain: '家电', totalInvestment: '900' });
      const byChain = await h.call(
        listProjects,
        { industryChain: '家电', sort: 'totalInvestment', order: 'asc' } as never,
        agentLj,
      );
      expect(byChain.items.map((p) => p.name)).toEqual(['家电甲', '家电乙']);
      const byEnterprise = await h.call(listProjects, { q: '搜索专用%' } as never, agentLj);
      expect(byEnterprise.total).toBe(2);
      await expect(
        h.call(listProjects, { sort: 'id; DROP TABLE projects' } as never, agentLj),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      const paged = await h.call(
        listProjects,
        { industryChain: '家电', pageSize: 1, page: 2 } as never,
        agentLj,
      );
      expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(paged.items).toHaveLength(1);
    });
  });

  describe('milestones', () => {
    it('enforces no future dates, order, and one per type; corrections keep history and drive status', async () => {
      const e = await newEnterprise();
      const p = await newProject(agentKfq, e.id);
      const rec = (body: Record<string, unknown>) => {
        h.clock.advance(1000);
        return h.call(
          recordMilestone,
          { projectId: p.projectId, evidence: '合同扫描件', ...body } as never,
          agentKfq,
        );
      };
      expect((await failure(rec({ type: 'signed', date: '2026-03-11' }))).code).toBe('VALIDATION_FAILED');
      expect((await failure(rec({ type: 'production_started', date: '2026-01-01' }))).code).toBe(
        'VALIDATION_FAILED',
      );
      const signed = await rec({ type: 'signed', date: '2026-01-10' });
      expect(signed.projectStatus).toBe('preparing');
      expect((await failure(rec({ type: 'signed', date: '2026-01-11' }))).code).toBe('DUPLICATE');
      expect((await failure(rec({ type: 'construction_started', date: '2026-01-09' }))).code).toBe(
        'VALIDATION_FAILED',
      );
      const started = await rec({ type: 'construction_started', date: '2026-02-01' });
      expect(started.projectStatus).toBe('under_construction');
      expect((await failure(rec({ type: 'production_started', date: '2026-01-31' }))).code).toBe(
        'VALIDATION_FAILED',
      );
      const corrected = await rec({
        type: 'signed',
        date: '2026-01-05',
        supersedesId: signed.milestone.id,
        reason: '合同日期录入错误',
      });
      expect(corrected.milestone.supersedesId).toBe(signed.milestone.id);
      const produced = await rec({ type: 'production_started', date: '2026-03-10' });
      expect(produced.projectStatus).toBe('in_production');
      const history = await h.call(listMilestones, { projectId: p.projectId }, agentKfq);
      expect(history.items.map((m) => [m.type, m.active])).toEqual([
        ['signed', false],
        ['construction_started', true],
        ['signed', true],
        ['production_started', true],
      ]);
      const detail = await h.call(getProject, { projectId: p.projectId }, agentKfq);
      expect(detail).toMatchObject({ status: 'in_production', version: 5 });
      expect(detail.milestones).toHaveLength(3);
      const events = (await outboxRows(h.db, 'projects.milestone.recorded.v1')).filter(
        (r) => r.envelope.aggregateId === p.projectId,
      );
      expect(events).toHaveLength(4);
    });

    it('moves a pipeline project to signed with its 签约 milestone', async () => {
      const e = await newEnterprise();
      const p = await newProject(agentKfq, e.id, { stage: 'pipeline' });
      const rec = (type: string) =>
        h.call(
          recordMilestone,
          { projectId: p.projectId, type, date: '2026-03-01', evidence: '签约仪式' } as never,
          agentKfq,
        );
      expect((await failure(rec('land_acquired'))).code).toBe('ILLEGAL_TRANSITION');
      expect((await rec('signed')).projectStage).toBe('signed');
    });
  });

  describe('招商 pipeline', () => {
    it('counts by investment tier (1亿 = 10000 万元), lower bound inclusive', async () => {
      const e = await newEnterprise(agentLj);
      for (const amount of ['1000000', '999999.99', '500000', '100000', '50000', '49999.99']) {
        await newProject(agentLj, e.id, {
          stage: 'pipeline',
          totalInvestment: amount,
          industryChain: '造纸',
        });
      }
      const result = await h.call(listPipeline, { industryChain: '造纸' } as never, agentLj);
      expect(Object.fromEntries(result.tiers.map((t) => [t.tier, t.count]))).toEqual({
        gte_100yi: 1,
        from_50_to_100yi: 2,
        from_10_to_50yi: 1,
        from_5_to_10yi: 1,
        below_5yi: 1,
      });
      expect(result.tiers[1].totalInvestment).toBe('1499999.99');
      const tier = await h.call(
        listPipeline,
        { industryChain: '造纸', investmentTier: 'from_50_to_100yi' } as never,
        agentLj,
      );
      expect(tier.items.map((p) => p.totalInvestment)).toEqual(['999999.99', '500000.00']);
    });
  });
});
