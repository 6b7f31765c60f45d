import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { databaseUrl, pollUntil, testNames } from '@daiban/testing';
import { buildDataSourceOptions, ensureDatabase, preparedQuery } from '../src';

describe('preparedQuery outside a transaction', () => {
  const url = databaseUrl(testNames().database);
  let db: DataSource;
  let admin: Client;

  beforeAll(async () => {
    await ensureDatabase(url);
    db = new DataSource(
      buildDataSourceOptions({
        url,
        schema: 'public',
        entities: [],
        migrations: [],
        applicationName: 'pq-test',
      }),
    );
    await db.initialize();
    admin = new Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.destroy();
  });

  it('answers from a prepared statement on a pooled connection', async () => {
    for (let i = 0; i < 3; i++) {
      const rows = await preparedQuery<{ n: number }>(db.manager, 'SELECT $1::int + 1 AS n', [i]);
      expect(rows).toEqual([{ n: i + 1 }]);
    }
  });

  it('a connection lost mid-statement rejects the call, keeps the process alive and leaves the pool usable', async () => {
    const sleeping = preparedQuery(db.manager, 'SELECT pg_sleep($1::float8)', [30]);
    const outcome = sleeping.then(
      () => 'answered',
      (error: unknown) => error,
    );
    // PostgreSQL ends the backend as a restart would: the client gets an error and its connection ends.
    const pid = await pollUntil(
      async () => {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE application_name = 'pq-test' AND query LIKE 'SELECT pg_sleep%' AND state = 'active'`,
        );
        return rows[0]?.pid ?? null;
      },
      { timeoutMs: 10_000, message: 'the statement runs' },
    );
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const error = await outcome;
    expect(error).toBeInstanceOf(QueryFailedError);
    // The pool's next connection is a new one, and the statement is prepared on it again.
    const rows = await preparedQuery<{ n: number }>(db.manager, 'SELECT $1::int + 1 AS n', [41]);
    expect(rows).toEqual([{ n: 42 }]);
    const { rows: left } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid]);
    expect(left).toEqual([]);
  });
});
