import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect, type NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { ManualClock } from '@daiban/calendar';
import {
  CONSUMERS,
  projectRegistered,
  workflowCaseGetByProject,
  namespacedSubject,
  type Caller,
  type EventDefinition,
  type ProjectSnapshot,
  type RpcDefinition,
  type RpcRequest,
  type RpcResponse,
} from '@daiban/contracts';
import { RpcClient, createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, pollUntil, testInfra, testNames } from '@daiban/testing';
import { workflowEnv } from '../src/config';
import { WorkflowModule } from '../src/workflow.module';

export interface WorkflowHarness {
  app: NestFastifyApplication;
  clock: ManualClock;
  db: DataSource;
  nc: NatsConnection;
  /** The service's private DATA_DIR (blobs under `blobs/`), removed on close. */
  dataDir: string;
  namespace: string;
  call<D extends RpcDefinition>(def: D, data: RpcRequest<D>, caller: Caller | null): Promise<RpcResponse<D>>;
  /** Writes a registry event to JetStream as the registry's relay would; `msgId` defaults to the event id. */
  publish(def: EventDefinition, payload: unknown, options?: { id?: string; msgId?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real workflow service on the shared PostgreSQL and NATS, in a private database and namespace. */
export async function startWorkflow(
  start: string,
  env: Record<string, string> = {},
): Promise<WorkflowHarness> {
  const names = testNames();
  const dataDir = join(tmpdir(), `daiban-${names.key}`);
  const nc = await connect({ servers: testInfra.natsUrl });
  await provisionMessaging(await nc.jetstreamManager(), { namespace: names.namespace, consumers: CONSUMERS });
  const clock = new ManualClock(start);
  const config = workflowEnv.parse({
    DATABASE_URL: databaseUrl(names.database),
    NATS_URL: testInfra.natsUrl,
    EVENT_NAMESPACE: names.namespace,
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  const app = await createServiceApp(WorkflowModule.forRoot(config, clock), {
    service: 'workflow',
    logLevel: (process.env.TEST_LOG as 'silent') ?? 'silent',
    namespace: names.namespace,
    rpc: true,
  });
  await app.init();
  await app.startAllMicroservices();
  const rpc = app.get(RpcClient);
  const js = nc.jetstream();
  return {
    app,
    clock,
    nc,
    dataDir,
    namespace: names.namespace,
    db: app.get<DataSource>(getDataSourceToken()),
    call: (def, data, caller) =>
      rpc.call(def, data, { caller, timeoutMs: Math.max(def.timeoutMs ?? 0, 10_000) }),
    async publish(def, payload, options = {}) {
      const id = options.id ?? randomUUID();
      const envelope = {
        id,
        type: def.type,
        version: def.version,
        occurredAt: clock.now().toISOString(),
        aggregateId: (payload as { project?: { projectId?: string } }).project?.projectId ?? id,
        aggregateVersion: (payload as { project?: { version?: number } }).project?.version ?? 1,
        actor: { userId: null, role: 'system' },
        correlationId: `test-${id}`,
        causationId: null,
        payload,
      };
      await js.publish(namespacedSubject(names.namespace, def.subject), JSON.stringify(envelope), {
        msgID: options.msgId ?? id,
      });
      return id;
    },
    async close() {
      await app.close();
      await nc.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function projectSnapshot(overrides: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return {
    projectId: `prj-${randomUUID()}`,
    version: 1,
    name: '湛江某新材料产业园项目',
    projectCode: '2026-440811-30-03-123456',
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
      signedOn: '2026-01-10',
      landAcquiredOn: null,
      constructionStartOn: '2026-06-30',
      productionStartOn: null,
    },
    serviceTier: null,
    responsibleUserId: null,
    responsibleDepartmentCode: null,
    attributes: {},
    ...overrides,
  };
}

export const callers = {
  admin: { userId: 'admin-1', role: 'admin', scope: { kind: 'city' } },
  director: { userId: 'director-1', role: 'center_director', scope: { kind: 'park', parkId: 'park-1' } },
  agent: { userId: 'agent-1', role: 'agent', scope: { kind: 'park', parkId: 'park-1' } },
  otherAgent: { userId: 'agent-2', role: 'agent', scope: { kind: 'park', parkId: 'park-1' } },
  enterprise: {
    userId: 'ent-user-1',
    role: 'enterprise',
    scope: { kind: 'enterprise', enterpriseId: 'ent-1' },
  },
  leader: { userId: 'leader-1', role: 'leader', scope: { kind: 'city' } },
  auditor: { userId: 'auditor-1', role: 'auditor', scope: { kind: 'none' } },
  housing: {
    userId: 'zjj-1',
    role: 'department_officer',
    scope: { kind: 'department', departmentCode: 'zjj', countyCode: '440811' },
  },
  ecology: {
    userId: 'sthj-1',
    role: 'department_officer',
    scope: { kind: 'department', departmentCode: 'sthj', countyCode: '440811' },
  },
  otherPark: { userId: 'agent-9', role: 'agent', scope: { kind: 'park', parkId: 'park-9' } },
  otherEnterprise: {
    userId: 'ent-user-2',
    role: 'enterprise',
    scope: { kind: 'enterprise', enterpriseId: 'ent-2' },
  },
} satisfies Record<string, Caller>;

/** Registers a project through the registry's event and waits until the workflow has its case. */
export async function registeredProject(h: WorkflowHarness, overrides: Partial<ProjectSnapshot> = {}) {
  const project = projectSnapshot(overrides);
  await h.publish(projectRegistered, { project });
  const kase = await pollUntil(() =>
    h.call(workflowCaseGetByProject, { projectId: project.projectId }, callers.admin),
  );
  return { project, kase };
}
