import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blobs are content-addressed (one row per SHA-256, the bytes in the blob store); an attachment is one use of
 * a blob on a project, case, item or request. The place columns let lists filter by scope in SQL.
 */
export class Attachments1765100000003 implements MigrationInterface {
  name = 'Attachments1765100000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE blobs (
      sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint NOT NULL,
      content_type text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE attachments (
      id text PRIMARY KEY,
      sha256 text NOT NULL REFERENCES blobs (sha256),
      kind text NOT NULL,
      filename text NOT NULL,
      project_id text NOT NULL REFERENCES projects (project_id),
      case_id text REFERENCES cases (id),
      item_id text REFERENCES items (id),
      request_id text REFERENCES enterprise_requests (id),
      enterprise_id text NOT NULL,
      park_id text NOT NULL,
      county_code text NOT NULL,
      department_code text,
      uploaded_by text NOT NULL,
      uploaded_role text NOT NULL,
      uploaded_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX attachments_project_idx ON attachments (project_id)`);
    await q.query(`CREATE INDEX attachments_case_idx ON attachments (case_id) WHERE case_id IS NOT NULL`);
    await q.query(`CREATE INDEX attachments_item_idx ON attachments (item_id) WHERE item_id IS NOT NULL`);
    await q.query(`CREATE INDEX attachments_sha_idx ON attachments (sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE blobs`);
  }
}
