import { createHash } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

interface PooledClient extends PgClient {
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
  release(error?: Error): void;
}

/** TypeORM's PostgresDriver keeps its pg Pool here. */
type WithPool = { driver: { master?: { connect(): Promise<PooledClient> } } };

const names = new Map<string, string>();

/**
 * Runs `text` as a named prepared statement on the manager's connection (its transaction's, or one taken
 * from the pool for this statement): PostgreSQL parses and plans it once per connection rather than on
 * every call. For a statement of several subqueries the planning costs more than the execution — a case
 * read with 23 items took 7.8 ms unnamed and 2.3 ms prepared, same connection, same data. Meant for a
 * fixed text with `$n` parameters: a text built from values would prepare a new statement each time.
 *
 * Not for a statement whose plan depends on a table's size while that table grows: after five executions
 * PostgreSQL may keep a generic plan, made with the statistics of the moment, until an ANALYZE of the
 * table invalidates it (never, with autovacuum off). Reporting's item projection prepared this way, on a
 * read model that grew from empty under bench B4, caught up 4× slower (218 s against 50 s) with 3.6× the
 * PostgreSQL CPU per event; a lookup by primary key or an insert has no such choice.
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  text: string,
  params: unknown[],
): Promise<T[]> {
  let name = names.get(text);
  if (name === undefined) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  const run = async (client: PgClient) => {
    try {
      return (await client.query({ name, text, values: params })).rows as T[];
    } catch (error) {
      throw new QueryFailedError(text, params, error as Error);
    }
  };
  // Outside a transaction: a connection from the pool for this statement, as a QueryRunner made for it
  // would take, without the QueryRunner's own work (a few % of a case read, bench B1).
  const pool = manager.queryRunner ? undefined : (manager.connection as unknown as WithPool).driver.master;
  if (pool) {
    // While checked out a client has no listener of the pool's, and pg emits 'error' when its connection
    // ends (a PostgreSQL restart, a terminated backend) even though the running query is rejected too:
    // unheard, that event stopped the whole process (chaos: workflow died in PostgreSQL's restart).
    const client = await pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      return await run(client);
    } catch (error) {
      // A FATAL error (a terminated backend) rejects the statement before the connection's end arrives:
      // given back, the client would fail its next caller. A client that failed is not reused.
      broken ??= error as Error;
      throw error;
    } finally {
      client.removeListener('error', onError);
      // With an error the pool destroys the client instead of keeping it idle.
      client.release(broken);
    }
  }
  const own = manager.queryRunner ? null : manager.connection.createQueryRunner();
  try {
    return await run((await (manager.queryRunner ?? own!).connect()) as PgClient);
  } finally {
    await own?.release();
  }
}
