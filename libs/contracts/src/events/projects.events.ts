import { z } from 'zod';
import { defineEvent } from '../event-definition';

export const INDUSTRY_CHAINS = [
  '绿色钢铁',
  '绿色石化',
  '绿色能源',
  '新能源汽车',
  '海洋生物医药',
  '数字软件与电子信息',
  '农海产品加工',
  '家电',
  '造纸',
  '羽绒纺织',
  '先进材料',
  '先进装备',
  '其他',
] as const;
export type IndustryChain = (typeof INDUSTRY_CHAINS)[number];

export const MILESTONE_TYPES = [
  'signed',
  'land_acquired',
  'construction_started',
  'production_started',
] as const;
export type MilestoneType = (typeof MILESTONE_TYPES)[number];

/** 在谈 → 已签约; 筹建 / 在建 / 已投产 derive from milestones. */
export const PROJECT_STAGES = ['pipeline', 'signed'] as const;
export const PROJECT_STATUSES = ['preparing', 'under_construction', 'in_production', 'cancelled'] as const;
export const SERVICE_TIERS = ['city_leader', 'city_department', 'county'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** 万元 as an exact decimal string with at most 2 decimals; never a float on the wire. */
export const wanYuanSchema = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);

/** The project as other services need it; registered and updated events both carry it whole. */
export const projectSnapshotSchema = z.object({
  projectId: z.string(),
  version: z.number().int().positive(),
  name: z.string(),
  projectCode: z.string().nullable(),
  enterpriseId: z.string(),
  parkId: z.string(),
  countyCode: z.string(),
  totalInvestment: wanYuanSchema,
  industryChain: z.enum(INDUSTRY_CHAINS),
  stage: z.enum(PROJECT_STAGES),
  status: z.enum(PROJECT_STATUSES),
  agencyRequired: z.boolean(),
  taskForceRequired: z.boolean(),
  major: z.boolean(),
  greenChannel: z.boolean(),
  plannedDates: z.object({
    signedOn: isoDate.nullable(),
    landAcquiredOn: isoDate.nullable(),
    constructionStartOn: isoDate.nullable(),
    productionStartOn: isoDate.nullable(),
  }),
  serviceTier: z.enum(SERVICE_TIERS).nullable(),
  /** The responsible leader (user id) or department code for escalations under the 三级服务管理. */
  responsibleUserId: z.string().nullable(),
  responsibleDepartmentCode: z.string().nullable(),
  /** Conditions the catalog's applies-if rules read (危化, energy use…), as the registry knows them. */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type ProjectSnapshot = z.infer<typeof projectSnapshotSchema>;

export const projectRegistered = defineEvent({
  type: 'projects.project.registered',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({ project: projectSnapshotSchema }),
});

export const projectUpdated = defineEvent({
  type: 'projects.project.updated',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({ project: projectSnapshotSchema, changedFields: z.array(z.string()) }),
});

export const milestoneRecorded = defineEvent({
  type: 'projects.milestone.recorded',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    projectId: z.string(),
    milestoneId: z.string(),
    type: z.enum(MILESTONE_TYPES),
    date: isoDate,
    /** The milestone this one corrects, if any; the superseded one no longer counts. */
    supersedesId: z.string().nullable(),
    enterpriseId: z.string(),
    parkId: z.string(),
    countyCode: z.string(),
    projectStatus: z.enum(PROJECT_STATUSES),
  }),
});

export const taskForceChanged = defineEvent({
  type: 'projects.taskforce.changed',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    projectId: z.string(),
    leadUserId: z.string().nullable(),
    memberUserIds: z.array(z.string()),
    enterpriseId: z.string(),
    parkId: z.string(),
    countyCode: z.string(),
  }),
});

export const landRecorded = defineEvent({
  type: 'projects.land.recorded',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    landRecordId: z.string(),
    parkId: z.string(),
    countyCode: z.string(),
    kind: z.enum(['reserved', 'revitalized']),
    areaMu: z.string().regex(/^\d{1,9}(\.\d{1,4})?$/),
    date: isoDate,
  }),
});

export const enterpriseRegistered = defineEvent({
  type: 'projects.enterprise.registered',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    enterpriseId: z.string(),
    name: z.string(),
    creditCode: z.string(),
    version: z.number().int().positive(),
  }),
});

export const enterpriseUpdated = defineEvent({
  type: 'projects.enterprise.updated',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    enterpriseId: z.string(),
    name: z.string(),
    creditCode: z.string(),
    version: z.number().int().positive(),
    changedFields: z.array(z.string()),
  }),
});

/** Added with the registry (additive): parks are reference data other services label reports with. */
export const parkRegistered = defineEvent({
  type: 'projects.park.registered',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    parkId: z.string(),
    name: z.string(),
    countyCode: z.string(),
    active: z.boolean(),
    version: z.number().int().positive(),
  }),
});

export const parkUpdated = defineEvent({
  type: 'projects.park.updated',
  version: 1,
  stream: 'PROJECTS',
  payload: z.object({
    parkId: z.string(),
    name: z.string(),
    countyCode: z.string(),
    active: z.boolean(),
    version: z.number().int().positive(),
    changedFields: z.array(z.string()),
  }),
});
