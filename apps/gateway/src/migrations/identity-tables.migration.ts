import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions (refresh-token families) and the login attempts that drive the lockout. */
export class IdentityTables1764300000000 implements MigrationInterface {
  name = 'IdentityTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin','center_director','agent','department_officer','enterprise','leader','auditor')),
      scope jsonb NOT NULL,
      phone text,
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      token_version int NOT NULL DEFAULT 1,
      locked_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`CREATE INDEX users_role_idx ON users (role)`);
    await q.query(`CREATE TABLE session_families (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      token_version int NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text,
      ip text
    )`);
    await q.query(
      `CREATE INDEX session_families_active_idx ON session_families (user_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE TABLE refresh_tokens (
      token_hash text PRIMARY KEY,
      family_id uuid NOT NULL REFERENCES session_families (id),
      created_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE TABLE login_attempts (
      id bigserial PRIMARY KEY,
      username text NOT NULL,
      user_id uuid,
      ip text,
      succeeded boolean NOT NULL,
      at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX login_attempts_user_idx ON login_attempts (user_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE session_families`);
    await q.query(`DROP TABLE users`);
  }
}
