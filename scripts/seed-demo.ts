import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@daiban/config';
import { buildDataSourceOptions, ensureDatabase, runMigrationsLocked } from '@daiban/database';
import { MESSAGING_ENTITIES, MessagingTables1764201600000 } from '@daiban/messaging';
import { gatewayEnv } from '../apps/gateway/src/config';
import { GATEWAY_MIGRATIONS } from '../apps/gateway/src/migrations';
import { PasswordHasher } from '../apps/gateway/src/identity/password-hasher.service';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '../apps/gateway/src/identity/demo-seed';

/**
 * `npm run seed:demo` (= `node dist/scripts/seed-demo.js` after `npm run build`): one demo user of
 * every role in the gateway's schema; safe to run again. Parks and enterprises are seeded by the
 * registry under the ids listed in DEMO_PLACES.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(gatewayEnv, 'seed-demo');
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = await new DataSource(
    buildDataSourceOptions({
      url: config.DATABASE_URL,
      schema: config.DB_SCHEMA,
      entities: MESSAGING_ENTITIES,
      migrations: [MessagingTables1764201600000, ...GATEWAY_MIGRATIONS],
      applicationName: 'seed-demo',
    }),
  ).initialize();
  try {
    await runMigrationsLocked(dataSource, config.DB_SCHEMA);
    const seeded = await seedDemoUsers(dataSource, new PasswordHasher(), new Date(), {
      username: config.ADMIN_USERNAME,
      password: config.ADMIN_PASSWORD,
    });
    process.stdout.write(`demo users (password ${DEMO_PASSWORD}):\n`);
    for (const user of DEMO_USERS.filter((u) => seeded.includes(u.username)))
      process.stdout.write(
        `  ${user.username.padEnd(20)} ${user.role.padEnd(18)} ${JSON.stringify(user.scope)}\n`,
      );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed-demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
