import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTIFICATION_CATEGORIES, type NotificationCategory, type Preferences } from '@daiban/contracts';
import { compositeKey } from '../shared/composite-key.util';

export type ChannelSwitches = { email: boolean; sms: boolean };

/** Email on, SMS off until a user asks for it (SMS costs money and interrupts). */
export const DEFAULT_SWITCHES: Readonly<ChannelSwitches> = Object.freeze({ email: true, sms: false });

export function defaultPreferences(): Preferences {
  return {
    categories: Object.fromEntries(
      NOTIFICATION_CATEGORIES.map((c) => [c, { ...DEFAULT_SWITCHES }]),
    ) as Preferences['categories'],
  };
}

export const switchesKey = (userId: string, category: NotificationCategory) => compositeKey(userId, category);

@Injectable()
export class PreferencesRepository {
  async forUser(m: EntityManager, userId: string): Promise<Preferences> {
    const prefs = defaultPreferences();
    const rows: Array<{ category: NotificationCategory; email: boolean; sms: boolean }> = await m.query(
      `SELECT category, email, sms FROM preferences WHERE user_id = $1`,
      [userId],
    );
    for (const row of rows) prefs.categories[row.category] = { email: row.email, sms: row.sms };
    return prefs;
  }

  /**
   * Each (user, category)'s switches, the defaults where the user set none, by `switchesKey`: one read for
   * a consumer batch's messages of several categories (bench B2).
   */
  async switchesFor(
    m: EntityManager,
    wanted: ReadonlyArray<{ userId: string; category: NotificationCategory }>,
  ): Promise<Map<string, ChannelSwitches>> {
    const result = new Map(wanted.map((w) => [switchesKey(w.userId, w.category), { ...DEFAULT_SWITCHES }]));
    if (!wanted.length) return result;
    const rows: Array<{ user_id: string; category: NotificationCategory; email: boolean; sms: boolean }> =
      await m.query(
        `SELECT user_id, category, email, sms FROM preferences
          WHERE user_id = ANY($1::text[]) AND category = ANY($2::text[])`,
        [[...new Set(wanted.map((w) => w.userId))], [...new Set(wanted.map((w) => w.category))]],
      );
    for (const row of rows) {
      const key = switchesKey(row.user_id, row.category);
      if (result.has(key)) result.set(key, { email: row.email, sms: row.sms });
    }
    return result;
  }

  async save(
    m: EntityManager,
    userId: string,
    category: NotificationCategory,
    switches: ChannelSwitches,
    now: Date,
  ): Promise<void> {
    await m.query(
      `INSERT INTO preferences (user_id, category, email, sms, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT preferences_pk DO UPDATE
         SET email = EXCLUDED.email, sms = EXCLUDED.sms, updated_at = EXCLUDED.updated_at`,
      [userId, category, switches.email, switches.sms, now],
    );
  }
}
