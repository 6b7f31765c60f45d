import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelTargetInput, ChannelTargetView, TargetKind } from '@daiban/contracts';
import { returnedRows } from '../shared/returned-rows.util';
import { compositeKey } from '../shared/composite-key.util';

export interface WebhookTargetConfig {
  url: string;
  secret?: string;
}

export interface SmtpTargetConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface ChannelTarget {
  id: string;
  kind: TargetKind;
  scopeKind: 'park' | 'county';
  scopeId: string;
  config: WebhookTargetConfig | SmtpTargetConfig;
  enabled: boolean;
  updatedAt: Date;
}

interface TargetRow {
  id: string;
  kind: TargetKind;
  scope_kind: 'park' | 'county';
  scope_id: string;
  config: ChannelTarget['config'];
  enabled: boolean;
  updated_at: Date;
}

const toTarget = (row: TargetRow): ChannelTarget => ({
  id: row.id,
  kind: row.kind,
  scopeKind: row.scope_kind,
  scopeId: row.scope_id,
  config: row.config,
  enabled: row.enabled,
  updatedAt: row.updated_at,
});

export function toTargetView(target: ChannelTarget): ChannelTargetView {
  const summary =
    target.kind === 'smtp'
      ? `${(target.config as SmtpTargetConfig).host}:${(target.config as SmtpTargetConfig).port}`
      : new URL((target.config as WebhookTargetConfig).url).host;
  return {
    id: target.id,
    kind: target.kind,
    scopeKind: target.scopeKind,
    scopeId: target.scopeId,
    enabled: target.enabled,
    summary,
    hasSecret:
      target.kind === 'smtp'
        ? Boolean((target.config as SmtpTargetConfig).password)
        : Boolean((target.config as WebhookTargetConfig).secret),
    updatedAt: target.updatedAt.toISOString(),
  };
}

export const placeKey = (place: { parkId: string; countyCode: string }) =>
  compositeKey(place.parkId, place.countyCode);

/** Group-robot webhooks and SMTP servers, configured by admins per park or county. */
@Injectable()
export class ChannelTargetsRepository {
  async list(m: EntityManager): Promise<ChannelTarget[]> {
    const rows: TargetRow[] = await m.query(
      `SELECT * FROM channel_targets ORDER BY scope_kind, scope_id, kind`,
    );
    return rows.map(toTarget);
  }

  async get(m: EntityManager, id: string): Promise<ChannelTarget | null> {
    const rows: TargetRow[] = await m.query(`SELECT * FROM channel_targets WHERE id = $1`, [id]);
    return rows[0] ? toTarget(rows[0]) : null;
  }

  /**
   * Enabled targets of each place, by `placeKey`: the park's first, then its county's. One read for the
   * places of a consumer batch (bench B2).
   */
  async forPlaces(
    m: EntityManager,
    kinds: readonly TargetKind[],
    places: ReadonlyArray<{ parkId: string; countyCode: string }>,
  ): Promise<Map<string, ChannelTarget[]>> {
    const distinct = [...new Map(places.map((p) => [placeKey(p), p])).values()];
    const result = new Map(distinct.map((p) => [placeKey(p), [] as ChannelTarget[]]));
    if (!distinct.length || !kinds.length) return result;
    const rows: Array<TargetRow & { place: number }> = await m.query(
      `SELECT t.*, p.place FROM channel_targets t
         JOIN unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(park_id, county_code, place)
           ON (t.scope_kind = 'park' AND t.scope_id = p.park_id)
           OR (t.scope_kind = 'county' AND t.scope_id = p.county_code)
        WHERE t.enabled AND t.kind = ANY($1::text[])
        ORDER BY p.place, CASE t.scope_kind WHEN 'park' THEN 0 ELSE 1 END, t.kind`,
      [kinds, distinct.map((p) => p.parkId), distinct.map((p) => p.countyCode)],
    );
    for (const row of rows) result.get(placeKey(distinct[Number(row.place) - 1]))!.push(toTarget(row));
    return result;
  }

  async upsert(m: EntityManager, input: ChannelTargetInput, now: Date): Promise<ChannelTarget> {
    const rows: TargetRow[] = await m.query(
      `INSERT INTO channel_targets (id, kind, scope_kind, scope_id, config, enabled, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT channel_targets_scope_uq DO UPDATE
         SET config = EXCLUDED.config, enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [
        randomUUID(),
        input.kind,
        input.scopeKind,
        input.scopeId,
        JSON.stringify(input.config),
        input.enabled,
        now,
      ],
    );
    return toTarget(rows[0]);
  }

  async remove(m: EntityManager, id: string): Promise<boolean> {
    const rows = returnedRows(await m.query(`DELETE FROM channel_targets WHERE id = $1 RETURNING id`, [id]));
    return rows.length > 0;
  }
}
