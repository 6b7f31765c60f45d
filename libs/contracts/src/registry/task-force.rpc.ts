import { z } from 'zod';
import { defineRpc } from '../rpc';
import { idSchema, nameSchema } from './registry-common.schema';

/** A 专班 member is a user of the system, or a named outsider (e.g. a bank's account manager). */
export const taskForceMemberSchema = z.union([
  z.strictObject({ userId: idSchema, roleTitle: nameSchema(50) }),
  z.strictObject({
    name: nameSchema(50),
    roleTitle: nameSchema(50),
    organization: z.string().max(100).optional(),
  }),
]);
export type TaskForceMember = z.infer<typeof taskForceMemberSchema>;

export const taskForceViewSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  lead: taskForceMemberSchema,
  members: z.array(taskForceMemberSchema),
  workGroupLink: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const setTaskForceBodySchema = z.strictObject({
  lead: taskForceMemberSchema,
  members: z.array(taskForceMemberSchema).max(50).default([]),
  /** 一个工作群: a link or the name of the chat group. */
  workGroupLink: z.string().trim().max(500).nullable().optional(),
  note: z.string().trim().max(500).optional(),
});

export const setTaskForce = defineRpc({
  pattern: 'registry.taskForce.set',
  request: setTaskForceBodySchema.extend({ projectId: idSchema }),
  response: taskForceViewSchema,
});

export const getTaskForce = defineRpc({
  pattern: 'registry.taskForce.get',
  request: z.strictObject({ projectId: idSchema }),
  response: z.object({
    taskForce: taskForceViewSchema.nullable(),
    history: z.array(
      z.object({
        version: z.number().int(),
        lead: taskForceMemberSchema,
        members: z.array(taskForceMemberSchema),
        workGroupLink: z.string().nullable(),
        note: z.string().nullable(),
        changedBy: z.string(),
        changedAt: z.string(),
      }),
    ),
  }),
});
