import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models, fed only by events. Every row keeps the aggregate version(s) it reflects so a stale or
 * repeated event changes nothing; instants are `timestamptz`, legal dates `date`, 万元 and 亩 `numeric`.
 * `report_targets` and `report_exports` are reporting's own data, not read models: a rebuild keeps them.
 */
export class ReportingReadModels1766000000000 implements MigrationInterface {
  name = 'ReportingReadModels1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE parks (
      park_id text PRIMARY KEY,
      name text NOT NULL,
      county_code text NOT NULL,
      active boolean NOT NULL,
      version int NOT NULL
    )`);
    await q.query(`CREATE TABLE enterprises (
      enterprise_id text PRIMARY KEY,
      name text NOT NULL,
      credit_code text NOT NULL,
      version int NOT NULL
    )`);
    // A milestone may arrive before the project's first snapshot: the row then exists with its place only
    // (snapshot_version 0), and status/stage carry their own version because milestones change them too.
    await q.query(`CREATE TABLE projects (
      project_id text PRIMARY KEY,
      snapshot_version int NOT NULL DEFAULT 0,
      name text,
      project_code text,
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      total_investment numeric(16,2),
      industry_chain text,
      agency_required boolean,
      task_force_required boolean,
      major boolean,
      green_channel boolean,
      service_tier text,
      planned_construction_start date,
      planned_production_start date,
      stage text,
      status text,
      status_version int NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX projects_county_idx ON projects (county_code)`);
    await q.query(`CREATE INDEX projects_park_idx ON projects (park_id)`);
    await q.query(`CREATE TABLE milestones (
      milestone_id text PRIMARY KEY,
      project_id text NOT NULL,
      type text NOT NULL,
      date date NOT NULL,
      supersedes_id text,
      park_id text NOT NULL,
      county_code text NOT NULL,
      project_version int NOT NULL
    )`);
    await q.query(`CREATE INDEX milestones_type_date_idx ON milestones (type, date)`);
    await q.query(
      `CREATE INDEX milestones_supersedes_idx ON milestones (supersedes_id) WHERE supersedes_id IS NOT NULL`,
    );
    // A superseded milestone no longer counts, whichever of the two events arrived first.
    await q.query(`CREATE VIEW effective_milestones AS
      SELECT m.* FROM milestones m
      WHERE NOT EXISTS (SELECT 1 FROM milestones c WHERE c.supersedes_id = m.milestone_id)`);
    await q.query(`CREATE TABLE task_forces (
      task_force_id text PRIMARY KEY,
      project_id text NOT NULL,
      lead_user_id text,
      member_count int NOT NULL,
      version int NOT NULL
    )`);
    await q.query(`CREATE INDEX task_forces_project_idx ON task_forces (project_id)`);
    await q.query(`CREATE TABLE land_records (
      land_record_id text PRIMARY KEY,
      park_id text NOT NULL,
      county_code text NOT NULL,
      kind text NOT NULL,
      area_mu numeric(14,4) NOT NULL,
      date date NOT NULL
    )`);
    await q.query(`CREATE INDEX land_records_date_idx ON land_records (date)`);

    // Cases and items keep their event history and fold it, so a late earlier event still lands in place.
    await q.query(`CREATE TABLE case_events (
      case_id text NOT NULL,
      version int NOT NULL,
      kind text NOT NULL,
      state text,
      agent_user_id text,
      rating int,
      PRIMARY KEY (case_id, version, kind)
    )`);
    await q.query(`CREATE TABLE cases (
      case_id text PRIMARY KEY,
      project_id text NOT NULL,
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      opened_by text,
      agency_required boolean,
      state text NOT NULL,
      agent_user_id text,
      rating int,
      version int NOT NULL
    )`);
    await q.query(`CREATE INDEX cases_agent_idx ON cases (agent_user_id)`);
    await q.query(`CREATE INDEX cases_project_idx ON cases (project_id)`);
    await q.query(`CREATE TABLE item_transitions (
      item_id text NOT NULL,
      item_version int NOT NULL,
      action text NOT NULL,
      from_state text NOT NULL,
      to_state text NOT NULL,
      effective_at timestamptz NOT NULL,
      department_code text NOT NULL,
      PRIMARY KEY (item_id, item_version)
    )`);
    await q.query(`CREATE TABLE items (
      item_id text PRIMARY KEY,
      case_id text NOT NULL,
      project_id text NOT NULL,
      catalog_code text NOT NULL,
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      department_code text NOT NULL,
      state text NOT NULL DEFAULT 'not_started',
      state_version int NOT NULL DEFAULT 0,
      submitted_at timestamptz,
      accepted_at timestamptz,
      decided_at timestamptz,
      decision text,
      correction_rounds int NOT NULL DEFAULT 0,
      working_days_used int,
      deadline_version int NOT NULL DEFAULT 0,
      deadline_clock text,
      deadline_active boolean NOT NULL DEFAULT false,
      paused boolean NOT NULL DEFAULT false,
      due_date date,
      due_at timestamptz,
      yellow_at timestamptz,
      red_at timestamptz,
      limit_days int,
      unit text,
      provisional boolean NOT NULL DEFAULT false,
      green_channel boolean NOT NULL DEFAULT false,
      major boolean NOT NULL DEFAULT false,
      limit_due_at timestamptz,
      limit_due_version int NOT NULL DEFAULT 0,
      on_time boolean GENERATED ALWAYS AS (
        CASE WHEN decided_at IS NULL OR limit_due_at IS NULL THEN NULL ELSE decided_at <= limit_due_at END
      ) STORED
    )`);
    // Lights are compared with "now" in SQL; these keep the count of yellow and red items index-only.
    await q.query(`CREATE INDEX items_red_idx ON items (red_at) WHERE deadline_active AND NOT paused`);
    await q.query(`CREATE INDEX items_yellow_idx ON items (yellow_at) WHERE deadline_active AND NOT paused`);
    await q.query(`CREATE INDEX items_county_idx ON items (county_code)`);
    await q.query(`CREATE INDEX items_department_idx ON items (department_code)`);
    await q.query(`CREATE INDEX items_case_idx ON items (case_id)`);
    await q.query(`CREATE TABLE item_side_deadlines (
      item_id text NOT NULL,
      kind text NOT NULL,
      active boolean NOT NULL,
      due_date date,
      due_at timestamptz,
      yellow_at timestamptz,
      red_at timestamptz,
      outcome text,
      version int NOT NULL,
      PRIMARY KEY (item_id, kind)
    )`);
    await q.query(`CREATE TABLE requests (
      request_id text PRIMARY KEY,
      project_id text NOT NULL,
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      category text,
      due_date date,
      due_at timestamptz,
      deadline_version int NOT NULL DEFAULT 0,
      state text NOT NULL,
      state_version int NOT NULL DEFAULT 0,
      department_code text,
      agent_user_id text,
      route_version int NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE TABLE supervision_orders (
      order_id text PRIMARY KEY,
      item_id text,
      project_id text NOT NULL,
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      department_code text,
      level int,
      state text NOT NULL,
      issued_at timestamptz,
      feedback_due_at timestamptz,
      closed_at timestamptz,
      version int NOT NULL
    )`);
    await q.query(`CREATE INDEX supervision_orders_item_idx ON supervision_orders (item_id)`);

    await q.query(`CREATE TABLE report_targets (
      year int PRIMARY KEY,
      targets jsonb NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL
    )`);
    await q.query(`CREATE TABLE report_exports (
      export_id uuid PRIMARY KEY,
      user_id text NOT NULL,
      filename text NOT NULL,
      content_type text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX report_exports_created_idx ON report_exports (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'report_exports',
      'report_targets',
      'supervision_orders',
      'requests',
      'item_side_deadlines',
      'items',
      'item_transitions',
      'cases',
      'case_events',
      'land_records',
      'task_forces',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP VIEW effective_milestones`);
    for (const table of ['milestones', 'projects', 'enterprises', 'parks'])
      await q.query(`DROP TABLE ${table}`);
  }
}
