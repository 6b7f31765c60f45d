import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The workflow's tables. Legal dates are `date`, instants `timestamptz` (ARCHITECTURE.md "Time"). */
export class WorkflowSchema1765100000000 implements MigrationInterface {
  name = 'WorkflowSchema1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_years (
      year int PRIMARY KEY,
      holidays jsonb NOT NULL,
      makeup_workdays jsonb NOT NULL,
      source text,
      revision int NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text
    )`);
    await q.query(`CREATE TABLE catalog_versions (
      version int PRIMARY KEY,
      items jsonb NOT NULL,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text
    )`);
    await q.query(`CREATE TABLE projects (
      project_id text PRIMARY KEY,
      version int NOT NULL,
      name text NOT NULL,
      project_code text,
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      agency_required boolean NOT NULL,
      green_channel boolean NOT NULL,
      major boolean NOT NULL,
      status text NOT NULL,
      construction_start_on date,
      attributes jsonb NOT NULL DEFAULT '{}',
      snapshot jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE cases (
      id text PRIMARY KEY,
      project_id text NOT NULL REFERENCES projects (project_id),
      state text NOT NULL,
      version int NOT NULL DEFAULT 1,
      opened_by text NOT NULL,
      opened_at timestamptz NOT NULL,
      coverage text,
      service_level text,
      agreement_signed_on date,
      agent_user_id text,
      catalog_version int REFERENCES catalog_versions (version),
      termination_reason text,
      rating int CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT cases_one_per_project UNIQUE (project_id)
    )`);
    await q.query(`CREATE TABLE items (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases (id),
      project_id text NOT NULL,
      catalog_code text NOT NULL,
      catalog_version int NOT NULL,
      catalog jsonb NOT NULL,
      sort_order int NOT NULL,
      department_code text NOT NULL,
      state text NOT NULL,
      version int NOT NULL DEFAULT 1,
      submitted_on date,
      accepted_on date,
      deemed_accepted boolean NOT NULL DEFAULT false,
      extension_limit int,
      correction_materials jsonb NOT NULL DEFAULT '[]',
      deficiency jsonb,
      commitment jsonb,
      result_doc_no text,
      issued_via text,
      result_issued_on date,
      waived_reason text,
      last_effective_at timestamptz,
      deadline_version int NOT NULL DEFAULT 0,
      deadline_clock text,
      deadline_active boolean NOT NULL DEFAULT false,
      deadline_started_on date,
      deadline_due_date date,
      deadline_limit int,
      deadline_provisional boolean NOT NULL DEFAULT false,
      deadline_paused boolean NOT NULL DEFAULT false,
      CONSTRAINT items_one_per_catalog_code UNIQUE (case_id, catalog_code)
    )`);
    await q.query(`CREATE INDEX items_case_idx ON items (case_id, sort_order)`);
    await q.query(`CREATE INDEX items_open_deadline_idx ON items (id) WHERE deadline_active`);
    await q.query(`CREATE TABLE item_pauses (
      id text PRIMARY KEY,
      item_id text NOT NULL REFERENCES items (id),
      kind text NOT NULL,
      start_on date NOT NULL,
      end_on date,
      estimate text NOT NULL,
      estimated_working_days int NOT NULL,
      resume_state text NOT NULL
    )`);
    await q.query(`CREATE INDEX item_pauses_item_idx ON item_pauses (item_id)`);
    await q.query(`CREATE TABLE ledger_entries (
      seq bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      case_id text NOT NULL REFERENCES cases (id),
      item_id text REFERENCES items (id),
      subject text NOT NULL,
      action text NOT NULL,
      from_state text,
      to_state text,
      actor_user_id text,
      actor_role text NOT NULL,
      effective_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      fields jsonb NOT NULL DEFAULT '{}',
      note text
    )`);
    await q.query(`CREATE INDEX ledger_case_idx ON ledger_entries (case_id, effective_at, seq)`);
    await q.query(`CREATE TABLE seal_register (
      id text PRIMARY KEY,
      park_id text NOT NULL,
      issued_on date NOT NULL,
      item_id text NOT NULL REFERENCES items (id),
      item_name text NOT NULL,
      department_code text NOT NULL,
      case_id text NOT NULL,
      project_id text NOT NULL,
      project_name text NOT NULL,
      county_code text NOT NULL,
      result_doc_no text NOT NULL,
      handler_user_id text,
      approver text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX seal_register_park_idx ON seal_register (park_id, issued_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'seal_register',
      'ledger_entries',
      'item_pauses',
      'items',
      'cases',
      'projects',
      'catalog_versions',
      'calendar_years',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
