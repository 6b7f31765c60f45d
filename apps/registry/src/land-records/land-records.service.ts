import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scopeCovers } from '@daiban/auth';
import {
  DomainError,
  landRecorded,
  type Caller,
  type RpcRequest,
  type listLand,
  type recordLand,
} from '@daiban/contracts';
import { Clock, shanghaiDateOf } from '@daiban/calendar';
import { OutboxWriter } from '@daiban/messaging';
import { ParksService } from '../parks/parks.service';
import { MSG } from '../registry.messages';
import { PARK_STAFF, actorOf, assertRoleOrForbidden } from '../shared/access.util';

const LAND_READERS = ['agent', 'center_director', 'leader'] as const;

interface LandRow {
  id: string;
  park_id: string;
  county_code: string;
  kind: 'reserved' | 'revitalized';
  area_mu: string;
  date: string;
  parcel: string;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

const SELECT = `SELECT id, park_id, county_code, kind, area_mu::text AS area_mu, date::text AS date, parcel, note,
  recorded_by, recorded_at FROM land_records`;

const toView = (r: LandRow) => ({
  id: r.id,
  parkId: r.park_id,
  countyCode: r.county_code,
  kind: r.kind,
  areaMu: r.area_mu,
  date: r.date,
  parcel: r.parcel,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});

/** 新收储 / 新盘活 per park, the land half of the quarterly tracking. */
@Injectable()
export class LandRecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly parks: ParksService,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** A park is "visible" for land when the caller's scope covers it; enterprises never see land records. */
  private async visiblePark(caller: Caller, parkId: string) {
    const park = await this.parks.findPark(this.db.manager, parkId);
    const readable = (LAND_READERS as readonly string[]).includes(caller.role);
    if (!park || !readable || !scopeCovers(caller.scope, { parkId: park.id, countyCode: park.countyCode })) {
      throw new DomainError('NOT_FOUND', MSG.parkNotFound);
    }
    return park;
  }

  async record(caller: Caller, data: RpcRequest<typeof recordLand>) {
    const park = await this.visiblePark(caller, data.parkId);
    assertRoleOrForbidden(caller, PARK_STAFF, MSG.landWriteForbidden);
    const now = this.clock.now();
    if (data.date > shanghaiDateOf(now)) {
      throw new DomainError('VALIDATION_FAILED', MSG.landInFuture, [
        { field: 'date', message: MSG.landInFuture },
      ]);
    }
    return this.db.transaction(async (manager) => {
      const rows: LandRow[] = await manager.query(
        `INSERT INTO land_records (id, park_id, county_code, kind, area_mu, date, parcel, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9, $10)
         RETURNING id, park_id, county_code, kind, area_mu::text AS area_mu, date::text AS date, parcel, note,
           recorded_by, recorded_at`,
        [
          randomUUID(),
          park.id,
          park.countyCode,
          data.kind,
          data.areaMu,
          data.date,
          data.parcel,
          data.note ?? null,
          caller.userId,
          now,
        ],
      );
      const view = toView(rows[0]);
      await this.outbox.append(manager, landRecorded, {
        aggregateId: view.id,
        aggregateVersion: 1,
        actor: actorOf(caller),
        payload: {
          landRecordId: view.id,
          parkId: view.parkId,
          countyCode: view.countyCode,
          kind: view.kind,
          areaMu: view.areaMu.replace(/\.?0+$/, ''),
          date: view.date,
        },
      });
      return view;
    });
  }

  async list(caller: Caller, query: RpcRequest<typeof listLand>) {
    const park = await this.visiblePark(caller, query.parkId);
    const params: unknown[] = [park.id];
    const where = ['park_id = $1'];
    if (query.kind) where.push(`kind = $${params.push(query.kind)}`);
    if (query.from) where.push(`date >= $${params.push(query.from)}`);
    if (query.to) where.push(`date <= $${params.push(query.to)}`);
    const sql = where.join(' AND ');
    const [agg]: Array<{ total: number; reserved: string; revitalized: string }> = await this.db.query(
      `SELECT count(*)::int AS total,
         coalesce(sum(area_mu) FILTER (WHERE kind = 'reserved'), 0)::text AS reserved,
         coalesce(sum(area_mu) FILTER (WHERE kind = 'revitalized'), 0)::text AS revitalized
       FROM land_records WHERE ${sql}`,
      params,
    );
    const rows: LandRow[] = await this.db.query(
      `${SELECT} WHERE ${sql} ORDER BY date ${query.order === 'asc' ? 'ASC' : 'DESC'}, id
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return {
      items: rows.map(toView),
      total: agg.total,
      page: query.page,
      pageSize: query.pageSize,
      totals: { reserved: agg.reserved, revitalized: agg.revitalized },
    };
  }
}
