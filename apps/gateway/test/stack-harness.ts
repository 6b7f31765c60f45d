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
import { bootGateway, type Gateway } from './gateway-harness';

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
  options: { workflow?: boolean; start?: string; env?: Record<string, string> } = {},
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
  const gw = await bootGateway(options.env ?? {}, { names, clock });
  const apps: INestApplication[] = [];
  const base = {
    DATABASE_URL: databaseUrl(names.database),
    NATS_URL: testInfra.natsUrl,
    EVENT_NAMESPACE: names.namespace,
    LOG_LEVEL: 'silent',
  };
  const services = [
    { service: 'registry', module: RegistryModule.forRoot(registryEnv.parse(base), clock) },
    ...(options.workflow
      ? [{ service: 'workflow', module: WorkflowModule.forRoot(workflowEnv.parse(base), clock) }]
      : []),
  ];
  try {
    for (const { service, module } of services) {
      const app = await createServiceApp(module, {
        service,
        logLevel: (process.env.GATEWAY_TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
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
    },
  };
}
