/**
 * TypeORM's `query()` on PostgreSQL answers UPDATE and DELETE with `[rows, affectedCount]` but INSERT and
 * SELECT with plain rows; this gives the rows of any of them.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
