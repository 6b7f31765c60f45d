import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { loadConfigOrExit } from '@daiban/config';
import { buildDataSourceOptions, ensureDatabase, runMigrationsLocked } from '@daiban/database';
import { MESSAGING_ENTITIES, MessagingTables1764201600000 } from '@daiban/messaging';
import { registryEnv } from '../apps/registry/src/config';
import { REGISTRY_MIGRATIONS } from '../apps/registry/src/migrations';
import { seedSyntheticProjects } from '../apps/registry/src/seeding/synthetic-projects.seeder';

/**
 * `node dist/scripts/seed-projects.js [count] [seed]` (or SEED_COUNT / SEED_VALUE): loads synthetic
 * projects and their registration events into the registry's schema for benchmarks. Deterministic per
 * seed; re-running with the same seed adds nothing. The relay publishes the events when the registry runs.
 */
async function main(): Promise<void> {
  const env = loadConfigOrExit(
    registryEnv.extend({
      SEED_COUNT: z.coerce
        .number()
        .int()
        .min(1)
        .max(5_000_000)
        .default(Number(process.argv[2] ?? 10000)),
      SEED_VALUE: z.coerce
        .number()
        .int()
        .min(0)
        .default(Number(process.argv[3] ?? 1)),
    }),
    'seed-projects',
  );
  await ensureDatabase(env.DATABASE_URL);
  const db = await new DataSource(
    buildDataSourceOptions({
      url: env.DATABASE_URL,
      schema: env.DB_SCHEMA,
      entities: MESSAGING_ENTITIES,
      migrations: [MessagingTables1764201600000, ...REGISTRY_MIGRATIONS],
      applicationName: 'seed-projects',
    }),
  ).initialize();
  try {
    await runMigrationsLocked(db, env.DB_SCHEMA);
    const started = performance.now();
    const inserted = await seedSyntheticProjects(db, {
      count: env.SEED_COUNT,
      seed: env.SEED_VALUE,
      thresholds: {
        agencyWan: env.REGISTRY_AGENCY_THRESHOLD_WAN,
        taskForceWan: env.REGISTRY_TASK_FORCE_THRESHOLD_WAN,
      },
      at: new Date('2026-01-05T01:00:00Z'),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `seeded ${inserted} of ${env.SEED_COUNT} projects (seed ${env.SEED_VALUE}) in ${seconds.toFixed(1)} s\n`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed-projects failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
