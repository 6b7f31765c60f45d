import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's e-mail address, for notifications by e-mail. Like the phone it is personal data: masked in
 * answers, revealed only through the audited route, and handed to notifications at send time only
 * (`gateway.users.contacts`), never put on an event.
 */
export class UsersEmail1767200000000 implements MigrationInterface {
  name = 'UsersEmail1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email text CHECK (length(email) <= 254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
