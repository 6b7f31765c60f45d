import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import {
  DomainError,
  enterpriseRegistered,
  enterpriseUpdated,
  type Caller,
  type Contact,
  type EnterpriseView,
  type RpcRequest,
  type listEnterprises,
  type registerEnterprise,
  type updateEnterprise,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { maskPhone } from '@daiban/observability';
import { MSG } from '../registry.messages';
import {
  PARK_STAFF,
  PROJECT_READERS,
  actorOf,
  assertRoleOrForbidden,
  assertRoleOrNotFound,
  isUniqueViolation,
  likePattern,
} from '../shared/access.util';

interface EnterpriseRow {
  id: string;
  name: string;
  credit_code: string;
  legal_representative: string;
  address: string | null;
  home_park_id: string;
  contacts: Contact[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `e.id, e.name, e.credit_code, e.legal_representative, e.address, e.home_park_id, e.contacts, e.version,
  e.created_at, e.updated_at`;

/** Where an enterprise is visible: through its home park and every park/county where it has a project. */
function enterpriseScope(caller: Caller, firstParam: number) {
  const cond = scopeCondition(
    caller.scope,
    { enterpriseId: 'ep.enterprise_id', parkId: 'ep.park_id', countyCode: 'ep.county_code' },
    firstParam,
  );
  return {
    sql: `EXISTS (SELECT 1 FROM enterprise_places ep WHERE ep.enterprise_id = e.id AND ${cond.sql})`,
    params: cond.params,
  };
}

export function toEnterpriseView(r: EnterpriseRow, reveal = false): EnterpriseView {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    legalRepresentative: r.legal_representative,
    address: r.address,
    homeParkId: r.home_park_id,
    contacts: r.contacts.map((c) => ({
      name: c.name,
      title: c.title ?? null,
      phone: reveal ? c.phone : (maskPhone(c.phone) ?? ''),
    })),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

@Injectable()
export class EnterprisesService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** The enterprise as the caller may see it, or NOT_FOUND; `lock` holds the row for an update. */
  async findVisible(
    manager: EntityManager,
    caller: Caller,
    enterpriseId: string,
    lock = false,
  ): Promise<EnterpriseRow> {
    assertRoleOrNotFound(caller, PROJECT_READERS, MSG.enterpriseNotFound);
    const scope = enterpriseScope(caller, 2);
    const rows: EnterpriseRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM enterprises e WHERE e.id = $1 AND ${scope.sql}${lock ? ' FOR UPDATE OF e' : ''}`,
      [enterpriseId, ...scope.params],
    );
    if (!rows[0]) throw new DomainError('NOT_FOUND', MSG.enterpriseNotFound);
    return rows[0];
  }

  async get(caller: Caller, enterpriseId: string): Promise<EnterpriseView> {
    return toEnterpriseView(await this.findVisible(this.db.manager, caller, enterpriseId));
  }

  async list(caller: Caller, query: RpcRequest<typeof listEnterprises>) {
    assertRoleOrForbidden(caller, PROJECT_READERS);
    const scope = enterpriseScope(caller, 1);
    const params: unknown[] = [...scope.params];
    const where = [scope.sql];
    if (query.q) {
      params.push(likePattern(query.q));
      where.push(`(e.name ILIKE $${params.length} OR e.credit_code ILIKE $${params.length})`);
    }
    if (query.parkId) {
      params.push(query.parkId);
      where.push(
        `EXISTS (SELECT 1 FROM enterprise_places ep2 WHERE ep2.enterprise_id = e.id AND ep2.park_id = $${params.length})`,
      );
    }
    const sortColumn = { name: 'e.name', createdAt: 'e.created_at', updatedAt: 'e.updated_at' }[query.sort];
    const whereSql = where.join(' AND ');
    const [{ total }]: Array<{ total: number }> = await this.db.query(
      `SELECT count(*)::int AS total FROM enterprises e WHERE ${whereSql}`,
      params,
    );
    const rows: EnterpriseRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM enterprises e WHERE ${whereSql}
       ORDER BY ${sortColumn} ${query.order === 'asc' ? 'ASC' : 'DESC'}, e.id
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { items: rows.map((r) => toEnterpriseView(r)), total, page: query.page, pageSize: query.pageSize };
  }

  async register(caller: Caller, data: RpcRequest<typeof registerEnterprise>): Promise<EnterpriseView> {
    assertRoleOrForbidden(caller, PARK_STAFF);
    const homeParkId = data.homeParkId ?? (caller.scope.kind === 'park' ? caller.scope.parkId : undefined);
    if (!homeParkId)
      throw new DomainError('VALIDATION_FAILED', MSG.homeParkRequired, [
        { field: 'homeParkId', message: MSG.homeParkRequired },
      ]);
    if (caller.scope.kind !== 'park' || caller.scope.parkId !== homeParkId) {
      throw new DomainError('FORBIDDEN', MSG.homeParkOutsideScope);
    }
    const id = randomUUID();
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO enterprises (id, name, credit_code, legal_representative, address, home_park_id, contacts, version,
             created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $9)`,
          [
            id,
            data.name,
            data.creditCode,
            data.legalRepresentative,
            data.address ?? null,
            homeParkId,
            JSON.stringify(data.contacts),
            caller.userId,
            now,
          ],
        );
        const row = await this.findVisible(manager, caller, id);
        await this.outbox.append(manager, enterpriseRegistered, {
          aggregateId: id,
          aggregateVersion: 1,
          actor: actorOf(caller),
          payload: { enterpriseId: id, name: row.name, creditCode: row.credit_code, version: 1 },
        });
        return toEnterpriseView(row);
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  async update(caller: Caller, data: RpcRequest<typeof updateEnterprise>): Promise<EnterpriseView> {
    assertRoleOrForbidden(caller, ['enterprise', ...PARK_STAFF]);
    try {
      return await this.db.transaction(async (manager) => {
        const current = await this.findVisible(manager, caller, data.enterpriseId, true);
        if (current.version !== data.version)
          throw new DomainError('VERSION_CONFLICT', MSG.enterpriseVersionConflict);
        if (
          data.creditCode !== undefined &&
          data.creditCode !== current.credit_code &&
          caller.role === 'enterprise'
        ) {
          throw new DomainError('FORBIDDEN', MSG.creditCodeLocked);
        }
        const next = {
          name: data.name ?? current.name,
          credit_code: data.creditCode ?? current.credit_code,
          legal_representative: data.legalRepresentative ?? current.legal_representative,
          address: data.address === undefined ? current.address : data.address,
          contacts: data.contacts ?? current.contacts,
        };
        const fieldNames = {
          name: 'name',
          credit_code: 'creditCode',
          legal_representative: 'legalRepresentative',
          address: 'address',
          contacts: 'contacts',
        } as const;
        const changedFields = (Object.keys(next) as Array<keyof typeof next>)
          .filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))
          .map((k) => fieldNames[k]);
        if (!changedFields.length) return toEnterpriseView(current);
        await manager.query(
          `UPDATE enterprises SET name = $2, credit_code = $3, legal_representative = $4, address = $5, contacts = $6,
             version = version + 1, updated_at = $7 WHERE id = $1`,
          [
            current.id,
            next.name,
            next.credit_code,
            next.legal_representative,
            next.address,
            JSON.stringify(next.contacts),
            this.clock.now(),
          ],
        );
        const row = await this.findVisible(manager, caller, current.id);
        await this.outbox.append(manager, enterpriseUpdated, {
          aggregateId: row.id,
          aggregateVersion: row.version,
          actor: actorOf(caller),
          payload: {
            enterpriseId: row.id,
            name: row.name,
            creditCode: row.credit_code,
            version: row.version,
            changedFields,
          },
        });
        return toEnterpriseView(row);
      });
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Reading full phones is not a state change; the gateway writes the audit row for each reveal. */
  async revealContacts(caller: Caller, enterpriseId: string) {
    const row = await this.findVisible(this.db.manager, caller, enterpriseId);
    assertRoleOrForbidden(caller, ['enterprise', ...PARK_STAFF]);
    return { enterpriseId: row.id, contacts: toEnterpriseView(row, true).contacts };
  }

  private translate(error: unknown): unknown {
    if (isUniqueViolation(error, 'enterprises_credit_code_key')) {
      return new DomainError('DUPLICATE', MSG.creditCodeDuplicate, [
        { field: 'creditCode', message: MSG.creditCodeDuplicate },
      ]);
    }
    return error;
  }
}
