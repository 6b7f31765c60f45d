import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationView } from '@daiban/contracts';
import type { RenderedMessage } from '../templates/template.renderer';
import { returnedRows } from '../shared/returned-rows.util';
import { compositeKey } from '../shared/composite-key.util';

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

export interface InboxEntry {
  userId: string;
  sourceKey: string;
  message: RenderedMessage;
  subject: { kind: string; id: string } | null;
  at: Date;
}

/** What makes an inbox row unique: one per (source, user). */
export const inboxKey = (sourceKey: string, userId: string) => compositeKey(sourceKey, userId);

/** The in-app inbox: one row per (source, user), so a replayed trigger cannot notify twice. */
@Injectable()
export class InboxRepository {
  /**
   * Inserts the entries no source has notified their user of yet, in one statement (a consumer batch of
   * accepted items, bench B2); answers the new ids by `inboxKey(sourceKey, userId)`. A replayed trigger
   * finds its row and gets no id.
   */
  async insertMany(m: EntityManager, entries: readonly InboxEntry[]): Promise<Map<string, string>> {
    if (!entries.length) return new Map();
    const rows: Array<{ id: string; user_id: string; source_key: string }> = await m.query(
      `INSERT INTO notifications (id, user_id, source_key, category, template, title, body, urgent,
                                  subject_kind, subject_id, created_at)
       SELECT n.id, n.user_id, n.source_key, n.category, n.template, n.title, n.body, n.urgent,
              n.subject_kind, n.subject_id, n.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::bool[], $9::text[], $10::text[], $11::timestamptz[])
            AS n(id, user_id, source_key, category, template, title, body, urgent, subject_kind, subject_id,
                 created_at)
       ON CONFLICT ON CONSTRAINT notifications_once_uq DO NOTHING
       RETURNING id, user_id, source_key`,
      [
        entries.map(() => randomUUID()),
        entries.map((e) => e.userId),
        entries.map((e) => e.sourceKey),
        entries.map((e) => e.message.category),
        entries.map((e) => e.message.template),
        entries.map((e) => e.message.title),
        entries.map((e) => e.message.body),
        entries.map((e) => e.message.urgent),
        entries.map((e) => e.subject?.kind ?? null),
        entries.map((e) => e.subject?.id ?? null),
        entries.map((e) => e.at),
      ],
    );
    return new Map(rows.map((r) => [inboxKey(r.source_key, r.user_id), r.id]));
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
