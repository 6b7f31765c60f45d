import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@daiban/config';
import { DomainError, rpcSubject } from '@daiban/contracts';
import { buildDataSourceOptions, ensureDatabase, runMigrationsLocked } from '@daiban/database';
import { MESSAGING_ENTITIES, MessagingTables1764201600000 } from '@daiban/messaging';
import { gatewayEnv } from '../apps/gateway/src/config';
import { GATEWAY_MIGRATIONS } from '../apps/gateway/src/migrations';
import { PasswordHasher } from '../apps/gateway/src/identity/password-hasher.service';
import { DEMO_PASSWORD, demoUsers, seedDemoUsers } from '../apps/gateway/src/identity/demo-seed';
import { DEMO_ENTERPRISES, seedDemoData, type DemoRpc } from '../apps/gateway/src/identity/demo-data';

/**
 * `npm run seed:demo` (= `node dist/scripts/seed-demo.js` after `npm run build`), with the services
 * running: the demo enterprises and projects through the registry's request-reply contracts (the
 * workflow opens the 代办件 of the one over 1亿 from the registry's event), then one demo user of every
 * role in the gateway's schema, scoped to those parks and that enterprise. Safe to run again.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(gatewayEnv, 'seed-demo');
  const nc = await connect({ servers: config.NATS_URL, name: 'seed-demo' });
  const rpc: DemoRpc = {
    async call(def, data, caller) {
      const reply = await nc
        .request(rpcSubject(config.EVENT_NAMESPACE, def.pattern), JSON.stringify({ data, caller }), {
          timeout: def.timeoutMs ?? config.RPC_TIMEOUT_MS,
        })
        .catch((error: Error) => {
          throw new Error(`${def.pattern}: ${error.message} — are the services running (npm start)?`);
        });
      const body = reply.json<{ ok: boolean; data: never; error: never }>();
      if (!body.ok) throw DomainError.fromBody(body.error);
      return body.data;
    },
  };
  let dataSource: DataSource | undefined;
  try {
    const data = await seedDemoData(rpc);
    const demoEnterpriseId = data.enterprises.find((e) => e.name === DEMO_ENTERPRISES[0].name)!.id;
    await ensureDatabase(config.DATABASE_URL);
    dataSource = await new DataSource(
      buildDataSourceOptions({
        url: config.DATABASE_URL,
        schema: config.DB_SCHEMA,
        entities: MESSAGING_ENTITIES,
        migrations: [MessagingTables1764201600000, ...GATEWAY_MIGRATIONS],
        applicationName: 'seed-demo',
      }),
    ).initialize();
    await runMigrationsLocked(dataSource, config.DB_SCHEMA);
    const seeded = await seedDemoUsers(
      dataSource,
      new PasswordHasher(),
      new Date(),
      { username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD },
      demoEnterpriseId,
    );
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out('demo enterprises and projects:');
    for (const e of data.enterprises) out(`  ${e.created ? '+' : '='} ${e.name} (${e.id})`);
    for (const p of data.projects)
      out(
        `  ${p.created ? '+' : '='} ${p.name}${p.agencyRequired ? ' [代办]' : ''}${p.greenChannel ? ' [绿色通道]' : ''} (${p.id})`,
      );
    out(`demo users (password ${DEMO_PASSWORD}):`);
    for (const user of demoUsers(demoEnterpriseId).filter((u) => seeded.includes(u.username)))
      out(`  ${user.username.padEnd(20)} ${user.role.padEnd(18)} ${JSON.stringify(user.scope)}`);
  } finally {
    await dataSource?.destroy();
    await nc.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed-demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
