import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { connect } from 'nats';
import { ManualClock } from '@daiban/calendar';
import { CONSUMERS } from '@daiban/contracts';
import { createServiceApp, provisionMessaging } from '@daiban/messaging';
import { databaseUrl, testInfra, testNames } from '@daiban/testing';
import { registryEnv } from '../../registry/src/config';
import { RegistryModule } from '../../registry/src/registry.module';
import { workflowEnv } from '../../workflow/src/config';
import { WorkflowModule } from '../../workflow/src/workflow.module';
import { notificationsEnv } from '../../notifications/src/config';
import { NotificationsModule } from '../../notifications/src/notifications.module';
import { reportingEnv } from '../../reporting/src/config';
import { ReportingModule } from '../../reporting/src/reporting.module';
import { bootGateway, type Gateway, type LogSink } from './gateway-harness';

export interface Stack {
  gw: Gateway;
  clock: ManualClock;
  close(): Promise<void>;
}

/**
 * The gateway with the services behind it, as they run in production: one test database (a schema
 * per service), one NATS namespace, one hand-set clock. Booted one after another so the first
 * creates the database alone.
 */
export async function bootStack(
  options: {
    workflow?: boolean;
    /** Notifications (its BullMQ workers under the test's queue prefix) and reporting: every service. */
    all?: boolean;
    start?: string;
    env?: Record<string, string>;
    /** Extra environment of one service behind the gateway (`env` is the gateway's). */
    serviceEnv?: Partial<
      Record<'registry' | 'workflow' | 'notifications' | 'reporting', Record<string, string>>
    >;
    /** Every app logs at debug level into this sink instead of staying silent. */
    logs?: LogSink;
  } = {},
): Promise<Stack> {
  const names = testNames();
  const clock = new ManualClock(options.start ?? '2026-03-02T01:00:00Z');
  const nc = await connect({ servers: testInfra.natsUrl });
  try {
    // The durable consumers the services wait for at start (in production `npm run provision` does this).
    await provisionMessaging(await nc.jetstreamManager(), {
      namespace: names.namespace,
      consumers: CONSUMERS,
    });
  } finally {
    await nc.close();
  }
  // Uploads are staged by the gateway and registered by the workflow in one shared folder.
  const dataDir = options.all ? await mkdtemp(join(tmpdir(), 'daiban-stack-')) : undefined;
  const files: Record<string, string> = dataDir ? { DATA_DIR: dataDir } : {};
  const gw = await bootGateway({ ...files, ...options.env }, { names, clock, logs: options.logs });
  const apps: INestApplication[] = [];
  const base = {
    DATABASE_URL: databaseUrl(names.database),
    NATS_URL: testInfra.natsUrl,
    EVENT_NAMESPACE: names.namespace,
    LOG_LEVEL: 'silent',
  };
  const extra = options.serviceEnv ?? {};
  const services = [
    {
      service: 'registry',
      module: RegistryModule.forRoot(registryEnv.parse({ ...base, ...extra.registry }), clock),
    },
    ...(options.workflow || options.all
      ? [
          {
            service: 'workflow',
            module: WorkflowModule.forRoot(
              workflowEnv.parse({ ...base, ...files, ...extra.workflow }),
              clock,
            ),
          },
        ]
      : []),
    ...(options.all
      ? [
          {
            service: 'notifications',
            module: NotificationsModule.forRoot(
              notificationsEnv.parse({
                ...base,
                REDIS_URL: testInfra.redisUrl,
                QUEUE_PREFIX: names.queuePrefix,
                REMINDER_SWEEP_EVERY_MS: '3600000',
                ...extra.notifications,
              }),
              clock,
            ),
          },
          {
            service: 'reporting',
            module: ReportingModule.forRoot(reportingEnv.parse({ ...base, ...extra.reporting }), clock),
          },
        ]
      : []),
  ];
  try {
    for (const { service, module } of services) {
      const app = await createServiceApp(module, {
        service,
        logLevel: options.logs
          ? 'debug'
          : ((process.env.GATEWAY_TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent'),
        logDestination: options.logs,
        namespace: names.namespace,
        rpc: true,
      });
      apps.push(app);
      await app.init();
      await app.startAllMicroservices();
    }
  } catch (error) {
    for (const app of apps.reverse()) await app.close();
    await gw.close();
    throw error;
  }
  return {
    gw,
    clock,
    async close() {
      for (const app of apps.reverse()) await app.close();
      await gw.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
