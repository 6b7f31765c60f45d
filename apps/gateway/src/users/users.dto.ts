import { z } from 'zod';
import { ROLES, idSchema, scopeSchema } from '@daiban/contracts';
import { PASSWORD_MAX_LENGTH } from '@daiban/auth';

const phone = z.string().regex(/^1[3-9]\d{9}$/, { message: '手机号格式不正确' });
/** Stored lower-cased; the local part of real mailboxes is case-insensitive in practice. */
const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: '电子邮箱格式不正确' }))
  .transform((v) => v.toLowerCase());
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const createUserBody = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: '用户名须为 3–64 位字母、数字、_ . -' }),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  scope: scopeSchema,
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  password,
});

/** Every field optional; `enabled: false` disables, `password` resets. Unknown fields are refused. */
export const updateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(ROLES).optional(),
    scope: scopeSchema.optional(),
    phone: phone.nullable().optional(),
    email: email.nullable().optional(),
    enabled: z.boolean().optional(),
    password: password.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: '至少需要修改一项' });

export const userIdParams = z.strictObject({ id: z.uuid({ message: '用户标识格式不正确' }) });

export const listUsersQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const revealBody = z.strictObject({
  fields: z
    .array(z.enum(['phone', 'email']))
    .min(1)
    .max(2),
  reason: z.string().trim().min(2).max(200),
});

export const userResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope: scopeSchema,
  /** Masked: 138****5678. The full number only through the audited reveal. */
  phone: z.string().nullable(),
  /** Masked: z***@example.com. The full address only through the audited reveal. */
  email: z.string().nullable(),
  enabled: z.boolean(),
  locked: z.boolean(),
  passwordChangedAt: z.iso.datetime(),
  passwordExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserResponse = z.infer<typeof userResponse>;

export const userListResponse = z.object({
  items: z.array(userResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Only the fields asked for. */
export const revealResponse = z.object({
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});

export const meResponse = userResponse.extend({
  session: z.object({ id: z.string(), expiresAt: z.iso.datetime() }),
});

export const changeOwnPasswordBody = z.strictObject({ currentPassword: password, newPassword: password });

export { idSchema };
