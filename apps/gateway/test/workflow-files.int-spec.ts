import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { connect } from 'nats';
import { ManualClock } from '@daiban/calendar';
import {
  CONSUMERS,
  workflowCaseAssignAgent,
  workflowCaseGetByProject,
  workflowCaseSignAgreement,
  type Caller,
  type CaseView,
} from '@daiban/contracts';
import { RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, pollUntil, testInfra, testNames } from '@daiban/testing';
import { creditCode } from '../../registry/test/registry-harness';
import { registryEnv } from '../../registry/src/config';
import { RegistryModule } from '../../registry/src/registry.module';
import { workflowEnv } from '../../workflow/src/config';
import { WorkflowModule } from '../../workflow/src/workflow.module';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../../workflow/src/import/import-columns.constant';
import { bootGateway, call, createUser, login, USER_PASSWORD, type Gateway } from './gateway-harness';

const PARK = 'park-xslg';
const COUNTY = '440803';
const MB = 1024 * 1024;

type Row = Partial<Record<ImportColumnKey, string>>;
function csv(rows: Row[]): Buffer {
  const lines = [
    IMPORT_COLUMNS.map((c) => c.header),
    ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? '')),
  ];
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(lines.map((l) => l.join(',')).join('\r\n')),
  ]);
}

/** A PDF by its magic bytes, padded past the inline limit so the download streams from the blob store. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  const body = Buffer.alloc(size - head.length - tail.length);
  for (let i = 0; i < body.length; i += 1) body[i] = 0x20 + ((i * 7) % 90);
  return Buffer.concat([head, body, tail]);
}

describe('企业诉求, attachments and 台账导入 through the gateway', () => {
  const names = testNames();
  const clock = new ManualClock('2026-03-02T01:00:00Z');
  let dataDir: string;
  let gw: Gateway;
  const apps: INestApplication[] = [];
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let projectA: string;
  let caseA: CaseView;

  const request = <T = Record<string, unknown>>(method: string, url: string, who: string, body?: unknown) =>
    call<T>(gw, method, url, { token: tokens[who], body });

  async function upload(
    url: string,
    who: string,
    file: Buffer,
    filename: string,
    fields: Record<string, string>,
  ) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([new Uint8Array(file)]), filename);
    const res = await fetch(`${gw.url}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[who]}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  }

  async function register(name: string, serial: number, projectCode: string) {
    const enterprise = await request<{ id: string }>('POST', '/api/v1/enterprises', 'agent', {
      name,
      creditCode: creditCode(serial),
      legalRepresentative: '张三',
    });
    expect(enterprise.status).toBe(201);
    const project = await request<{ projectId: string }>('POST', '/api/v1/projects', 'agent', {
      name: `${name}项目`,
      enterpriseId: enterprise.body.id,
      parkId: PARK,
      totalInvestment: '15000.00',
      industryChain: '先进材料',
      projectCode,
    });
    expect(project.status).toBe(201);
    return { enterpriseId: enterprise.body.id, projectId: project.body.projectId };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'daiban-files-'));
    const nc = await connect({ servers: testInfra.natsUrl });
    await provisionMessaging(await nc.jetstreamManager(), {
      namespace: names.namespace,
      consumers: CONSUMERS,
    });
    await nc.close();
    gw = await bootGateway({ DATA_DIR: dataDir }, { names, clock });
    const base = {
      DATABASE_URL: databaseUrl(names.database),
      NATS_URL: testInfra.natsUrl,
      EVENT_NAMESPACE: names.namespace,
      LOG_LEVEL: 'silent',
    };
    for (const [service, module] of [
      ['registry', RegistryModule.forRoot(registryEnv.parse(base), clock)],
      ['workflow', WorkflowModule.forRoot(workflowEnv.parse({ ...base, DATA_DIR: dataDir }), clock)],
    ] as const) {
      const app = await createServiceApp(module, {
        service,
        logLevel: 'silent',
        namespace: names.namespace,
        rpc: true,
      });
      apps.push(app);
      await app.init();
      await app.startAllMicroservices();
    }

    ids.director = await createUser(gw, 'f_director', 'center_director', { kind: 'park', parkId: PARK });
    ids.agent = await createUser(gw, 'f_agent', 'agent', { kind: 'park', parkId: PARK });
    ids.officer = await createUser(gw, 'f_officer', 'department_officer', {
      kind: 'department',
      departmentCode: 'fgj',
      countyCode: COUNTY,
    });
    for (const who of ['director', 'agent', 'officer'])
      tokens[who] = (await login(gw, `f_${who}`)).accessToken;

    const a = await register('甲企业', 11, '2026-440803-30-03-100001');
    const b = await register('乙企业', 12, '2026-440803-30-03-100002');
    projectA = a.projectId;
    ids.entA = await createUser(gw, 'f_ent_a', 'enterprise', {
      kind: 'enterprise',
      enterpriseId: a.enterpriseId,
    });
    ids.entB = await createUser(gw, 'f_ent_b', 'enterprise', {
      kind: 'enterprise',
      enterpriseId: b.enterpriseId,
    });
    tokens.entA = (await login(gw, 'f_ent_a', USER_PASSWORD)).accessToken;
    tokens.entB = (await login(gw, 'f_ent_b', USER_PASSWORD)).accessToken;

    // Cases open from the registry's event; agreement and agent go through RPC (their routes are elsewhere).
    const rpc = gw.app.get(RpcClient);
    const director: Caller = {
      userId: ids.director,
      role: 'center_director',
      scope: { kind: 'park', parkId: PARK },
    };
    const enterpriseA: Caller = {
      userId: ids.entA,
      role: 'enterprise',
      scope: { kind: 'enterprise', enterpriseId: a.enterpriseId },
    };
    const opened = await pollUntil(() =>
      rpc.call(workflowCaseGetByProject, { projectId: projectA }, { caller: director }).catch(() => null),
    );
    await rpc.call(
      workflowCaseSignAgreement,
      { caseId: opened.id, signedOn: '2026-01-20', coverage: 'whole', serviceLevel: 'agency' },
      { caller: enterpriseA },
    );
    caseA = await rpc.call(
      workflowCaseAssignAgent,
      { caseId: opened.id, agentUserId: ids.agent },
      { caller: director },
    );
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await gw?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('runs a request from raising to the enterprise confirmation; another enterprise never sees it', async () => {
    const raised = await request<{ id: string; state: string }>('POST', '/api/v1/requests', 'entA', {
      projectId: projectA,
      category: 'utilities',
      description: '临时用电报装进度缓慢，请协调供电局',
    });
    expect(raised.status).toBe(201);
    expect(raised.body.state).toBe('raised');
    const id = raised.body.id;
    // Enterprise B may not raise on A's project, nor read or list A's request.
    expect(
      (
        await request('POST', '/api/v1/requests', 'entB', {
          projectId: projectA,
          category: 'other',
          description: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await request('GET', `/api/v1/requests/${id}`, 'entB')).status).toBe(404);
    expect(
      (await request('POST', `/api/v1/requests/${id}/actions`, 'entB', { action: 'confirm' })).status,
    ).toBe(404);
    const listB = await request<{ total: number; requests: unknown[] }>('GET', '/api/v1/requests', 'entB');
    expect(listB.status).toBe(200);
    expect(listB.body).toMatchObject({ total: 0, requests: [] });

    // The enterprise may not route its own request; routing needs exactly one assignee.
    expect(
      (
        await request('POST', `/api/v1/requests/${id}/actions`, 'entA', {
          action: 'route',
          toDepartmentCode: 'fgj',
        })
      ).status,
    ).toBe(403);
    expect(
      (await request('POST', `/api/v1/requests/${id}/actions`, 'director', { action: 'route' })).status,
    ).toBe(400);
    expect(
      (
        await request('POST', `/api/v1/requests/${id}/actions`, 'director', {
          action: 'route',
          toDepartmentCode: 'fgj',
          requestId: 'someone-else',
        })
      ).body.code,
    ).toBe('UNKNOWN_FIELD');

    const routed = await request('POST', `/api/v1/requests/${id}/actions`, 'director', {
      action: 'route',
      toDepartmentCode: 'fgj',
      note: '请发改局牵头协调',
    });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ state: 'routed', routedToDepartmentCode: 'fgj' });
    const officerList = await request<{ requests: Array<{ id: string }> }>(
      'GET',
      '/api/v1/requests?states=routed',
      'officer',
    );
    expect(officerList.body.requests.map((r) => r.id)).toContain(id);

    const answered = await request('POST', `/api/v1/requests/${id}/actions`, 'officer', {
      action: 'answer',
      answer: '已协调供电局，本周内完成报装',
    });
    expect(answered.body).toMatchObject({ state: 'answered' });
    const confirmed = await request('POST', `/api/v1/requests/${id}/actions`, 'entA', { action: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'closed', confirmedByEnterprise: true });
    expect(
      (await request('POST', `/api/v1/requests/${id}/actions`, 'entA', { action: 'confirm' })).status,
    ).toBe(409);

    const detail = await request<{ history: unknown[] }>('GET', `/api/v1/requests/${id}`, 'entA');
    expect(detail.status).toBe(200);
    expect(detail.body.history.length).toBeGreaterThanOrEqual(4);
    const listA = await request<{ total: number }>(
      'GET',
      `/api/v1/requests?projectId=${projectA}&states=closed,answered`,
      'entA',
    );
    expect(listA.body.total).toBe(1);
    expect((await request('GET', '/api/v1/requests?states=nonsense', 'entA')).status).toBe(400);
  });

  it('uploads a PDF to a case and an item and downloads it byte-identical; strangers get 404', async () => {
    const bytes = pdf(MB + 123);
    const up = await upload(`/api/v1/cases/${caseA.id}/attachments`, 'agent', bytes, '申请表（盖章）.pdf', {
      kind: 'material',
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: 'application/pdf', size: bytes.length, caseId: caseA.id });
    const attachmentId = up.body.id as string;

    const res = await fetch(`${gw.url}/api/v1/attachments/${attachmentId}/content`, {
      headers: { authorization: `Bearer ${tokens.entA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('申请表（盖章）.pdf')}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const foreign = await fetch(`${gw.url}/api/v1/attachments/${attachmentId}/content`, {
      headers: { authorization: `Bearer ${tokens.entB}` },
    });
    expect(foreign.status).toBe(404);
    expect((await request('GET', `/api/v1/attachments?caseId=${caseA.id}`, 'entB')).status).toBe(404);

    const item = caseA.items.find((i) => i.state === 'not_started')!;
    const small = pdf(4096);
    const onItem = await upload(`/api/v1/items/${item.id}/attachments`, 'agent', small, 'commitment.pdf', {
      kind: 'commitment_letter',
    });
    expect(onItem.status).toBe(201);
    const list = await request<{ attachments: Array<{ id: string; kind: string }> }>(
      'GET',
      `/api/v1/attachments?itemId=${item.id}`,
      'agent',
    );
    expect(list.body.attachments.map((a) => a.kind)).toEqual(['commitment_letter']);
    const inline = await fetch(`${gw.url}/api/v1/attachments/${onItem.body.id as string}/content`, {
      headers: { authorization: `Bearer ${tokens.agent}` },
    });
    expect(Buffer.from(await inline.arrayBuffer()).equals(small)).toBe(true);
    expect((await request('GET', '/api/v1/attachments', 'agent')).status).toBe(400);
  });

  it('refuses an .exe named .pdf, a file over 20 MB, an unknown kind and a non-multipart body', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 0x90)]);
    exe.writeUInt32LE(0x80, 0x3c);
    Buffer.from('PE\0\0').copy(exe, 0x80);
    const refused = await upload(`/api/v1/cases/${caseA.id}/attachments`, 'agent', exe, 'scan.pdf', {
      kind: 'material',
    });
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const huge = await upload(`/api/v1/cases/${caseA.id}/attachments`, 'agent', pdf(20 * MB + 1), 'big.pdf', {
      kind: 'material',
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '文件大小不能超过 20 MB' });

    const badKind = await upload(`/api/v1/cases/${caseA.id}/attachments`, 'agent', pdf(2048), 'a.pdf', {
      kind: 'selfie',
    });
    expect(badKind.status).toBe(400);
    const json = await request('POST', `/api/v1/cases/${caseA.id}/attachments`, 'agent', {
      kind: 'material',
    });
    expect(json.status).toBe(415);
    const list = await request<{ attachments: unknown[] }>(
      'GET',
      `/api/v1/attachments?caseId=${caseA.id}`,
      'agent',
    );
    // Only the two uploads of the previous test; nothing refused was registered or left half-written.
    expect(list.body.attachments).toHaveLength(2);
    expect(await readdir(join(dataDir, 'blobs', 'staging'))).toEqual([]);
  });

  it('offers the import template and imports all or nothing', async () => {
    const template = await fetch(`${gw.url}/api/v1/cases/import/template`, {
      headers: { authorization: `Bearer ${tokens.agent}` },
    });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('spreadsheetml');
    expect(template.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(
      Buffer.from(await template.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const good: Row = {
      projectId: projectA,
      catalogCode: 'investment_filing',
      state: '已提交',
      submittedOn: '2026-02-27',
    };
    const bad: Row = {
      projectId: projectA,
      catalogCode: 'land_use_planning_permit',
      state: '已受理',
      submittedOn: '2026-02-05',
      acceptedOn: '2026-13-01',
    };
    const failed = await upload('/api/v1/cases/import', 'agent', csv([good, bad]), '台账.csv', {});
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ row: 3, column: '受理日期', message: '日期格式应为 YYYY-MM-DD' }] },
    });
    const untouched = await request<{ attachments: unknown[] }>(
      'GET',
      `/api/v1/attachments?caseId=${caseA.id}`,
      'agent',
    );
    expect(untouched.status).toBe(200);
    const rpc = gw.app.get(RpcClient);
    const agent: Caller = { userId: ids.agent, role: 'agent', scope: { kind: 'park', parkId: PARK } };
    const before = await rpc.call(workflowCaseGetByProject, { projectId: projectA }, { caller: agent });
    expect(before.items.find((i) => i.catalogCode === 'investment_filing')!.state).toBe('not_started');

    expect((await upload('/api/v1/cases/import', 'entA', csv([good]), '台账.csv', {})).status).toBe(403);
    const imported = await upload('/api/v1/cases/import', 'agent', csv([good]), '台账.csv', {});
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ rows: 1, items: 1 });
    const after = await rpc.call(workflowCaseGetByProject, { projectId: projectA }, { caller: agent });
    expect(after.items.find((i) => i.catalogCode === 'investment_filing')!.state).toBe('submitted');
  });
});
