import { Client } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { databaseUrl, testNames } from '@daiban/testing';
import { buildDataSourceOptions, ensureDatabase, runMigrationsLocked } from '../src';

/** Slow on purpose, so two replicas starting together really overlap. */
class CreateThings1764201700000 implements MigrationInterface {
  name = 'CreateThings1764201700000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pg_sleep(0.3)`);
    await q.query(`CREATE TABLE things (id int PRIMARY KEY)`);
    await q.query(`INSERT INTO things VALUES (1)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE things`);
  }
}

describe('database bootstrap', () => {
  const names = testNames();
  const url = databaseUrl(names.database);

  it('creates the missing database once, even when replicas race for it', async () => {
    await Promise.all([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.end();
  });

  it('runs migrations once when two replicas start together, each in its own schema', async () => {
    const replicas = [0, 1].map(
      () =>
        new DataSource(
          buildDataSourceOptions({
            url,
            schema: 'locktest',
            entities: [],
            migrations: [CreateThings1764201700000],
          }),
        ),
    );
    await Promise.all(replicas.map((ds) => ds.initialize()));
    try {
      const applied = await Promise.all(replicas.map((ds) => runMigrationsLocked(ds, 'locktest')));
      expect(applied.flat()).toEqual(['CreateThings1764201700000']);
      const [{ schema }] = await replicas[0].query(
        `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'things'`,
      );
      expect(schema).toBe('locktest');
      const rows = await replicas[1].query(`SELECT count(*)::int AS n FROM migrations`);
      expect(rows[0].n).toBe(1);
    } finally {
      await Promise.all(replicas.map((ds) => ds.destroy()));
    }
  });
});
