import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders, inbox, deliveries, preferences, targets and 督办单. PostgreSQL is the source of truth
 * for every deadline and rung: Redis only holds wake-up calls that the sweeper can rebuild from here.
 */
export class NotificationsSchema1767000000000 implements MigrationInterface {
  name = 'NotificationsSchema1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadlines (
        key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('item','commitment','deficiency','supervision_feedback','request')),
        subject_id text NOT NULL,
        title text NOT NULL,
        version int NOT NULL,
        status text NOT NULL CHECK (status IN ('open','paused','closed')),
        time_limit jsonb NOT NULL,
        due_at timestamptz,
        provisional boolean NOT NULL DEFAULT false,
        enterprise_id text NOT NULL,
        park_id text NOT NULL,
        county_code text NOT NULL,
        department_codes text[] NOT NULL DEFAULT '{}',
        major boolean NOT NULL DEFAULT false,
        green_channel boolean NOT NULL DEFAULT false,
        subjects jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX deadlines_subject_idx ON deadlines (kind, subject_id)`);
    await q.query(
      `CREATE INDEX deadlines_open_idx ON deadlines (park_id, county_code) WHERE status <> 'closed'`,
    );
    await q.query(`
      CREATE TABLE reminder_rungs (
        deadline_key text NOT NULL REFERENCES deadlines (key),
        rung text NOT NULL CHECK (rung IN ('yellow','red','escalate_3wd','escalate_10wd','major_red')),
        version int NOT NULL,
        fire_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','fired','cancelled')),
        fired_at timestamptz,
        last_error text,
        CONSTRAINT reminder_rungs_pk PRIMARY KEY (deadline_key, rung, version)
      )`);
    await q.query(
      `CREATE INDEX reminder_rungs_pending_idx ON reminder_rungs (fire_at) WHERE status = 'pending'`,
    );

    await q.query(`
      CREATE TABLE recipients (
        user_id text PRIMARY KEY,
        role text NOT NULL,
        scope jsonb NOT NULL,
        scope_kind text NOT NULL,
        park_id text,
        county_code text,
        department_code text,
        enterprise_id text,
        display_name text NOT NULL,
        email text,
        mobile text,
        active boolean NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX recipients_role_idx ON recipients (role, scope_kind) WHERE active`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        source_key text NOT NULL,
        category text NOT NULL,
        template text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        urgent boolean NOT NULL,
        subject_kind text,
        subject_id text,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT notifications_once_uq UNIQUE (source_key, user_id)
      )`);
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE channel_targets (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('wecom','dingtalk','smtp')),
        scope_kind text NOT NULL CHECK (scope_kind IN ('park','county')),
        scope_id text NOT NULL,
        config jsonb NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT channel_targets_scope_uq UNIQUE (kind, scope_kind, scope_id)
      )`);

    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        source_key text NOT NULL,
        recipient_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email','sms','wecom','dingtalk')),
        notification_id uuid REFERENCES notifications (id),
        target_id uuid REFERENCES channel_targets (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('queued','retrying','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        not_before timestamptz NOT NULL,
        message jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT deliveries_once_uq UNIQUE (source_key, recipient_key, channel)
      )`);
    await q.query(
      `CREATE INDEX deliveries_pending_idx ON deliveries (not_before) WHERE status IN ('queued','retrying')`,
    );
    await q.query(`
      CREATE TABLE delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES deliveries (id),
        attempt int NOT NULL,
        at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent','failed')),
        error text,
        CONSTRAINT delivery_attempts_pk PRIMARY KEY (delivery_id, attempt)
      )`);

    await q.query(`
      CREATE TABLE preferences (
        user_id text NOT NULL,
        category text NOT NULL,
        email boolean NOT NULL,
        sms boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT preferences_pk PRIMARY KEY (user_id, category)
      )`);

    await q.query(`CREATE SEQUENCE supervision_order_number_seq`);
    await q.query(`
      CREATE TABLE supervision_orders (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        origin text NOT NULL CHECK (origin IN ('automatic','manual')),
        status text NOT NULL CHECK (status IN ('issued','signed','feedback','reviewed','closed')),
        version int NOT NULL,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        subject_title text NOT NULL,
        deadline_key text,
        deadline_version int,
        enterprise_id text NOT NULL,
        park_id text NOT NULL,
        county_code text NOT NULL,
        department_codes text[] NOT NULL DEFAULT '{}',
        to_department_code text NOT NULL,
        issuer_level text NOT NULL CHECK (issuer_level IN ('park','county','city')),
        issued_by_user_id text,
        reason text NOT NULL,
        feedback_days int NOT NULL,
        feedback_round int NOT NULL DEFAULT 1,
        feedback text,
        review_note text,
        issued_at timestamptz NOT NULL,
        signed_at timestamptz,
        signed_by text,
        feedback_at timestamptz,
        feedback_by text,
        reviewed_at timestamptz,
        reviewed_by text,
        closed_at timestamptz,
        closed_by text,
        CONSTRAINT supervision_orders_automatic_uq UNIQUE (deadline_key, deadline_version, to_department_code)
      )`);
    await q.query(
      `CREATE INDEX supervision_orders_scope_idx ON supervision_orders (park_id, county_code, status)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'supervision_orders',
      'preferences',
      'delivery_attempts',
      'deliveries',
      'channel_targets',
      'notifications',
      'recipients',
      'reminder_rungs',
      'deadlines',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE supervision_order_number_seq`);
  }
}
