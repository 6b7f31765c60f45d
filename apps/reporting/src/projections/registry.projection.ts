import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  enterpriseRegistered,
  enterpriseUpdated,
  landRecorded,
  milestoneRecorded,
  parkRegistered,
  parkUpdated,
  projectRegistered,
  projectUpdated,
  taskForceChanged,
  type EnvelopeOf,
  type ProjectSnapshot,
} from '@daiban/contracts';
import { OnEvent } from '@daiban/messaging';

type ParkPayload = EnvelopeOf<typeof parkRegistered>['payload'];
type EnterprisePayload = EnvelopeOf<typeof enterpriseRegistered>['payload'];

/**
 * The PROJECTS stream into read models. Every write is an upsert guarded by the version it carries, so a
 * repeated or overtaken event changes nothing and any delivery order ends in the same rows.
 */
@Injectable()
export class RegistryProjection {
  @OnEvent(projectRegistered)
  async onProjectRegistered(event: EnvelopeOf<typeof projectRegistered>, manager: EntityManager) {
    await this.applySnapshot(manager, event.payload.project);
  }

  @OnEvent(projectUpdated)
  async onProjectUpdated(event: EnvelopeOf<typeof projectUpdated>, manager: EntityManager) {
    await this.applySnapshot(manager, event.payload.project);
  }

  @OnEvent(milestoneRecorded)
  async onMilestone(event: EnvelopeOf<typeof milestoneRecorded>, manager: EntityManager) {
    const p = event.payload;
    await manager.query(
      `INSERT INTO milestones (milestone_id, project_id, type, date, supersedes_id, park_id, county_code, project_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (milestone_id) DO NOTHING`,
      [
        p.milestoneId,
        p.projectId,
        p.type,
        p.date,
        p.supersedesId,
        p.parkId,
        p.countyCode,
        event.aggregateVersion,
      ],
    );
    // Recording a milestone bumps the project's version and may change its status.
    await manager.query(
      `INSERT INTO projects (project_id, enterprise_id, park_id, county_code, status, status_version)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id) DO UPDATE SET status = EXCLUDED.status, status_version = EXCLUDED.status_version
       WHERE projects.status_version < EXCLUDED.status_version`,
      [p.projectId, p.enterpriseId, p.parkId, p.countyCode, p.projectStatus, event.aggregateVersion],
    );
    // The stage only moves forward (在谈 → 已签约), so a 签约 milestone sets it whatever the delivery order.
    if (p.type === 'signed')
      await manager.query(`UPDATE projects SET stage = 'signed' WHERE project_id = $1`, [p.projectId]);
  }

  @OnEvent(taskForceChanged)
  async onTaskForce(event: EnvelopeOf<typeof taskForceChanged>, manager: EntityManager) {
    const p = event.payload;
    await manager.query(
      `INSERT INTO task_forces (task_force_id, project_id, lead_user_id, member_count, version)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_force_id) DO UPDATE SET project_id = EXCLUDED.project_id,
         lead_user_id = EXCLUDED.lead_user_id, member_count = EXCLUDED.member_count, version = EXCLUDED.version
       WHERE task_forces.version < EXCLUDED.version`,
      [event.aggregateId, p.projectId, p.leadUserId, p.memberUserIds.length, event.aggregateVersion],
    );
  }

  @OnEvent(landRecorded)
  async onLand(event: EnvelopeOf<typeof landRecorded>, manager: EntityManager) {
    const p = event.payload;
    await manager.query(
      `INSERT INTO land_records (land_record_id, park_id, county_code, kind, area_mu, date)
       VALUES ($1, $2, $3, $4, $5::numeric, $6) ON CONFLICT (land_record_id) DO NOTHING`,
      [p.landRecordId, p.parkId, p.countyCode, p.kind, p.areaMu, p.date],
    );
  }

  @OnEvent(enterpriseRegistered)
  async onEnterpriseRegistered(event: EnvelopeOf<typeof enterpriseRegistered>, manager: EntityManager) {
    await this.applyEnterprise(manager, event.payload);
  }

  @OnEvent(enterpriseUpdated)
  async onEnterpriseUpdated(event: EnvelopeOf<typeof enterpriseUpdated>, manager: EntityManager) {
    await this.applyEnterprise(manager, event.payload);
  }

  @OnEvent(parkRegistered)
  async onParkRegistered(event: EnvelopeOf<typeof parkRegistered>, manager: EntityManager) {
    await this.applyPark(manager, event.payload);
  }

  @OnEvent(parkUpdated)
  async onParkUpdated(event: EnvelopeOf<typeof parkUpdated>, manager: EntityManager) {
    await this.applyPark(manager, event.payload);
  }

  private async applySnapshot(manager: EntityManager, s: ProjectSnapshot): Promise<void> {
    await manager.query(
      `INSERT INTO projects (project_id, snapshot_version, name, project_code, enterprise_id, park_id, county_code,
         total_investment, industry_chain, agency_required, task_force_required, major, green_channel, service_tier,
         planned_construction_start, planned_production_start, stage, status, status_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $2)
       ON CONFLICT (project_id) DO UPDATE SET
         snapshot_version = EXCLUDED.snapshot_version, name = EXCLUDED.name, project_code = EXCLUDED.project_code,
         enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id, county_code = EXCLUDED.county_code,
         total_investment = EXCLUDED.total_investment, industry_chain = EXCLUDED.industry_chain,
         agency_required = EXCLUDED.agency_required, task_force_required = EXCLUDED.task_force_required,
         major = EXCLUDED.major, green_channel = EXCLUDED.green_channel, service_tier = EXCLUDED.service_tier,
         planned_construction_start = EXCLUDED.planned_construction_start,
         planned_production_start = EXCLUDED.planned_production_start,
         stage = CASE WHEN projects.stage = 'signed' THEN 'signed' ELSE EXCLUDED.stage END,
         status = CASE WHEN projects.status_version < EXCLUDED.status_version THEN EXCLUDED.status ELSE projects.status END,
         status_version = GREATEST(projects.status_version, EXCLUDED.status_version)
       WHERE projects.snapshot_version < EXCLUDED.snapshot_version`,
      [
        s.projectId,
        s.version,
        s.name,
        s.projectCode,
        s.enterpriseId,
        s.parkId,
        s.countyCode,
        s.totalInvestment,
        s.industryChain,
        s.agencyRequired,
        s.taskForceRequired,
        s.major,
        s.greenChannel,
        s.serviceTier,
        s.plannedDates.constructionStartOn,
        s.plannedDates.productionStartOn,
        s.stage,
        s.status,
      ],
    );
  }

  private async applyEnterprise(manager: EntityManager, p: EnterprisePayload): Promise<void> {
    await manager.query(
      `INSERT INTO enterprises (enterprise_id, name, credit_code, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (enterprise_id) DO UPDATE SET name = EXCLUDED.name, credit_code = EXCLUDED.credit_code,
         version = EXCLUDED.version
       WHERE enterprises.version < EXCLUDED.version`,
      [p.enterpriseId, p.name, p.creditCode, p.version],
    );
  }

  private async applyPark(manager: EntityManager, p: ParkPayload): Promise<void> {
    await manager.query(
      `INSERT INTO parks (park_id, name, county_code, active, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (park_id) DO UPDATE SET name = EXCLUDED.name, county_code = EXCLUDED.county_code,
         active = EXCLUDED.active, version = EXCLUDED.version
       WHERE parks.version < EXCLUDED.version`,
      [p.parkId, p.name, p.countyCode, p.active, p.version],
    );
  }
}
