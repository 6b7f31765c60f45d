import { Client } from 'pg';
import { removeTestResources } from './cleanup';
import { TEST_DB_PREFIX } from './test-names';
import { testInfra } from './infra-urls';

/** Leaves nothing behind: every database, stream and queue key this run created — and checks it. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.DAIBAN_TEST_RUN;
  if (!run) return;
  await removeTestResources((id) => id === run);
  const client = new Client({ connectionString: testInfra.adminDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${TEST_DB_PREFIX}${run}%`,
    ]);
    if (rows.length) throw new Error(`test databases left behind: ${rows.map((r) => r.datname).join(', ')}`);
  } finally {
    await client.end();
  }
}
