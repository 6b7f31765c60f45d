import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who leads each project's 专班, from the registry's events: the third escalation rung goes to them. */
export class ProjectTaskForces1767300000000 implements MigrationInterface {
  name = 'ProjectTaskForces1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE project_task_forces (
      project_id text PRIMARY KEY,
      lead_user_id text,
      version int NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_task_forces`);
  }
}
