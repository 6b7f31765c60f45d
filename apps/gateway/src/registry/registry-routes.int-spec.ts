import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Caller } from '@daiban/contracts';
import { ClockModule } from '@daiban/calendar';
import { MessagingModule, createServiceApp } from '@daiban/messaging';
import { ObservabilityModule } from '@daiban/observability';
import { testInfra } from '@daiban/testing';
import {
  callers,
  creditCode,
  startRegistry,
  type RegistryHarness,
} from '../../../registry/test/registry-harness';
import { HttpErrorFilter } from '../errors/http-error.filter';
import { RegistryRoutesModule } from './registry-routes.module';

/**
 * The registry routes through HTTP. Until the gateway's auth guard lands, a test-only hook puts the
 * caller (JSON in `x-test-caller`) on the request, where the guard will.
 */
describe('registry HTTP routes', () => {
  let registry: RegistryHarness;
  let gateway: NestFastifyApplication;

  const request = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    caller: Caller | null,
    body?: unknown,
  ) =>
    gateway.inject({
      method,
      url,
      headers: caller ? { 'x-test-caller': JSON.stringify(caller) } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });

  beforeAll(async () => {
    registry = await startRegistry();
    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'gateway' }),
        ClockModule.forRoot(registry.clock),
        MessagingModule.forRoot({
          service: 'gateway',
          natsUrl: testInfra.natsUrl,
          namespace: registry.names.namespace,
          schema: 'gateway',
          rpc: true,
        }),
        RegistryRoutesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    })
    class TestGatewayModule {}
    gateway = await createServiceApp(TestGatewayModule, {
      service: 'gateway',
      logLevel: 'silent',
      namespace: registry.names.namespace,
      rpc: false,
    });
    gateway
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (req, _reply, done) => {
        const header = req.headers['x-test-caller'];
        if (typeof header === 'string') (req as unknown as { caller: Caller }).caller = JSON.parse(header);
        done();
      });
    await gateway.init();
    await gateway.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await gateway?.close();
    await registry?.close();
  });

  const agent = callers.agent('park-zjkfq');

  it('lists counties and parks by county; refuses anonymous callers', async () => {
    const counties = await request('GET', '/api/v1/counties', agent);
    expect(counties.statusCode).toBe(200);
    expect(counties.json().items).toHaveLength(11);
    const parks = await request('GET', '/api/v1/parks?countyCode=440881', agent);
    expect(parks.json().items.map((p: { id: string }) => p.id)).toEqual(['park-ljsd']);
    expect((await request('GET', '/api/v1/counties', null)).statusCode).toBe(401);
  });

  it('validates the credit code with a field error and rejects unknown fields by name', async () => {
    const bad = await request('POST', '/api/v1/enterprises', agent, {
      name: '测试企业',
      creditCode: '91350100M000100Y44',
      legalRepresentative: '张三',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'creditCode' }] });
    const extra = await request('POST', '/api/v1/enterprises', agent, {
      name: '测试企业',
      creditCode: creditCode(1),
      legalRepresentative: '张三',
      version: 9,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('UNKNOWN_FIELD');
  });

  it('admin manages parks; others may not', async () => {
    const body = { id: 'park-test-new', name: '测试园区', countyCode: '440802' };
    expect((await request('POST', '/api/v1/parks', agent, body)).statusCode).toBe(403);
    const created = await request('POST', '/api/v1/parks', callers.admin(), body);
    expect(created.statusCode).toBe(201);
    expect((await request('POST', '/api/v1/parks', callers.admin(), body)).json().code).toBe('DUPLICATE');
    const patched = await request('PATCH', '/api/v1/parks/park-test-new', callers.admin(), {
      version: 1,
      name: '改名园区',
    });
    expect(patched.json()).toMatchObject({ name: '改名园区', version: 2 });
  });

  it('registers, reads and patches projects with optimistic concurrency; other enterprises get 404', async () => {
    const e = (
      await request('POST', '/api/v1/enterprises', agent, {
        name: 'HTTP测试企业',
        creditCode: creditCode(2),
        legalRepresentative: '王五',
        contacts: [{ name: '赵六', phone: '13900001111' }],
      })
    ).json();
    expect(e.contacts[0].phone).toBe('139****1111');
    const created = await request('POST', '/api/v1/projects', agent, {
      name: 'HTTP项目',
      enterpriseId: e.id,
      parkId: 'park-zjkfq',
      totalInvestment: '10000.01',
      industryChain: '绿色钢铁',
    });
    expect(created.statusCode).toBe(201);
    const project = created.json();
    expect(project.agencyRequired).toBe(true);
    const [a, b] = await Promise.all([
      request('PATCH', `/api/v1/projects/${project.projectId}`, agent, { version: 1, name: '甲' }),
      request('PATCH', `/api/v1/projects/${project.projectId}`, agent, { version: 1, name: '乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('VERSION_CONFLICT');
    const stranger = callers.enterprise('00000000-0000-0000-0000-000000000000');
    expect((await request('GET', `/api/v1/projects/${project.projectId}`, stranger)).statusCode).toBe(404);
    expect(
      (await request('PATCH', `/api/v1/projects/${project.projectId}`, stranger, { version: 2, name: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await request('GET', '/api/v1/projects', stranger)).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect(
      (
        await request('PATCH', `/api/v1/projects/${project.projectId}`, agent, {
          version: 2,
          status: 'in_production',
        })
      ).json().code,
    ).toBe('UNKNOWN_FIELD');
    expect((await request('GET', '/api/v1/projects/bad.id', agent)).statusCode).toBe(400);
    const milestone = await request('POST', `/api/v1/projects/${project.projectId}/milestones`, agent, {
      type: 'signed',
      date: '2026-03-01',
      evidence: '合同',
    });
    expect(milestone.statusCode).toBe(201);
    const pipeline = await request('GET', '/api/v1/projects/pipeline?stage=all', agent);
    expect(pipeline.json().tiers).toHaveLength(5);
    const land = await request('POST', '/api/v1/parks/park-zjkfq/land-records', agent, {
      kind: 'reserved',
      areaMu: '120.5',
      date: '2026-03-01',
      parcel: 'DH-2026-01',
    });
    expect(land.statusCode).toBe(201);
    const lands = await request('GET', '/api/v1/parks/park-zjkfq/land-records', agent);
    expect(lands.json().totals.reserved).toBe('120.5000');
  });
});
