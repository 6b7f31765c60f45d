import { z } from 'zod';

const urlWithScheme = (schemes: string[], example: string) =>
  z.string().refine(
    (value) =>
      value.split(',').every((part) => {
        try {
          return schemes.includes(new URL(part.trim()).protocol.replace(':', ''));
        } catch {
          return false;
        }
      }),
    { message: `expected a ${schemes.map((s) => `${s}://`).join(' or ')} URL, e.g. ${example}` },
  );

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a TCP port number' })
    .int('expected a TCP port number')
    .min(1, 'expected a TCP port number (1-65535)')
    .max(65535, 'expected a TCP port number (1-65535)')
    .default(fallback);

const positiveMs = (fallback: number) =>
  z.coerce
    .number({ message: 'expected milliseconds' })
    .int()
    .positive('expected a positive number of milliseconds')
    .default(fallback);

/** Variables every app reads; with none set, everything runs against the default local ports. */
export const baseEnvShape = {
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { message: 'expected one of development, test, production' })
    .default('development'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DATABASE_URL: urlWithScheme(
    ['postgres', 'postgresql'],
    'postgres://postgres@127.0.0.1:5432/daiban',
  ).default('postgres://postgres@127.0.0.1:5432/daiban'),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'expected a pool size' }).int().min(1).max(100).default(10),
  NATS_URL: urlWithScheme(['nats', 'tls'], 'nats://127.0.0.1:4222').default('nats://127.0.0.1:4222'),
  REDIS_URL: urlWithScheme(['redis', 'rediss'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
  EVENT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]{0,32}$/, 'expected lowercase letters, digits or _ (at most 32), or empty')
    .default(''),
  RPC_TIMEOUT_MS: positiveMs(5000),
  SHUTDOWN_TIMEOUT_MS: positiveMs(10000),
  HOST: z.string().default('127.0.0.1'),
};

export const serviceEnv = (app: string, defaultPort: number) =>
  z.object({
    ...baseEnvShape,
    PORT: port(defaultPort),
    DB_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a PostgreSQL schema name (lowercase, digits, _)')
      .default(app),
  });

export { port, positiveMs, urlWithScheme };
