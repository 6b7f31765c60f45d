import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationView } from '@daiban/contracts';
import type { RenderedMessage } from '../templates/template.renderer';
import { returnedRows } from '../shared/returned-rows.util';

interface NotificationRow {
  id: string;
  category: NotificationView['category'];
  template: string;
  title: string;
  body: string;
  urgent: boolean;
  subject_kind: string | null;
  subject_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

const toView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  category: row.category,
  template: row.template,
  title: row.title,
  body: row.body,
  urgent: row.urgent,
  subjectKind: row.subject_kind,
  subjectId: row.subject_id,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

/** The in-app inbox: one row per (source, user), so a replayed trigger cannot notify twice. */
@Injectable()
export class InboxRepository {
  /** Returns the new id, or null when this source already notified this user. */
  async insertOnce(
    m: EntityManager,
    entry: {
      userId: string;
      sourceKey: string;
      message: RenderedMessage;
      subject: { kind: string; id: string } | null;
      at: Date;
    },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO notifications (id, user_id, source_key, category, template, title, body, urgent,
                                  subject_kind, subject_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT notifications_once_uq DO NOTHING
       RETURNING id`,
      [
        randomUUID(),
        entry.userId,
        entry.sourceKey,
        entry.message.category,
        entry.message.template,
        entry.message.title,
        entry.message.body,
        entry.message.urgent,
        entry.subject?.kind ?? null,
        entry.subject?.id ?? null,
        entry.at,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async list(
    m: EntityManager,
    userId: string,
    options: { unreadOnly: boolean; limit: number; before?: string },
  ): Promise<NotificationView[]> {
    const rows: NotificationRow[] = await m.query(
      `SELECT * FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
          AND ($3::timestamptz IS NULL OR created_at < $3::timestamptz)
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [userId, options.unreadOnly, options.before ?? null, options.limit],
    );
    return rows.map(toView);
  }

  async unreadCount(m: EntityManager, userId: string): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row.n;
  }

  /** Only the caller's own rows: someone else's id is silently not theirs to mark. */
  async markRead(m: EntityManager, userId: string, ids: readonly string[] | null, at: Date): Promise<number> {
    const rows = returnedRows(
      await m.query(
        `UPDATE notifications SET read_at = $3
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        RETURNING id`,
        [userId, ids, at],
      ),
    );
    return rows.length;
  }
}
