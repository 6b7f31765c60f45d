import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OFFICIAL_CALENDARS } from '@daiban/calendar';
import { CATALOG_V1 } from '../catalog/catalog-v1.constant';

/** Seeds the admin-editable data: the official 2025/2026 calendars and catalog version 1. */
export class WorkflowSeed1765100000001 implements MigrationInterface {
  name = 'WorkflowSeed1765100000001';

  async up(q: QueryRunner): Promise<void> {
    for (const year of OFFICIAL_CALENDARS) {
      await q.query(
        `INSERT INTO calendar_years (year, holidays, makeup_workdays, source, updated_by) VALUES ($1, $2, $3, $4, 'seed')`,
        [year.year, JSON.stringify(year.holidays), JSON.stringify(year.makeupWorkdays), year.source ?? null],
      );
    }
    await q.query(
      `INSERT INTO catalog_versions (version, items, note, created_by) VALUES (1, $1, $2, 'seed')`,
      [JSON.stringify(CATALOG_V1), 'DOMAIN-REFERENCE §2.3 初始目录'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM catalog_versions WHERE version = 1`);
    await q.query(`DELETE FROM calendar_years`);
  }
}
