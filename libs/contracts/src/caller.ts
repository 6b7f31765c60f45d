import { z } from 'zod';

export const ROLES = [
  'admin',
  'center_director',
  'agent',
  'department_officer',
  'enterprise',
  'leader',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** What part of the world a user may see; services filter every read and write by it. */
export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('city') }),
  z.object({ kind: z.literal('county'), countyCode: z.string().regex(/^\d{6}$|^[A-Z0-9_]+$/) }),
  z.object({ kind: z.literal('park'), parkId: z.string().min(1) }),
  z.object({
    kind: z.literal('department'),
    departmentCode: z.string().min(1),
    countyCode: z.string().nullable(),
  }),
  z.object({ kind: z.literal('enterprise'), enterpriseId: z.string().min(1) }),
  z.object({ kind: z.literal('none') }),
]);
export type Scope = z.infer<typeof scopeSchema>;

/** Carried by every request-reply call, so services enforce scope themselves. */
export const callerSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
  scope: scopeSchema,
  displayName: z.string().optional(),
});
export type Caller = z.infer<typeof callerSchema>;

/** The identity of a service acting on its own (startup tasks, consumers). */
export const SYSTEM_CALLER: Caller = { userId: 'system', role: 'admin', scope: { kind: 'city' } };
