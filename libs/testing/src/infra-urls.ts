/** The shared services tests run against; the same variables the apps read. */
export const testInfra = {
  adminDatabaseUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

export function databaseUrl(database: string): string {
  const url = new URL(testInfra.adminDatabaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
