import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  parkRegistered,
  parkUpdated,
  type Caller,
  type CountyView,
  type ParkView,
  type RpcRequest,
  type createPark,
  type updatePark,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { MSG } from '../registry.messages';
import { actorOf, assertRoleOrForbidden, isUniqueViolation } from '../shared/access.util';

interface ParkRow {
  id: string;
  name: string;
  county_code: string;
  county_name: string;
  level: ParkView['level'];
  description: string | null;
  active: boolean;
  version: number;
}

const PARK_SELECT = `SELECT k.id, k.name, k.county_code, c.name AS county_name, k.level, k.description, k.active, k.version
  FROM parks k JOIN counties c ON c.code = k.county_code`;

const toView = (r: ParkRow): ParkView => ({
  id: r.id,
  name: r.name,
  countyCode: r.county_code,
  countyName: r.county_name,
  level: r.level,
  description: r.description,
  active: r.active,
  version: r.version,
});

/** Counties and parks: reference data every signed-in user may read and only admins change. */
@Injectable()
export class ParksService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async listCounties(): Promise<CountyView[]> {
    const rows: Array<{ code: string; name: string; kind: CountyView['kind']; sort_order: number }> =
      await this.db.query(`SELECT code, name, kind, sort_order FROM counties ORDER BY sort_order, code`);
    return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, sortOrder: r.sort_order }));
  }

  async listParks(
    caller: Caller,
    filter: { countyCode?: string; includeInactive?: boolean },
  ): Promise<ParkView[]> {
    const includeInactive = filter.includeInactive === true && caller.role === 'admin';
    const rows: ParkRow[] = await this.db.query(
      `${PARK_SELECT} WHERE ($1::text IS NULL OR k.county_code = $1) AND ($2 OR k.active)
       ORDER BY c.sort_order, k.id`,
      [filter.countyCode ?? null, includeInactive],
    );
    return rows.map(toView);
  }

  async findPark(manager: EntityManager, parkId: string, lock = false): Promise<ParkView | null> {
    const rows: ParkRow[] = await manager.query(
      `${PARK_SELECT} WHERE k.id = $1${lock ? ' FOR UPDATE OF k' : ''}`,
      [parkId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async create(caller: Caller, data: RpcRequest<typeof createPark>): Promise<ParkView> {
    assertRoleOrForbidden(caller, ['admin']);
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (manager) => {
        const county: unknown[] = await manager.query(`SELECT 1 FROM counties WHERE code = $1`, [
          data.countyCode,
        ]);
        if (!county.length) {
          throw new DomainError('VALIDATION_FAILED', MSG.countyNotFound, [
            { field: 'countyCode', message: MSG.countyNotFound },
          ]);
        }
        await manager.query(
          `INSERT INTO parks (id, name, county_code, level, description, active, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, true, 1, $6, $6)`,
          [data.id, data.name, data.countyCode, data.level, data.description ?? null, now],
        );
        const park = (await this.findPark(manager, data.id))!;
        await this.outbox.append(manager, parkRegistered, {
          aggregateId: park.id,
          aggregateVersion: 1,
          actor: actorOf(caller),
          payload: {
            parkId: park.id,
            name: park.name,
            countyCode: park.countyCode,
            active: true,
            version: 1,
          },
        });
        return park;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'parks_pkey')) {
        throw new DomainError('DUPLICATE', MSG.parkExists, [{ field: 'id', message: MSG.parkExists }]);
      }
      throw error;
    }
  }

  async update(caller: Caller, data: RpcRequest<typeof updatePark>): Promise<ParkView> {
    assertRoleOrForbidden(caller, ['admin']);
    return this.db.transaction(async (manager) => {
      const current = await this.findPark(manager, data.parkId, true);
      if (!current) throw new DomainError('NOT_FOUND', MSG.parkNotFound);
      if (current.version !== data.version)
        throw new DomainError('VERSION_CONFLICT', MSG.parkVersionConflict);
      const next = {
        name: data.name ?? current.name,
        level: data.level ?? current.level,
        description: data.description === undefined ? current.description : data.description,
        active: data.active ?? current.active,
      };
      const changedFields = (Object.keys(next) as Array<keyof typeof next>).filter(
        (k) => next[k] !== current[k],
      );
      if (!changedFields.length) return current;
      await manager.query(
        `UPDATE parks SET name = $2, level = $3, description = $4, active = $5, version = version + 1, updated_at = $6
         WHERE id = $1`,
        [current.id, next.name, next.level, next.description, next.active, this.clock.now()],
      );
      const park = (await this.findPark(manager, current.id))!;
      await this.outbox.append(manager, parkUpdated, {
        aggregateId: park.id,
        aggregateVersion: park.version,
        actor: actorOf(caller),
        payload: {
          parkId: park.id,
          name: park.name,
          countyCode: park.countyCode,
          active: park.active,
          version: park.version,
          changedFields,
        },
      });
      return park;
    });
  }
}
