import { z } from 'zod';
import { serviceEnv } from '@daiban/config';
import type { PasswordPolicy } from '@daiban/auth';

/**
 * Development defaults, documented in the README so a fresh checkout runs with no setup.
 * Production refuses to start without real values (and refuses these very values).
 */
export const DEV_JWT_SECRET = 'daiban-dev-only-jwt-secret-do-not-use-in-production';
export const DEV_ADMIN_PASSWORD = 'Daiban@Admin2026';

const list = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ message: 'expected a whole number' }).int().min(1).max(max).default(fallback);
const nonNegativeInt = (fallback: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int().min(0).default(fallback);
const flag = z.enum(['true', 'false', 'auto'], { message: 'expected true, false or auto' }).default('auto');

export const gatewayEnv = serviceEnv('gateway', 3000)
  .extend({
    JWT_SECRET: z.string().min(32, 'expected at least 32 characters of secret').optional(),
    JWT_ISSUER: z.string().min(1).default('daiban-gateway'),
    JWT_AUDIENCE: z.string().min(1).default('daiban-api'),
    /** ASVS: access tokens live at most 15 minutes. */
    ACCESS_TOKEN_TTL_SECONDS: positiveInt(900, 900),
    SESSION_IDLE_TIMEOUT_MINUTES: positiveInt(30),
    SESSION_ABSOLUTE_LIFETIME_HOURS: positiveInt(12),
    STREAM_TICKET_TTL_SECONDS: positiveInt(60, 300),
    PASSWORD_MIN_LENGTH: positiveInt(8, 64),
    PASSWORD_MIN_CLASSES: positiveInt(3, 4),
    PASSWORD_MAX_AGE_DAYS_STAFF: nonNegativeInt(180),
    PASSWORD_MAX_AGE_DAYS_ENTERPRISE: nonNegativeInt(0),
    LOCKOUT_THRESHOLD: positiveInt(5),
    LOCKOUT_MINUTES: positiveInt(15),
    LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt(20),
    API_RATE_LIMIT_PER_MINUTE: positiveInt(600),
    ADMIN_USERNAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,64}$/)
      .default('admin'),
    ADMIN_PASSWORD: z.string().min(8).optional(),
    /** Addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed; empty = none. */
    TRUSTED_PROXIES: list,
    /** Origins allowed by CORS; empty = no cross-origin access (the web app is served same-origin). */
    CORS_ORIGINS: list,
    /** OpenAPI at /api/docs; `auto` = on except in production. */
    API_DOCS_ENABLED: flag,
    /** The built web app (`npm run build:web`), served at `/` when the folder holds an index.html. */
    WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),
    /** Shared with the workflow (a shared volume in production): uploads are staged in `<DATA_DIR>/blobs`. */
    DATA_DIR: z.string().min(1).default('.data'),
    /** BullMQ key prefix shared with the notifications service, which owns the queues. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/)
      .default('bull'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET || env.JWT_SECRET === DEV_JWT_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'required in production: a random secret of at least 32 characters',
      });
    if (!env.ADMIN_PASSWORD || env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'required in production: the first administrator password',
      });
  })
  .transform((env) => ({
    ...env,
    JWT_SECRET: env.JWT_SECRET ?? DEV_JWT_SECRET,
    ADMIN_PASSWORD: env.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD,
    API_DOCS_ENABLED:
      env.API_DOCS_ENABLED === 'auto' ? env.NODE_ENV !== 'production' : env.API_DOCS_ENABLED === 'true',
  }));
export type GatewayConfig = z.infer<typeof gatewayEnv>;

export function passwordPolicyOf(config: GatewayConfig): PasswordPolicy {
  return {
    minLength: config.PASSWORD_MIN_LENGTH,
    minClasses: config.PASSWORD_MIN_CLASSES,
    maxAgeDaysStaff: config.PASSWORD_MAX_AGE_DAYS_STAFF,
    maxAgeDaysEnterprise: config.PASSWORD_MAX_AGE_DAYS_ENTERPRISE,
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
