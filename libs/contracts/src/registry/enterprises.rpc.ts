import { z } from 'zod';
import { defineRpc } from '../rpc';
import { parkIdSchema } from './reference.rpc';
import {
  creditCodeSchema,
  idSchema,
  nameSchema,
  pageOf,
  pageQueryShape,
  phoneSchema,
} from './registry-common.schema';

export const contactSchema = z.strictObject({
  name: nameSchema(50),
  title: z.string().trim().max(50).nullable().optional(),
  phone: phoneSchema,
});
export type Contact = z.infer<typeof contactSchema>;

/** Phones leave masked (`138****5678`) unless the caller used the reveal action. */
export const contactViewSchema = z.object({
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string(),
});

export const enterpriseViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  address: z.string().nullable(),
  homeParkId: z.string(),
  contacts: z.array(contactViewSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseViewSchema>;

export const registerEnterpriseRequestSchema = z.strictObject({
  name: nameSchema(200),
  creditCode: creditCodeSchema,
  legalRepresentative: nameSchema(50),
  address: z.string().trim().max(200).nullable().optional(),
  /** The park whose service center looks after the enterprise; agents and directors may only give theirs. */
  homeParkId: parkIdSchema.optional(),
  contacts: z.array(contactSchema).max(20).default([]),
});

export const registerEnterprise = defineRpc({
  pattern: 'registry.enterprise.register',
  request: registerEnterpriseRequestSchema,
  response: enterpriseViewSchema,
});

export const getEnterprise = defineRpc({
  pattern: 'registry.enterprise.get',
  request: z.strictObject({ enterpriseId: idSchema }),
  response: enterpriseViewSchema,
});

export const ENTERPRISE_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export const listEnterprisesQuerySchema = z.strictObject({
  ...pageQueryShape,
  q: z.string().trim().max(100).optional(),
  parkId: idSchema.optional(),
  sort: z.enum(ENTERPRISE_SORTS).default('createdAt'),
});

export const listEnterprises = defineRpc({
  pattern: 'registry.enterprise.list',
  request: listEnterprisesQuerySchema,
  response: pageOf(enterpriseViewSchema),
});

export const updateEnterpriseBodySchema = z.strictObject({
  version: z.number().int().positive(),
  name: nameSchema(200).optional(),
  /** Correcting a mistyped code is for park staff; the enterprise itself cannot change its identity. */
  creditCode: creditCodeSchema.optional(),
  legalRepresentative: nameSchema(50).optional(),
  address: z.string().trim().max(200).nullable().optional(),
  contacts: z.array(contactSchema).max(20).optional(),
});

export const updateEnterprise = defineRpc({
  pattern: 'registry.enterprise.update',
  request: updateEnterpriseBodySchema.extend({ enterpriseId: idSchema }),
  response: enterpriseViewSchema,
});

/** 个人信息保护法: the full phones, for a caller with the permission; the gateway audits each call. */
export const revealEnterpriseContacts = defineRpc({
  pattern: 'registry.enterprise.revealContacts',
  request: z.strictObject({ enterpriseId: idSchema }),
  response: z.object({ enterpriseId: z.string(), contacts: z.array(contactViewSchema) }),
});
