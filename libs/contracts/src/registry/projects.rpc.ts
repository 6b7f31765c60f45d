import { z } from 'zod';
import { defineRpc } from '../rpc';
import {
  INDUSTRY_CHAINS,
  MILESTONE_TYPES,
  PROJECT_STAGES,
  PROJECT_STATUSES,
  SERVICE_TIERS,
  projectSnapshotSchema,
} from '../events/projects.events';
import { countyCodeSchema } from './reference.rpc';
import {
  idSchema,
  localDateSchema,
  nameSchema,
  pageOf,
  pageQueryShape,
  positiveWanYuanSchema,
  projectCodeSchema,
  queryBoolean,
} from './registry-common.schema';
import { INVESTMENT_TIERS } from './wan-yuan.util';

const plannedDatesShape = {
  signedOn: localDateSchema.nullable().optional(),
  landAcquiredOn: localDateSchema.nullable().optional(),
  constructionStartOn: localDateSchema.nullable().optional(),
  productionStartOn: localDateSchema.nullable().optional(),
};
const attributesSchema = z.record(
  z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/),
  z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
);

export const registerProjectRequestSchema = z.strictObject({
  name: nameSchema(200),
  enterpriseId: idSchema,
  parkId: idSchema,
  totalInvestment: positiveWanYuanSchema,
  industryChain: z.enum(INDUSTRY_CHAINS),
  projectCode: projectCodeSchema.nullable().optional(),
  /** 在谈 projects are registered as `pipeline` and become `signed` with their 签约 milestone. */
  stage: z.enum(PROJECT_STAGES).default('signed'),
  plannedDates: z.strictObject(plannedDatesShape).default({}),
  greenChannel: z.boolean().default(false),
  major: z.boolean().default(false),
  description: z.string().trim().max(2000).nullable().optional(),
  attributes: attributesSchema.default({}),
});
export type RegisterProjectRequest = z.infer<typeof registerProjectRequestSchema>;

export const milestoneViewSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  type: z.enum(MILESTONE_TYPES),
  date: z.string(),
  evidence: z.string(),
  active: z.boolean(),
  supersedesId: z.string().nullable(),
  reason: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type MilestoneView = z.infer<typeof milestoneViewSchema>;

export const projectViewSchema = projectSnapshotSchema.extend({
  enterpriseName: z.string(),
  parkName: z.string(),
  countyName: z.string(),
  description: z.string().nullable(),
  investmentTier: z.enum(INVESTMENT_TIERS),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

export const projectDetailSchema = projectViewSchema.extend({ milestones: z.array(milestoneViewSchema) });

export const registerProject = defineRpc({
  pattern: 'registry.project.register',
  request: registerProjectRequestSchema,
  response: projectViewSchema,
});

export const getProject = defineRpc({
  pattern: 'registry.project.get',
  request: z.strictObject({ projectId: idSchema }),
  response: projectDetailSchema,
});

export const updateProjectBodySchema = z.strictObject({
  version: z.number().int().positive(),
  name: nameSchema(200).optional(),
  totalInvestment: positiveWanYuanSchema.optional(),
  industryChain: z.enum(INDUSTRY_CHAINS).optional(),
  projectCode: projectCodeSchema.nullable().optional(),
  plannedDates: z.strictObject(plannedDatesShape).optional(),
  greenChannel: z.boolean().optional(),
  major: z.boolean().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  attributes: attributesSchema.optional(),
});

export const updateProject = defineRpc({
  pattern: 'registry.project.update',
  request: updateProjectBodySchema.extend({ projectId: idSchema }),
  response: projectViewSchema,
});

export const PROJECT_SORTS = ['createdAt', 'updatedAt', 'name', 'totalInvestment', 'projectCode'] as const;

const listFilterShape = {
  ...pageQueryShape,
  countyCode: countyCodeSchema.optional(),
  parkId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  industryChain: z.enum(INDUSTRY_CHAINS).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  investmentTier: z.enum(INVESTMENT_TIERS).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(PROJECT_SORTS).default('createdAt'),
};

/** The HTTP query string: booleans arrive as text. */
export const listProjectsQuerySchema = z.strictObject({
  ...listFilterShape,
  agencyRequired: queryBoolean.optional(),
  greenChannel: queryBoolean.optional(),
  major: queryBoolean.optional(),
});

export const listProjects = defineRpc({
  pattern: 'registry.project.list',
  request: z.strictObject({
    ...listFilterShape,
    agencyRequired: z.boolean().optional(),
    greenChannel: z.boolean().optional(),
    major: z.boolean().optional(),
  }),
  response: pageOf(projectViewSchema),
});

const pipelineShape = {
  ...pageQueryShape,
  stage: z.enum([...PROJECT_STAGES, 'all']).default('pipeline'),
  investmentTier: z.enum(INVESTMENT_TIERS).optional(),
  countyCode: countyCodeSchema.optional(),
  parkId: idSchema.optional(),
  industryChain: z.enum(INDUSTRY_CHAINS).optional(),
};
export const listPipelineQuerySchema = z.strictObject(pipelineShape);

export const pipelineTierSchema = z.object({
  tier: z.enum(INVESTMENT_TIERS),
  count: z.number().int(),
  totalInvestment: z.string(),
});

/** The 招商 pipeline by investment tier: counts per tier plus one page of projects, biggest first. */
export const listPipeline = defineRpc({
  pattern: 'registry.project.pipeline',
  request: z.strictObject(pipelineShape),
  response: pageOf(projectViewSchema).extend({ tiers: z.array(pipelineTierSchema) }),
});

export const setServiceTierBodySchema = z.strictObject({
  version: z.number().int().positive(),
  serviceTier: z.enum(SERVICE_TIERS),
  responsibleUserId: idSchema.nullable().optional(),
  responsibleDepartmentCode: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .nullable()
    .optional(),
});

/** 三级服务管理: who answers escalations for the project. */
export const setServiceTier = defineRpc({
  pattern: 'registry.project.setServiceTier',
  request: setServiceTierBodySchema.extend({ projectId: idSchema }),
  response: projectViewSchema,
});
