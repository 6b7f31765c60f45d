import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change of a user or a session family is announced on `sessions_<schema>` (payload
 * `u:<userId>`, `f:<familyId>`, or `*` for a TRUNCATE), so the gateways' session caches
 * (identity/session-cache.ts) drop what changed, whichever replica or hand made the change. A trigger
 * rather than a NOTIFY beside each write: nothing that writes these tables can forget it.
 */
export class SessionNotify1767300000000 implements MigrationInterface {
  name = 'SessionNotify1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('sessions_' || TG_TABLE_SCHEMA, '*');
        ELSIF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('sessions_' || TG_TABLE_SCHEMA, 'u:' || OLD.id);
        ELSE
          PERFORM pg_notify('sessions_' || TG_TABLE_SCHEMA, 'f:' || OLD.id);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['users', 'session_families']) {
      await q.query(`CREATE TRIGGER ${table}_session_changed AFTER UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION session_changed()`);
      await q.query(`CREATE TRIGGER ${table}_session_truncated AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION session_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'session_families']) {
      await q.query(`DROP TRIGGER ${table}_session_changed ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_session_truncated ON ${table}`);
    }
    await q.query(`DROP FUNCTION session_changed()`);
  }
}
