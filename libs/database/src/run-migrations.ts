import type { DataSource } from 'typeorm';

/** A stable 64-bit lock key per schema, so two replicas starting together migrate one at a time. */
export function migrationLockKey(schema: string): string {
  let hash = 0n;
  for (const ch of `daiban.migrations.${schema}`)
    hash = (hash * 31n + BigInt(ch.codePointAt(0)!)) & 0x7fffffffffffffffn;
  return hash.toString();
}

/**
 * TypeORM has no cross-process migration lock: hold a session-level advisory lock on one
 * connection while the migrations run on the others.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists, so a
    // least-privilege service role (deploy/) only tries when the schema is really missing.
    const [{ exists }] = await runner.query(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists`,
      [schema],
    );
    if (!exists) {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: { code?: string }) => {
        // 23505/42P06: another replica created it between our check and our create.
        if (error.code !== '23505' && error.code !== '42P06') throw error;
      });
    }
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLockKey(schema)]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey(schema)]);
    }
  } finally {
    await runner.release();
  }
}
