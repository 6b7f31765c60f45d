import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecipientCard, Role, Scope } from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { RecipientDirectory } from './recipient-directory.port';
import type { Recipient, RecipientQuery } from './recipient.types';

interface RecipientRow {
  user_id: string;
  role: Recipient['role'];
  display_name: string;
  email: string | null;
  mobile: string | null;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  userId: row.user_id,
  role: row.role,
  displayName: row.display_name,
  email: row.email,
  mobile: row.mobile,
});

const COLUMNS = 'user_id, role, display_name, email, mobile';

/** The directory on notifications's own `recipients` table; it never reads the gateway's schema. */
@Injectable()
export class PgRecipientDirectory extends RecipientDirectory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async find(query: RecipientQuery, manager?: EntityManager): Promise<Recipient[]> {
    const db = manager ?? this.db;
    let rows: RecipientRow[];
    if (query.role === 'center_director') {
      rows = await db.query(
        `SELECT ${COLUMNS} FROM recipients
          WHERE active AND role = 'center_director' AND scope_kind = 'park' AND park_id = $1 ORDER BY user_id`,
        [query.parkId],
      );
    } else if (query.role === 'enterprise') {
      return (await this.ofEnterprises([query.enterpriseId], manager)).get(query.enterpriseId)!;
    } else if (query.role === 'leader' && 'city' in query) {
      rows = await db.query(
        `SELECT ${COLUMNS} FROM recipients
          WHERE active AND role = 'leader' AND scope_kind = 'city' ORDER BY user_id`,
      );
    } else if (query.role === 'leader') {
      rows = await db.query(
        `SELECT ${COLUMNS} FROM recipients
          WHERE active AND role = 'leader' AND scope_kind = 'county' AND county_code = $1 ORDER BY user_id`,
        [query.countyCode],
      );
    } else {
      rows = await db.query(
        `SELECT ${COLUMNS} FROM recipients
          WHERE active AND role = 'department_officer' AND scope_kind = 'department'
            AND department_code = ANY($1::text[]) AND (county_code IS NULL OR county_code = $2)
          ORDER BY user_id`,
        [query.departmentCodes, query.countyCode],
      );
    }
    return rows.map(toRecipient);
  }

  async ofEnterprises(
    enterpriseIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, Recipient[]>> {
    const result = new Map(enterpriseIds.map((id) => [id, [] as Recipient[]]));
    if (!enterpriseIds.length) return result;
    const rows: Array<RecipientRow & { enterprise_id: string }> = await (manager ?? this.db).query(
      `SELECT ${COLUMNS}, enterprise_id FROM recipients
        WHERE active AND role = 'enterprise' AND scope_kind = 'enterprise' AND enterprise_id = ANY($1::text[])
        ORDER BY user_id`,
      [[...new Set(enterpriseIds)]],
    );
    for (const row of rows) result.get(row.enterprise_id)?.push(toRecipient(row));
    return result;
  }

  async findByIds(userIds: readonly string[], manager?: EntityManager): Promise<Recipient[]> {
    if (!userIds.length) return [];
    const rows: RecipientRow[] = await (manager ?? this.db).query(
      `SELECT ${COLUMNS} FROM recipients WHERE active AND user_id = ANY($1::text[]) ORDER BY user_id`,
      [userIds],
    );
    return rows.map(toRecipient);
  }

  async withRoles(roles: readonly Role[]): Promise<Array<Recipient & { scope: Scope }>> {
    const rows: Array<RecipientRow & { scope: Scope }> = await this.db.query(
      `SELECT ${COLUMNS}, scope FROM recipients WHERE active AND role = ANY($1::text[]) ORDER BY user_id`,
      [roles],
    );
    return rows.map((row) => ({ ...toRecipient(row), scope: row.scope }));
  }

  async apply(card: RecipientCard, manager?: EntityManager): Promise<boolean> {
    const scope = card.scope;
    const rows: unknown[] = await (manager ?? this.db).query(
      `INSERT INTO recipients (user_id, role, scope, scope_kind, park_id, county_code, department_code,
                               enterprise_id, display_name, email, mobile, active, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (user_id) DO UPDATE SET
         role = EXCLUDED.role, scope = EXCLUDED.scope, scope_kind = EXCLUDED.scope_kind,
         park_id = EXCLUDED.park_id, county_code = EXCLUDED.county_code,
         department_code = EXCLUDED.department_code, enterprise_id = EXCLUDED.enterprise_id,
         display_name = EXCLUDED.display_name, email = EXCLUDED.email, mobile = EXCLUDED.mobile,
         active = EXCLUDED.active, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE recipients.version < EXCLUDED.version
       RETURNING user_id`,
      [
        card.userId,
        card.role,
        JSON.stringify(scope),
        scope.kind,
        scope.kind === 'park' ? scope.parkId : null,
        scope.kind === 'county' || scope.kind === 'department' ? scope.countyCode : null,
        scope.kind === 'department' ? scope.departmentCode : null,
        scope.kind === 'enterprise' ? scope.enterpriseId : null,
        card.displayName,
        card.email,
        card.mobile,
        card.active,
        card.version,
        this.clock.now(),
      ],
    );
    return rows.length > 0;
  }
}
