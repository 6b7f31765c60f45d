import fc from 'fast-check';
import { connect, type NatsConnection, type Subscription } from 'nats';
import { ERROR_CODES, STREAMS, namespacedStream, type Role, type Scope } from '@daiban/contracts';
import { pollUntil } from '@daiban/testing';
import { creditCode } from '../../registry/test/registry-harness';
import { call, createUser, LogSink, login, type Answer, type Gateway } from './gateway-harness';
import { routeInventory, type InventoryRoute } from './route-inventory';
import { bootStack, type Stack } from './stack-harness';

const HOME_PARK = 'park-xslg';
const SCOPES: Record<Role, Scope> = {
  admin: { kind: 'city' },
  center_director: { kind: 'park', parkId: HOME_PARK },
  agent: { kind: 'park', parkId: HOME_PARK },
  department_officer: { kind: 'department', departmentCode: 'fgj', countyCode: '440803' },
  enterprise: { kind: 'enterprise', enterpriseId: 'ent-sec' },
  leader: { kind: 'county', countyCode: '440803' },
  auditor: { kind: 'none' },
};

/** 个人信息保护法 scan: a mainland mobile number or an 18-digit resident ID number, unmasked. */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const RESIDENT_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
/** Every match of either pattern in `text`. */
const personalNumbers = (text: string): string[] =>
  [MOBILE, RESIDENT_ID].flatMap((re) => [...text.matchAll(new RegExp(re.source, 'g'))].map((m) => m[0]));
/** Routes whose answer is the audited reveal of personal data: the only place a full number may appear. */
const REVEAL_ROUTES = ['POST /api/v1/users/:id/reveal', 'POST /api/v1/enterprises/:id/contacts/reveal'];

const SQL_INJECTION = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  "'; DROP TABLE users; --",
  "' UNION SELECT password_hash, username FROM users --",
  "1' AND (SELECT pg_sleep(3)) IS NULL --",
  "'; SELECT pg_sleep(3); --",
  "%' OR 1=1 --",
  '") OR ("1"="1',
  "\\'; --",
  '1) OR (1=1',
];
/** Characters with a meaning in NATS subjects (token separator, wildcards, system prefix) and a space. */
const SUBJECT_MARKER = 'zqx';
const SUBJECT_IDS = ['zqx.a', 'zqx*', 'zqx>', '$zqx', 'zqx b', 'zqx.>', '*.zqx', '>zqx'];

/** A request that passed the role check: one of the route's roles (any, when it names none). */
function roleFor(route: InventoryRoute): Role {
  return route.roles?.[0] ?? 'agent';
}

/** Path parameters filled with values the route accepts (`:year` a year, any other an id). */
function fill(template: string, value: (name: string) => string): string {
  return template.replace(/:(\w+)/g, (_m, name: string) => value(name));
}
const validParam = (name: string) => (name === 'year' ? '2026' : 'sec-fuzz-1');

type Operation = {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
};

function expectErrorBody(res: Answer): void {
  const { code, message, details, ...rest } = res.body as Record<string, unknown>;
  expect({ code: ERROR_CODES.includes(code as never), message: typeof message, rest }).toEqual({
    code: true,
    message: 'string',
    rest: {},
  });
  expect(JSON.stringify([message, details ?? null])).not.toMatch(/at .*\.[jt]s:\d+|SELECT |INSERT |syntax/);
}

/** The whole stack boots in the first hook; each sweep below sends a thousand requests or so. */
const LONG_MS = 10 * 60_000;

function prototypeIsClean(): void {
  const probe = {} as Record<string, unknown>;
  expect([probe.polluted, probe.isAdmin, Object.keys(Object.prototype)]).toEqual([undefined, undefined, []]);
}

describe('security checks over every route (fuzzing, injection, subjects, idempotency, replay, PII)', () => {
  const logs = new LogSink();
  let stack: Stack;
  let gw: Gateway;
  let nc: NatsConnection;
  let subjects: Subscription;
  const seenSubjects: string[] = [];
  const tokens = new Map<Role, string>();
  /** Every answer the tests saw, for the personal-data scan: [route, status, text]. */
  const answers: Array<[string, number, string]> = [];
  /**
   * Numbers of the personal-data formats that the fuzzer itself sent (a random double's digits can
   * read as a mobile number), which an answer, a log line or the audit trail may echo: not personal data.
   */
  const fuzzedNumbers = new Set<string>();
  let routes: InventoryRoute[];
  let operations: Map<string, Operation>;

  const send = async (
    route: InventoryRoute,
    path: string,
    options: { rawBody?: string; body?: unknown; role?: Role; headers?: Record<string, string> } = {},
  ) => {
    const res = await call(gw, route.method, path, {
      token: tokens.get(options.role ?? roleFor(route)),
      rawBody: options.rawBody,
      body: options.body,
      headers: options.headers,
    });
    answers.push([`${route.method} ${route.template}`, res.status, JSON.stringify(res.body)]);
    return res;
  };

  beforeAll(async () => {
    stack = await bootStack({ all: true, logs });
    gw = stack.gw;
    nc = await connect({ servers: gw.config.NATS_URL });
    // Every subject this stack's services use lives under the test's namespace.
    subjects = nc.subscribe(`${gw.names.namespace}.>`);
    void (async () => {
      for await (const m of subjects) seenSubjects.push(m.subject);
    })();
    for (const [role, scope] of Object.entries(SCOPES) as Array<[Role, Scope]>) {
      await createUser(gw, `sec_${role}`, role, scope, { phone: '13912345678' });
      tokens.set(role, (await login(gw, `sec_${role}`)).accessToken);
    }
    routes = routeInventory(gw.app).filter(
      // The live stream never ends; it has its own tests (stream.int-spec.ts).
      (r) => !r.public && !(r.method === 'GET' && r.template === '/api/v1/stream'),
    );
    const doc = await call<{ paths: Record<string, Record<string, Operation>> }>(gw, 'GET', '/api/docs-json');
    operations = new Map(
      Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(
          ([method, op]) => [`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op] as const,
        ),
      ),
    );
  }, LONG_MS);
  afterAll(async () => {
    subjects?.unsubscribe();
    await nc?.close();
    await stack?.close();
  });

  const operationOf = (route: InventoryRoute) => operations.get(`${route.method} ${route.template}`) ?? {};
  const queryNames = (route: InventoryRoute) =>
    (operationOf(route).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const bodyNames = (route: InventoryRoute) =>
    Object.keys(Object.values(operationOf(route).requestBody?.content ?? {})[0]?.schema?.properties ?? {});
  const withBody = () => routes.filter((r) => r.method !== 'GET');

  it('has a workload with personal data in it', async () => {
    const agent = tokens.get('agent')!;
    const enterprise = await call<{ id: string }>(gw, 'POST', '/api/v1/enterprises', {
      token: agent,
      body: {
        name: '安全扫描企业有限公司',
        creditCode: creditCode(777),
        legalRepresentative: '李四',
        contacts: [{ name: '王五', phone: '13600004444' }],
      },
    });
    expect(enterprise.status).toBe(201);
    answers.push(['POST /api/v1/enterprises', enterprise.status, JSON.stringify(enterprise.body)]);
    const project = await call(gw, 'POST', '/api/v1/projects', {
      token: agent,
      body: {
        name: '安全扫描项目',
        enterpriseId: enterprise.body.id,
        parkId: HOME_PARK,
        totalInvestment: '20000',
        industryChain: '绿色钢铁',
      },
    });
    expect(project.status).toBe(201);
    for (const route of routes.filter((r) => r.method === 'GET' && !r.template.includes(':')))
      await send(route, route.template);
    expect(routes.length).toBeGreaterThan(60);
  });

  it(
    'answers fuzzed bodies, queries and path parameters of every route with 4xx, never 5xx',
    async () => {
      const json = fc.jsonValue({ maxDepth: 3 });
      let requests = 0;
      for (const route of routes) {
        const names = [...bodyNames(route), ...queryNames(route)];
        const field = names.length ? fc.constantFrom(...names) : fc.string({ maxLength: 8 });
        const input = fc.record({
          params: fc.string({ maxLength: 20 }),
          query: fc.dictionary(field, fc.oneof(fc.string({ maxLength: 30 }), fc.constant('')), {
            maxKeys: 4,
          }),
          body: fc.oneof(json, fc.dictionary(field, json, { maxKeys: 5 })),
        });
        await fc.assert(
          fc.asyncProperty(input, async ({ params, query, body }) => {
            const path = fill(route.template, (n) => encodeURIComponent(params) || validParam(n));
            const qs = new URLSearchParams(query).toString();
            for (const text of [params, JSON.stringify(query), JSON.stringify(body)])
              personalNumbers(text).forEach((n) => fuzzedNumbers.add(n));
            const res = await send(route, qs ? `${path}?${qs}` : path, {
              rawBody: route.method === 'GET' ? undefined : JSON.stringify(body),
            });
            requests += 1;
            expect([`${route.method} ${route.template}`, res.status < 500]).toEqual([
              `${route.method} ${route.template}`,
              true,
            ]);
            if (res.status >= 400) expectErrorBody(res);
          }),
          { numRuns: 12 },
        );
      }
      prototypeIsClean();
      console.info(`fuzz: ${routes.length} routes, ${withBody().length} with a body, ${requests} requests`);
    },
    LONG_MS,
  );

  it(
    'refuses or strips prototype-pollution payloads in every body and query',
    async () => {
      const payloads = [
        '{"__proto__":{"polluted":"yes","isAdmin":true}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        '{"a":{"__proto__":{"polluted":"yes"}},"b":[{"constructor":{"prototype":{"isAdmin":true}}}]}',
      ];
      for (const route of routes) {
        const path = fill(route.template, validParam);
        for (const field of [...bodyNames(route), ...queryNames(route)].slice(0, 3)) {
          if (route.method === 'GET') continue;
          const res = await send(route, path, {
            rawBody: `{"${field}":{"__proto__":{"polluted":"yes"}}}`,
          });
          expect([route.template, field, res.status]).toEqual([route.template, field, 400]);
        }
        if (route.method === 'GET') {
          const res = await send(
            route,
            `${path}?__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__.isAdmin=true`,
          );
          expect(res.status).toBeLessThan(500);
        } else {
          for (const raw of payloads) {
            const res = await send(route, path, { rawBody: raw });
            // Fastify parses JSON before routing and refuses both poisoning forms (secure-json-parse).
            expect([route.method, route.template, res.status]).toEqual([route.method, route.template, 400]);
            expectErrorBody(res);
          }
        }
        prototypeIsClean();
      }
    },
    LONG_MS,
  );

  it(
    'answers SQL-injection strings in every query parameter with 4xx or a safe answer, each under 1 s',
    async () => {
      // A security property, not a benchmark: a time-based injection (pg_sleep(3)) would take ≥ 3 s. The
      // bound is generous for a shared 2-core machine; the count of slow answers is what is reported.
      let slow = 0;
      let cases = 0;
      for (const route of routes.filter((r) => r.method === 'GET')) {
        for (const name of queryNames(route)) {
          for (const injection of SQL_INJECTION) {
            const path = fill(route.template, validParam);
            const started = performance.now();
            const res = await send(route, `${path}?${new URLSearchParams({ [name]: injection })}`);
            if (performance.now() - started >= 1000) slow += 1;
            cases += 1;
            expect([route.template, name, res.status < 500]).toEqual([route.template, name, true]);
            const text = JSON.stringify(res.body);
            expect(text).not.toMatch(/argon2|password_hash|passwordHash|syntax error|pg_sleep/);
          }
        }
      }
      console.info(`SQL injection: ${cases} cases, ${slow} answers ≥ 1 s`);
      expect(slow).toBe(0);
    },
    LONG_MS,
  );

  it(
    'never lets an id with . * > $ or a space reach a NATS subject',
    async () => {
      let cases = 0;
      for (const route of routes.filter((r) => r.template.includes(':'))) {
        for (const id of SUBJECT_IDS) {
          const path = fill(route.template, () => encodeURIComponent(id));
          const res = await send(route, path, {
            body: route.method === 'GET' ? undefined : {},
          });
          cases += 1;
          expect([route.method, route.template, id, res.status >= 400 && res.status < 500]).toEqual([
            route.method,
            route.template,
            id,
            true,
          ]);
        }
      }
      await nc.flush();
      expect(seenSubjects.length).toBeGreaterThan(0);
      expect(seenSubjects.filter((s) => s.includes(SUBJECT_MARKER))).toEqual([]);
      console.info(`NATS subjects: ${cases} requests with hostile ids, ${seenSubjects.length} subjects seen`);
    },
    LONG_MS,
  );

  describe('Idempotency-Key', () => {
    const enterpriseBody = (name: string, seed: number) => ({
      name,
      creditCode: creditCode(seed),
      legalRepresentative: '赵六',
    });
    const post = (key: string, body: unknown, role: Role = 'agent') =>
      call<{ id: string; code?: string }>(gw, 'POST', '/api/v1/enterprises', {
        token: tokens.get(role),
        body,
        headers: { 'idempotency-key': key },
      });
    const count = async (name: string) => {
      const res = await call<{ total: number }>(
        gw,
        'GET',
        `/api/v1/enterprises?q=${encodeURIComponent(name)}`,
        { token: tokens.get('agent') },
      );
      return res.body.total;
    };

    it('replays the first answer to a retry and has one effect', async () => {
      const body = enterpriseBody('幂等企业甲', 801);
      const first = await post('retry-key-1', body);
      const second = await post('retry-key-1', body);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')]).toEqual([
        null,
        'true',
      ]);
      expect(await count('幂等企业甲')).toBe(1);
      // The replay runs nothing: no second registration, no second audit row.
      const [audit] = await gw.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'enterprises.register' AND object_id = $1`,
        [first.body.id],
      );
      expect(audit.n).toBe(1);
    });

    it('refuses the same key with another body (422) and keeps it per caller', async () => {
      await post('retry-key-2', enterpriseBody('幂等企业乙', 802));
      const other = await post('retry-key-2', enterpriseBody('幂等企业丙', 803));
      expect([other.status, other.body.code]).toEqual([422, 'PRECONDITION_FAILED']);
      expect(await count('幂等企业丙')).toBe(0);
      // Another caller's key of the same spelling is its own.
      const director = await post('retry-key-2', enterpriseBody('幂等企业丁', 804), 'center_director');
      expect(director.status).toBe(201);
    });

    it('lets two concurrent requests with one key have one effect', async () => {
      const body = enterpriseBody('幂等企业戊', 805);
      const both = await Promise.all([post('retry-key-3', body), post('retry-key-3', body)]);
      const statuses = both.map((a) => a.status).sort();
      expect([[201, 201].join(), [201, 409].join()]).toContain(statuses.join());
      expect(await count('幂等企业戊')).toBe(1);
    });

    it('replays a versioned PATCH instead of answering a version conflict', async () => {
      const created = await post('retry-key-4', enterpriseBody('幂等企业己', 806));
      const patch = () =>
        call(gw, 'PATCH', `/api/v1/enterprises/${created.body.id}`, {
          token: tokens.get('agent'),
          body: { version: 1, address: '湛江市霞山区' },
          headers: { 'idempotency-key': 'retry-key-5' },
        });
      const [a, b] = [await patch(), await patch()];
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
    });

    it('refuses a malformed key and frees the key after an error', async () => {
      const bad = await post('has space', enterpriseBody('幂等企业庚', 807));
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const invalid = await post('retry-key-6', { name: '' });
      expect(invalid.status).toBe(400);
      const fixed = await post('retry-key-6', enterpriseBody('幂等企业庚', 807));
      expect(fixed.status).toBe(201);
    });
  });

  it(
    'has one effect when every event of the run is delivered again under a new Nats-Msg-Id',
    async () => {
      const jsm = await nc.jetstreamManager();
      const js = nc.jetstream();
      const schemas = ['gateway', 'registry', 'workflow', 'notifications', 'reporting'];
      const counts = async () => {
        const tables: Array<{ s: string; t: string }> = await gw.db.query(
          `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
          WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
          [schemas],
        );
        const result: Record<string, number> = {};
        for (const { s, t } of tables) {
          const [row] = await gw.db.query(`SELECT count(*)::int AS n FROM "${s}"."${t}"`);
          result[`${s}.${t}`] = row.n;
        }
        return result;
      };
      const drained = async () => {
        for (const stream of Object.keys(STREAMS)) {
          const name = namespacedStream(gw.names.namespace, stream);
          for (const info of await jsm.consumers.list(name).next())
            if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
        }
        return true;
      };
      const patiently = { timeoutMs: 60_000, intervalMs: 200 };
      await pollUntil(drained, { ...patiently, message: 'consumers drained before the replay' });
      const before = await counts();
      let replayed = 0;
      for (const stream of Object.keys(STREAMS)) {
        const name = namespacedStream(gw.names.namespace, stream);
        const info = await jsm.streams.info(name);
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages; seq++) {
          const message = await jsm.streams.getMessage(name, { seq });
          await js.publish(message.subject, message.data, { msgID: `replay-${stream}-${seq}` });
          replayed += 1;
        }
      }
      expect(replayed).toBeGreaterThan(0);
      await pollUntil(drained, { ...patiently, message: 'consumers drained after the replay' });
      expect(await counts()).toEqual(before);
      console.info(`replay: ${replayed} events delivered twice, no table changed`);
    },
    LONG_MS,
  );

  it(
    'finds no unmasked mobile or ID number in answers, logs or event payloads',
    async () => {
      const jsm = await nc.jetstreamManager();
      const payloads: string[] = [];
      for (const stream of Object.keys(STREAMS)) {
        const name = namespacedStream(gw.names.namespace, stream);
        const info = await jsm.streams.info(name);
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages; seq++)
          payloads.push(new TextDecoder().decode((await jsm.streams.getMessage(name, { seq })).data));
      }
      // The reveal itself, as the positive control: the full number is there and nowhere else.
      const users = await call<{ items: Array<{ id: string; username: string }> }>(
        gw,
        'GET',
        '/api/v1/users?pageSize=100',
        { token: tokens.get('admin') },
      );
      const agent = users.body.items.find((u) => u.username === 'sec_agent')!;
      const reveal = await call(gw, 'POST', `/api/v1/users/${agent.id}/reveal`, {
        token: tokens.get('admin'),
        body: { fields: ['phone'], reason: '安全扫描对照' },
      });
      expect(reveal.body).toEqual({ phone: '13912345678' });
      const found = (source: string, texts: string[]) =>
        texts
          .filter((t) => personalNumbers(t).some((n) => !fuzzedNumbers.has(n)))
          .map((t) => `${source}: ${t.slice(0, 300)}`);
      // The scan itself finds the revealed number (it is not blind to the format it looks for).
      expect(found('control', [JSON.stringify(reveal.body)])).toHaveLength(1);
      const leaks = [
        ...found(
          'answer',
          answers
            .filter(([route]) => !REVEAL_ROUTES.includes(route))
            .map(([route, , text]) => `${route} ${text}`),
        ),
        ...found('log', logs.lines),
        ...found('event', payloads),
      ];
      console.info(
        `PII scan: ${answers.length} answers, ${logs.lines.length} log lines, ${payloads.length} events`,
      );
      expect(leaks).toEqual([]);
      expect(answers.length).toBeGreaterThan(1000);
      expect(logs.lines.length).toBeGreaterThan(0);
      expect(payloads.length).toBeGreaterThan(0);
    },
    LONG_MS,
  );
});
