import 'reflect-metadata';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { CONSUMERS } from '@daiban/contracts';
import { loadConfigOrExit } from '@daiban/config';
import { buildDataSourceOptions, ensureDatabase, runMigrationsLocked } from '@daiban/database';
import { MESSAGING_ENTITIES, MessagingTables1764201600000 } from '@daiban/messaging';
import { reportingEnv } from '../apps/reporting/src/config';
import { REPORTING_MIGRATIONS } from '../apps/reporting/src/migrations';
import { ApprovalsProjection } from '../apps/reporting/src/projections/approvals.projection';
import { ItemReplayProjection } from '../apps/reporting/src/projections/item-replay.projection';
import { IdentityProjection } from '../apps/reporting/src/projections/identity.projection';
import { NotificationsProjection } from '../apps/reporting/src/projections/notifications.projection';
import { RegistryProjection } from '../apps/reporting/src/projections/registry.projection';
import { SupervisionOrdersProjection } from '../apps/reporting/src/projections/supervision-orders.projection';
import { collectHandlers, rebuildReadModels } from '../apps/reporting/src/rebuild/rebuild.service';
import { reportingCalendar } from '../apps/reporting/src/reporting.module';

/**
 * `npm run reporting:rebuild`: empties reporting's read models and replays its streams (PROJECTS, APPROVALS,
 * NOTIFICATIONS, IDENTITY) from their first message through the live handlers, printing progress. Safe
 * while the reporting service runs (see rebuildReadModels); targets and stored exports are kept.
 */
async function main(): Promise<void> {
  const env = loadConfigOrExit(reportingEnv, 'reporting-rebuild');
  await ensureDatabase(env.DATABASE_URL);
  const db = await new DataSource(
    buildDataSourceOptions({
      url: env.DATABASE_URL,
      schema: env.DB_SCHEMA,
      entities: MESSAGING_ENTITIES,
      migrations: [MessagingTables1764201600000, ...REPORTING_MIGRATIONS],
      applicationName: 'reporting-rebuild',
    }),
  ).initialize();
  const nc = await connect({
    servers: env.NATS_URL.split(','),
    name: 'daiban-reporting-rebuild',
    timeout: 10_000,
  });
  try {
    await runMigrationsLocked(db, env.DB_SCHEMA);
    const calendar = reportingCalendar();
    const handlers = collectHandlers([
      new RegistryProjection(),
      new ApprovalsProjection(calendar),
      new NotificationsProjection(new SupervisionOrdersProjection()),
      new IdentityProjection(),
    ]);
    const started = performance.now();
    const results = await rebuildReadModels({
      db,
      nc,
      namespace: env.EVENT_NAMESPACE,
      consumers: CONSUMERS.filter((c) => c.service === 'reporting'),
      handlerFor: (subject) => handlers.get(subject),
      batches: [new ItemReplayProjection(calendar)],
      progress: (line) => process.stdout.write(`${line}\n`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    process.stdout.write(
      `rebuild finished in ${seconds} s${failed ? `, ${failed} events failed (see dead_letters)` : ''}\n`,
    );
    if (failed) process.exitCode = 2;
  } finally {
    await nc.drain();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `reporting-rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
