import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry's tables; every index and constraint is named so schema diffs settle. */
export class RegistryTables1764300000000 implements MigrationInterface {
  name = 'RegistryTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE counties (
      code text CONSTRAINT counties_pkey PRIMARY KEY,
      name text NOT NULL CONSTRAINT counties_name_key UNIQUE,
      kind text NOT NULL CONSTRAINT counties_kind_check CHECK (kind IN ('district','county','county_city','functional_zone')),
      sort_order int NOT NULL
    )`);
    await q.query(`CREATE TABLE parks (
      id text CONSTRAINT parks_pkey PRIMARY KEY,
      name text NOT NULL,
      county_code text NOT NULL CONSTRAINT parks_county_fkey REFERENCES counties (code),
      level text NOT NULL CONSTRAINT parks_level_check CHECK (level IN ('national','provincial','municipal','other')),
      description text,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(`CREATE INDEX parks_county_idx ON parks (county_code)`);
    await q.query(`CREATE TABLE enterprises (
      id text CONSTRAINT enterprises_pkey PRIMARY KEY,
      name text NOT NULL,
      credit_code char(18) NOT NULL,
      legal_representative text NOT NULL,
      address text,
      home_park_id text NOT NULL CONSTRAINT enterprises_home_park_fkey REFERENCES parks (id),
      contacts jsonb NOT NULL DEFAULT '[]',
      version int NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX enterprises_credit_code_key ON enterprises (credit_code)`);
    await q.query(`CREATE INDEX enterprises_home_park_idx ON enterprises (home_park_id)`);
    await q.query(`CREATE TABLE projects (
      id text CONSTRAINT projects_pkey PRIMARY KEY,
      version int NOT NULL,
      name text NOT NULL,
      project_code text,
      enterprise_id text NOT NULL CONSTRAINT projects_enterprise_fkey REFERENCES enterprises (id),
      park_id text NOT NULL CONSTRAINT projects_park_fkey REFERENCES parks (id),
      county_code text NOT NULL CONSTRAINT projects_county_fkey REFERENCES counties (code),
      total_investment numeric(14,2) NOT NULL CONSTRAINT projects_total_investment_check CHECK (total_investment > 0),
      industry_chain text NOT NULL,
      stage text NOT NULL CONSTRAINT projects_stage_check CHECK (stage IN ('pipeline','signed')),
      status text NOT NULL CONSTRAINT projects_status_check CHECK (status IN ('preparing','under_construction','in_production','cancelled')),
      agency_required boolean NOT NULL,
      task_force_required boolean NOT NULL,
      major boolean NOT NULL,
      green_channel boolean NOT NULL,
      planned_signed_on date,
      planned_land_acquired_on date,
      planned_construction_start_on date,
      planned_production_start_on date,
      service_tier text CONSTRAINT projects_service_tier_check CHECK (service_tier IN ('city_leader','city_department','county')),
      responsible_user_id text,
      responsible_department_code text,
      description text,
      attributes jsonb NOT NULL DEFAULT '{}',
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX projects_project_code_key ON projects (project_code) WHERE project_code IS NOT NULL`,
    );
    await q.query(`CREATE INDEX projects_enterprise_idx ON projects (enterprise_id)`);
    await q.query(`CREATE INDEX projects_park_created_idx ON projects (park_id, created_at)`);
    await q.query(`CREATE INDEX projects_county_created_idx ON projects (county_code, created_at)`);
    await q.query(`CREATE INDEX projects_created_idx ON projects (created_at, id)`);
    await q.query(`CREATE INDEX projects_stage_investment_idx ON projects (stage, total_investment)`);
    // Where each enterprise is served: its home park, and every park where it has a project.
    await q.query(`CREATE VIEW enterprise_places AS
      SELECT e.id AS enterprise_id, e.home_park_id AS park_id, p.county_code
        FROM enterprises e JOIN parks p ON p.id = e.home_park_id
      UNION
      SELECT enterprise_id, park_id, county_code FROM projects`);
    await q.query(`CREATE TABLE milestones (
      id text CONSTRAINT milestones_pkey PRIMARY KEY,
      project_id text NOT NULL CONSTRAINT milestones_project_fkey REFERENCES projects (id),
      type text NOT NULL CONSTRAINT milestones_type_check CHECK (type IN ('signed','land_acquired','construction_started','production_started')),
      date date NOT NULL,
      evidence text NOT NULL,
      active boolean NOT NULL,
      supersedes_id text CONSTRAINT milestones_supersedes_fkey REFERENCES milestones (id),
      reason text,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX milestones_active_type_key ON milestones (project_id, type) WHERE active`,
    );
    await q.query(`CREATE INDEX milestones_project_idx ON milestones (project_id, recorded_at)`);
    await q.query(`CREATE INDEX milestones_type_date_idx ON milestones (type, date) WHERE active`);
    await q.query(`CREATE TABLE task_forces (
      id text CONSTRAINT task_forces_pkey PRIMARY KEY,
      project_id text NOT NULL CONSTRAINT task_forces_project_fkey REFERENCES projects (id),
      lead jsonb NOT NULL,
      members jsonb NOT NULL,
      work_group_link text,
      version int NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX task_forces_project_key ON task_forces (project_id)`);
    await q.query(`CREATE TABLE task_force_changes (
      id text CONSTRAINT task_force_changes_pkey PRIMARY KEY,
      task_force_id text NOT NULL CONSTRAINT task_force_changes_task_force_fkey REFERENCES task_forces (id),
      version int NOT NULL,
      lead jsonb NOT NULL,
      members jsonb NOT NULL,
      work_group_link text,
      note text,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX task_force_changes_version_key ON task_force_changes (task_force_id, version)`,
    );
    await q.query(`CREATE TABLE land_records (
      id text CONSTRAINT land_records_pkey PRIMARY KEY,
      park_id text NOT NULL CONSTRAINT land_records_park_fkey REFERENCES parks (id),
      county_code text NOT NULL CONSTRAINT land_records_county_fkey REFERENCES counties (code),
      kind text NOT NULL CONSTRAINT land_records_kind_check CHECK (kind IN ('reserved','revitalized')),
      area_mu numeric(13,4) NOT NULL CONSTRAINT land_records_area_check CHECK (area_mu > 0),
      date date NOT NULL,
      parcel text NOT NULL,
      note text,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX land_records_park_date_idx ON land_records (park_id, date)`);
    await q.query(`CREATE INDEX land_records_county_date_idx ON land_records (county_code, date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['land_records', 'task_force_changes', 'task_forces', 'milestones']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP VIEW enterprise_places`);
    for (const table of ['projects', 'enterprises', 'parks', 'counties'])
      await q.query(`DROP TABLE ${table}`);
  }
}
