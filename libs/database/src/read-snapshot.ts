import type { DataSource, EntityManager } from 'typeorm';

/**
 * A read-only REPEATABLE READ transaction opened in one statement: TypeORM's `transaction('REPEATABLE
 * READ', …)` sends `START TRANSACTION` and `SET TRANSACTION ISOLATION LEVEL` as two round trips, a seventh
 * of a case read (bench B1).
 */
export async function readSnapshot<T>(
  db: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let result: T;
    try {
      result = await work(runner.manager);
    } catch (error) {
      await runner.query('ROLLBACK');
      throw error;
    }
    await runner.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}
