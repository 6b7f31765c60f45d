import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 企业诉求 and a ledger that also holds request and attachment entries. A request may concern a project
 * without a case, so a ledger entry's case becomes optional and its project is recorded.
 */
export class Requests1765100000002 implements MigrationInterface {
  name = 'Requests1765100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE enterprise_requests (
      id text PRIMARY KEY,
      project_id text NOT NULL REFERENCES projects (project_id),
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      category text NOT NULL,
      description text NOT NULL,
      attachment_ids jsonb NOT NULL DEFAULT '[]',
      state text NOT NULL,
      version int NOT NULL DEFAULT 1,
      raised_by text NOT NULL,
      raised_at timestamptz NOT NULL,
      routed_to_department_code text,
      routed_to_agent_user_id text,
      answer text,
      answered_at timestamptz,
      answered_by text,
      confirmed_by_enterprise boolean,
      close_reason text,
      closed_at timestamptz,
      reopen_count int NOT NULL DEFAULT 0,
      deadline_version int NOT NULL,
      deadline_active boolean NOT NULL,
      deadline_started_on date NOT NULL,
      deadline_limit int NOT NULL,
      deadline_due_date date NOT NULL,
      deadline_provisional boolean NOT NULL
    )`);
    await q.query(`CREATE INDEX enterprise_requests_project_idx ON enterprise_requests (project_id)`);
    await q.query(
      `CREATE INDEX enterprise_requests_park_idx ON enterprise_requests (park_id, raised_at DESC)`,
    );
    await q.query(
      `CREATE INDEX enterprise_requests_enterprise_idx ON enterprise_requests (enterprise_id, raised_at DESC)`,
    );
    await q.query(
      `CREATE INDEX enterprise_requests_open_deadline_idx ON enterprise_requests (id) WHERE deadline_active`,
    );
    await q.query(`ALTER TABLE ledger_entries ALTER COLUMN case_id DROP NOT NULL`);
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN project_id text`);
    await q.query(
      `ALTER TABLE ledger_entries ADD COLUMN request_id text REFERENCES enterprise_requests (id)`,
    );
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN attachment_id text`);
    await q.query(
      `CREATE INDEX ledger_request_idx ON ledger_entries (request_id) WHERE request_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_request_idx`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN attachment_id`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN request_id`);
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN project_id`);
    await q.query(`DELETE FROM ledger_entries WHERE case_id IS NULL`);
    await q.query(`ALTER TABLE ledger_entries ALTER COLUMN case_id SET NOT NULL`);
    await q.query(`DROP TABLE enterprise_requests`);
  }
}
