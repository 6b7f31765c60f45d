import {
  investmentTierOf,
  normalizeWanYuan,
  type ProjectSnapshot,
  type ProjectView,
} from '@daiban/contracts';

export interface ProjectRow {
  id: string;
  version: number;
  name: string;
  project_code: string | null;
  enterprise_id: string;
  enterprise_name: string;
  park_id: string;
  park_name: string;
  county_code: string;
  county_name: string;
  total_investment: string;
  industry_chain: ProjectSnapshot['industryChain'];
  stage: ProjectSnapshot['stage'];
  status: ProjectSnapshot['status'];
  agency_required: boolean;
  task_force_required: boolean;
  major: boolean;
  green_channel: boolean;
  planned_signed_on: string | null;
  planned_land_acquired_on: string | null;
  planned_construction_start_on: string | null;
  planned_production_start_on: string | null;
  service_tier: ProjectSnapshot['serviceTier'];
  responsible_user_id: string | null;
  responsible_department_code: string | null;
  description: string | null;
  attributes: ProjectSnapshot['attributes'];
  created_at: Date;
  updated_at: Date;
}

/** Dates leave PostgreSQL as text (`::text`) so no time zone ever touches a legal date. */
export const PROJECT_SELECT = `SELECT p.id, p.version, p.name, p.project_code, p.enterprise_id, e.name AS enterprise_name,
  p.park_id, k.name AS park_name, p.county_code, c.name AS county_name, p.total_investment::text AS total_investment,
  p.industry_chain, p.stage, p.status, p.agency_required, p.task_force_required, p.major, p.green_channel,
  p.planned_signed_on::text AS planned_signed_on, p.planned_land_acquired_on::text AS planned_land_acquired_on,
  p.planned_construction_start_on::text AS planned_construction_start_on,
  p.planned_production_start_on::text AS planned_production_start_on,
  p.service_tier, p.responsible_user_id, p.responsible_department_code, p.description, p.attributes,
  p.created_at, p.updated_at
  FROM projects p
  JOIN enterprises e ON e.id = p.enterprise_id
  JOIN parks k ON k.id = p.park_id
  JOIN counties c ON c.code = p.county_code`;

export function toSnapshot(r: ProjectRow): ProjectSnapshot {
  return {
    projectId: r.id,
    version: r.version,
    name: r.name,
    projectCode: r.project_code,
    enterpriseId: r.enterprise_id,
    parkId: r.park_id,
    countyCode: r.county_code,
    totalInvestment: normalizeWanYuan(r.total_investment),
    industryChain: r.industry_chain,
    stage: r.stage,
    status: r.status,
    agencyRequired: r.agency_required,
    taskForceRequired: r.task_force_required,
    major: r.major,
    greenChannel: r.green_channel,
    plannedDates: {
      signedOn: r.planned_signed_on,
      landAcquiredOn: r.planned_land_acquired_on,
      constructionStartOn: r.planned_construction_start_on,
      productionStartOn: r.planned_production_start_on,
    },
    serviceTier: r.service_tier,
    responsibleUserId: r.responsible_user_id,
    responsibleDepartmentCode: r.responsible_department_code,
    attributes: r.attributes,
  };
}

export function toProjectView(r: ProjectRow): ProjectView {
  return {
    ...toSnapshot(r),
    enterpriseName: r.enterprise_name,
    parkName: r.park_name,
    countyName: r.county_name,
    description: r.description,
    investmentTier: investmentTierOf(normalizeWanYuan(r.total_investment)),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
