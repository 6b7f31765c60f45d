import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 等保 安全审计: the audit log is append-only in PostgreSQL itself, not just in our code. The trigger
 * stops UPDATE, DELETE and TRUNCATE for every role including the owner; the REVOKE documents the
 * grant the production app role gets (INSERT, SELECT only — see deploy/). Rows are never purged by
 * the application, which satisfies the ≥ 180-day retention; archiving is an operator task.
 */
export class AuditLog1764300000001 implements MigrationInterface {
  name = 'AuditLog1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id text,
      actor_role text,
      action text NOT NULL,
      object_type text,
      object_id text,
      result text NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
      error_code text,
      ip text,
      correlation_id text,
      details jsonb
    )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at)`);
    await q.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, at)`);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await q.query(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
  }

  async down(): Promise<void> {
    throw new Error('the audit log is never dropped by a migration');
  }
}
