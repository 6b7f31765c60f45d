import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect } from 'nats';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@daiban/calendar';
import { loadConfig } from '@daiban/config';
import { createServiceApp, provisionMessaging, startServiceApp } from '@daiban/messaging';
import { databaseUrl, loginAt, testInfra, testNames, type TestNames } from '@daiban/testing';
import type { Role, Scope } from '@daiban/contracts';
import { gatewayEnv, type GatewayConfig } from '../src/config';
import { GatewayModule } from '../src/gateway.module';
import { configureGatewayApp } from '../src/http/gateway-http.setup';
import { UsersService } from '../src/users/users.service';

export const ADMIN_PASSWORD = 'Test#Admin2026';
export const USER_PASSWORD = 'Daiban#2026x';

/** Collects the JSON log lines of the apps it is given to (a pino destination). */
export class LogSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
}

export interface Gateway {
  app: NestFastifyApplication;
  url: string;
  clock: ManualClock;
  config: GatewayConfig;
  names: TestNames;
  db: DataSource;
  close(): Promise<void>;
}

/** The real gateway on port 0 against the shared PostgreSQL, NATS and Redis, under private names. */
export async function bootGateway(
  env: Record<string, string> = {},
  shared: { names?: TestNames; clock?: ManualClock; logs?: LogSink } = {},
): Promise<Gateway> {
  const names = shared.names ?? testNames();
  const clock = shared.clock ?? new ManualClock('2026-03-02T01:00:00Z');
  const config = loadConfig(gatewayEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl(names.database),
    NATS_URL: testInfra.natsUrl,
    REDIS_URL: testInfra.redisUrl,
    EVENT_NAMESPACE: names.namespace,
    QUEUE_PREFIX: names.queuePrefix,
    ADMIN_PASSWORD,
    // Tests reach the app from 127.0.0.1 and play the client behind a proxy with X-Forwarded-For.
    TRUSTED_PROXIES: '127.0.0.1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const nc = await connect({ servers: testInfra.natsUrl });
  await provisionMessaging(await nc.jetstreamManager(), { namespace: names.namespace });
  await nc.close();
  const app = await createServiceApp(GatewayModule.forRoot(config, clock), {
    service: 'gateway',
    logLevel: shared.logs
      ? 'debug'
      : ((process.env.GATEWAY_TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent'),
    logDestination: shared.logs,
    // The namespace the gateway's config names (a test may pass its own through env).
    namespace: config.EVENT_NAMESPACE,
    rpc: true,
    trustProxy: config.TRUSTED_PROXIES.length ? config.TRUSTED_PROXIES : false,
  });
  await configureGatewayApp(app, config);
  await startServiceApp(app, '127.0.0.1', 0);
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    clock,
    config,
    names,
    db: app.get<DataSource>(getDataSourceToken()),
    close: () => app.close(),
  };
}

export { call, type Answer, type Tokens } from '@daiban/testing';

export const login = (gw: Gateway, username: string, password = USER_PASSWORD, ip?: string) =>
  loginAt(gw, username, password, ip);

/** Creates a user directly through the service (fixtures); returns its id. */
export async function createUser(
  gw: Gateway,
  username: string,
  role: Role,
  scope: Scope,
  extra: { phone?: string; email?: string } = {},
): Promise<string> {
  const user = await gw.app.get(UsersService).create({
    username,
    displayName: `测试 ${username}`,
    role,
    scope,
    phone: extra.phone ?? null,
    email: extra.email ?? null,
    password: USER_PASSWORD,
  });
  return user.id;
}
/** One user of each role, in two different places, for scope and access tests. */
export const FIXTURE_USERS: Array<{ username: string; role: Role; scope: Scope }> = [
  { username: 'admin2', role: 'admin', scope: { kind: 'city' } },
  { username: 'director_a', role: 'center_director', scope: { kind: 'park', parkId: 'park-a' } },
  { username: 'agent_a', role: 'agent', scope: { kind: 'park', parkId: 'park-a' } },
  { username: 'agent_b', role: 'agent', scope: { kind: 'park', parkId: 'park-b' } },
  {
    username: 'officer_a',
    role: 'department_officer',
    scope: { kind: 'department', departmentCode: 'fgj', countyCode: '440803' },
  },
  { username: 'enterprise_a', role: 'enterprise', scope: { kind: 'enterprise', enterpriseId: 'ent-a' } },
  { username: 'enterprise_b', role: 'enterprise', scope: { kind: 'enterprise', enterpriseId: 'ent-b' } },
  { username: 'leader_county', role: 'leader', scope: { kind: 'county', countyCode: '440803' } },
  { username: 'leader_city', role: 'leader', scope: { kind: 'city' } },
  { username: 'auditor1', role: 'auditor', scope: { kind: 'none' } },
];
