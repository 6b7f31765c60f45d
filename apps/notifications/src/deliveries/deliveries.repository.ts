import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from '@daiban/contracts';
import type { DeliveryMessage } from '../channels/channel-sender.types';
import { returnedRows } from '../shared/returned-rows.util';

export interface Delivery {
  id: string;
  sourceKey: string;
  recipientKey: string;
  channel: DeliveryChannel;
  targetId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  notBefore: Date;
  message: DeliveryMessage;
}

interface DeliveryRow {
  id: string;
  source_key: string;
  recipient_key: string;
  channel: DeliveryChannel;
  target_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  not_before: Date;
  message: DeliveryMessage;
}

const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  sourceKey: row.source_key,
  recipientKey: row.recipient_key,
  channel: row.channel,
  targetId: row.target_id,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  notBefore: row.not_before,
  message: row.message,
});

export interface NewDelivery {
  sourceKey: string;
  recipientKey: string;
  channel: DeliveryChannel;
  notificationId: string | null;
  targetId: string | null;
  notBefore: Date;
  message: DeliveryMessage;
  at: Date;
}

/** One row per (source, recipient, channel): the unique key is what makes sending idempotent. */
@Injectable()
export class DeliveriesRepository {
  /**
   * Inserts the deliveries not made yet, in one statement (a consumer batch, bench B2); answers the ones
   * inserted. The unique key (source, recipient, channel) is what keeps a replay from sending twice.
   */
  async insertMany(
    m: EntityManager,
    all: readonly NewDelivery[],
  ): Promise<Array<Pick<Delivery, 'id' | 'notBefore'>>> {
    if (!all.length) return [];
    const rows: Array<{ id: string; not_before: Date }> = await m.query(
      `INSERT INTO deliveries (id, source_key, recipient_key, channel, notification_id, target_id, status,
                               not_before, message, created_at, updated_at)
       SELECT d.id, d.source_key, d.recipient_key, d.channel, d.notification_id, d.target_id, 'queued',
              d.not_before, d.message, d.at, d.at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::timestamptz[],
                   $8::jsonb[], $9::timestamptz[])
            AS d(id, source_key, recipient_key, channel, notification_id, target_id, not_before, message, at)
       ON CONFLICT ON CONSTRAINT deliveries_once_uq DO NOTHING
       RETURNING id, not_before`,
      [
        all.map(() => randomUUID()),
        all.map((d) => d.sourceKey),
        all.map((d) => d.recipientKey),
        all.map((d) => d.channel),
        all.map((d) => d.notificationId),
        all.map((d) => d.targetId),
        all.map((d) => d.notBefore),
        all.map((d) => JSON.stringify(d.message)),
        all.map((d) => d.at),
      ],
    );
    return rows.map((r) => ({ id: r.id, notBefore: r.not_before }));
  }

  async get(m: EntityManager, id: string): Promise<Delivery | null> {
    const rows: DeliveryRow[] = await m.query(`SELECT * FROM deliveries WHERE id = $1`, [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /** Counts the attempt before sending, so a crash mid-send still shows in `attempts`. */
  async startAttempt(m: EntityManager, id: string, at: Date): Promise<number> {
    const [row] = returnedRows<{ attempts: number }>(
      await m.query(
        `UPDATE deliveries SET attempts = attempts + 1, updated_at = $2 WHERE id = $1 RETURNING attempts`,
        [id, at],
      ),
    );
    return row.attempts;
  }

  async recordSent(m: EntityManager, id: string, attempt: number, at: Date): Promise<void> {
    await m.query(
      `UPDATE deliveries SET status = 'sent', sent_at = $2, updated_at = $2, last_error = NULL WHERE id = $1`,
      [id, at],
    );
    await m.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, at, outcome) VALUES ($1, $2, $3, 'sent')
       ON CONFLICT ON CONSTRAINT delivery_attempts_pk DO NOTHING`,
      [id, attempt, at],
    );
  }

  /** Nothing to send to: final, with the reason; no attempt was made. */
  async recordSkipped(m: EntityManager, id: string, reason: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE deliveries SET status = 'skipped', last_error = $2, updated_at = $3
        WHERE id = $1 AND status IN ('queued','retrying')`,
      [id, reason.slice(0, 2000), at],
    );
  }

  async recordFailure(
    m: EntityManager,
    id: string,
    attempt: number,
    error: string,
    final: boolean,
    at: Date,
  ): Promise<void> {
    await m.query(`UPDATE deliveries SET status = $2, last_error = $3, updated_at = $4 WHERE id = $1`, [
      id,
      final ? 'failed' : 'retrying',
      error.slice(0, 2000),
      at,
    ]);
    await m.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, at, outcome, error) VALUES ($1, $2, $3, 'failed', $4)
       ON CONFLICT ON CONSTRAINT delivery_attempts_pk DO NOTHING`,
      [id, attempt, at, error.slice(0, 2000)],
    );
  }

  /** Deliveries still owed: the sweeper checks each has a job. */
  async unfinished(m: EntityManager, limit: number, afterId = '00000000-0000-0000-0000-000000000000') {
    const rows: Array<{ id: string; not_before: Date }> = await m.query(
      `SELECT id, not_before FROM deliveries WHERE status IN ('queued','retrying') AND id > $1
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({ id: r.id, notBefore: r.not_before }));
  }
}
