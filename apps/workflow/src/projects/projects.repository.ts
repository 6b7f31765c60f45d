import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProjectSnapshot } from '@daiban/contracts';

export interface LocalProject {
  projectId: string;
  version: number;
  name: string;
  projectCode: string | null;
  enterpriseId: string;
  parkId: string;
  countyCode: string;
  agencyRequired: boolean;
  greenChannel: boolean;
  major: boolean;
  status: string;
  constructionStartOn: string | null;
  attributes: Record<string, string | number | boolean | null>;
}

export const PROJECT_COLUMNS = `p.project_id AS "projectId", p.version, p.name, p.project_code AS "projectCode",
  p.enterprise_id AS "enterpriseId", p.park_id AS "parkId", p.county_code AS "countyCode",
  p.agency_required AS "agencyRequired", p.green_channel AS "greenChannel", p.major, p.status,
  p.construction_start_on::text AS "constructionStartOn", p.attributes`;

/** The workflow's copy of registry projects, kept by snapshot version for preconditions and scope. */
@Injectable()
export class ProjectsRepository {
  /** Stores the snapshot unless a newer one is already here; returns whether it was applied. */
  async apply(manager: EntityManager, project: ProjectSnapshot): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO projects (project_id, version, name, project_code, enterprise_id, park_id, county_code,
         agency_required, green_channel, major, status, construction_start_on, attributes, snapshot, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
       ON CONFLICT (project_id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name,
         project_code = EXCLUDED.project_code, enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id,
         county_code = EXCLUDED.county_code, agency_required = EXCLUDED.agency_required,
         green_channel = EXCLUDED.green_channel, major = EXCLUDED.major, status = EXCLUDED.status,
         construction_start_on = EXCLUDED.construction_start_on, attributes = EXCLUDED.attributes,
         snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE projects.version < EXCLUDED.version
       RETURNING project_id`,
      [
        project.projectId,
        project.version,
        project.name,
        project.projectCode,
        project.enterpriseId,
        project.parkId,
        project.countyCode,
        project.agencyRequired,
        project.greenChannel,
        project.major,
        project.status,
        project.plannedDates.constructionStartOn,
        JSON.stringify(project.attributes ?? {}),
        JSON.stringify(project),
      ],
    );
    return rows.length > 0;
  }

  async byIdsOrCodes(
    manager: EntityManager,
    ids: readonly string[],
    codes: readonly string[],
  ): Promise<LocalProject[]> {
    return manager.query(
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.project_id = ANY($1) OR p.project_code = ANY($2)`,
      [ids, codes],
    );
  }

  async get(manager: EntityManager, projectId: string): Promise<LocalProject | null> {
    const rows: LocalProject[] = await manager.query(
      `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.project_id = $1`,
      [projectId],
    );
    return rows[0] ?? null;
  }
}
