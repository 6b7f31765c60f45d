import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect } from 'nats';
import type { DataSource } from 'typeorm';
import type { Caller, RpcDefinition, RpcRequest, RpcResponse } from '@daiban/contracts';
import { ManualClock } from '@daiban/calendar';
import { RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, testInfra, testNames, type TestNames } from '@daiban/testing';
import { registryEnv } from '../src/config';
import { RegistryModule } from '../src/registry.module';

export interface RegistryHarness {
  app: NestFastifyApplication;
  names: TestNames;
  clock: ManualClock;
  db: DataSource;
  call<D extends RpcDefinition>(def: D, data: RpcRequest<D>, caller: Caller | null): Promise<RpcResponse<D>>;
  close(): Promise<void>;
}

/** The registry as it runs in production, on a private database and NATS namespace, with a hand-set clock. */
export async function startRegistry(env: Record<string, string> = {}): Promise<RegistryHarness> {
  const names = testNames();
  const nc = await connect({ servers: testInfra.natsUrl });
  try {
    await provisionMessaging(await nc.jetstreamManager(), { namespace: names.namespace, consumers: [] });
  } finally {
    await nc.close();
  }
  const config = registryEnv.parse({
    DATABASE_URL: databaseUrl(names.database),
    EVENT_NAMESPACE: names.namespace,
    NATS_URL: testInfra.natsUrl,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  const app = await createServiceApp(RegistryModule.forRoot(config, clock), {
    service: 'registry',
    logLevel: 'silent',
    namespace: names.namespace,
    rpc: true,
  });
  await app.init();
  await app.startAllMicroservices();
  const rpc = app.get(RpcClient);
  return {
    app,
    names,
    clock,
    db: app.get<DataSource>(getDataSourceToken()),
    call: (def, data, caller) => rpc.call(def, data, { caller }),
    close: () => app.close(),
  };
}

export const callers = {
  agent: (parkId: string): Caller => ({
    userId: `agent-${parkId}`,
    role: 'agent',
    scope: { kind: 'park', parkId },
  }),
  director: (parkId: string): Caller => ({
    userId: `director-${parkId}`,
    role: 'center_director',
    scope: { kind: 'park', parkId },
  }),
  enterprise: (enterpriseId: string): Caller => ({
    userId: `ent-user-${enterpriseId.slice(0, 8)}`,
    role: 'enterprise',
    scope: { kind: 'enterprise', enterpriseId },
  }),
  countyLeader: (countyCode: string): Caller => ({
    userId: `leader-${countyCode}`,
    role: 'leader',
    scope: { kind: 'county', countyCode },
  }),
  cityLeader: (): Caller => ({ userId: 'leader-city', role: 'leader', scope: { kind: 'city' } }),
  admin: (): Caller => ({ userId: 'admin-1', role: 'admin', scope: { kind: 'city' } }),
  auditor: (): Caller => ({ userId: 'auditor-1', role: 'auditor', scope: { kind: 'none' } }),
  officer: (): Caller => ({
    userId: 'officer-1',
    role: 'department_officer',
    scope: { kind: 'department', departmentCode: 'fgj', countyCode: null },
  }),
};

export { creditCode } from '@daiban/testing';

export async function outboxRows(db: DataSource, subject?: string) {
  const rows: Array<{
    subject: string;
    envelope: { aggregateId: string; aggregateVersion: number; payload: never };
  }> = await db.query(
    `SELECT subject, envelope FROM outbox ${subject ? 'WHERE subject = $1' : ''} ORDER BY created_at`,
    subject ? [subject] : [],
  );
  return rows;
}
