import { z } from 'zod';
import { CATALOG_STAGES, SPECIAL_PROCEDURE_KINDS } from './vocabulary';

export const catalogCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, { message: '事项编码格式不正确' });

/**
 * One test of a project attribute (from the registry's `attributes`). `whenMissing` states what a project
 * that never recorded the attribute is assumed to be, so the default industrial project is explicit data.
 */
export const attributeConditionSchema = z.strictObject({
  attribute: z.string().min(1).max(64),
  op: z.enum(['eq', 'ne', 'gte']),
  value: z.union([z.string(), z.number(), z.boolean()]),
  whenMissing: z.boolean(),
});
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;

export const catalogItemSchema = z.strictObject({
  code: catalogCodeSchema,
  name: z.string().min(1).max(100),
  stage: z.enum(CATALOG_STAGES),
  departmentCode: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { message: '部门编码格式不正确' }),
  departmentName: z.string().min(1).max(50),
  /** 法定时限; null where the sources give none. */
  legalLimit: z.int().min(0).max(3650).nullable(),
  /** 承诺时限: drives the lights. */
  committedLimit: z.int().min(0).max(3650),
  unit: z.enum(['working_days', 'calendar_days']),
  excludedProcedures: z.array(z.enum(SPECIAL_PROCEDURE_KINDS)),
  commitmentAllowed: z.boolean(),
  deficiencyAllowed: z.boolean(),
  /** `orCommitment`: the prerequisite may be replaced by the enterprise's commitment to supply it later. */
  prerequisites: z.array(z.strictObject({ code: catalogCodeSchema, orCommitment: z.boolean() })),
  /** The item applies when any condition holds; null = always. */
  appliesIf: z.array(attributeConditionSchema).min(1).nullable(),
  notApplicableReason: z.string().max(200).nullable(),
  /** Needed before construction starts (开工), so it is on the 倒排工期 path. */
  beforeConstruction: z.boolean(),
  resultType: z.string().min(1).max(20),
  /** 一次性告知: the full material list given to the enterprise at once. */
  materials: z.array(z.string().min(1).max(200)).min(1),
  source: z.string().max(500),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export const catalogItemsSchema = z.array(catalogItemSchema).min(1).max(500);

export const catalogVersionSchema = z.object({
  version: z.int().positive(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  note: z.string().nullable(),
  items: z.array(catalogItemSchema),
});
export type CatalogVersion = z.infer<typeof catalogVersionSchema>;
