import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderRung } from '@daiban/contracts';
import type { Deadline, ParsedDeadlineInput, Rung } from './deadline.types';
import type { RungSchedule } from './rung-schedule.util';
import { returnedRows } from '../shared/returned-rows.util';
import { compositeKey } from '../shared/composite-key.util';

interface DeadlineRow {
  key: string;
  kind: Deadline['kind'];
  subject_id: string;
  title: string;
  version: number;
  status: Deadline['status'];
  time_limit: Deadline['timeLimit'];
  due_at: Date | null;
  enterprise_id: string;
  park_id: string;
  county_code: string;
  department_codes: string[];
  major: boolean;
  green_channel: boolean;
  subjects: Deadline['subjects'];
}

/** One page of `nextRungs`: the rungs to arm and where the next page starts. */
export interface NextRungsPage {
  rungs: Rung[];
  lastKey: string;
  done: boolean;
}

/** One deadline's new version as the reminder engine computed it. */
export interface DeadlineChange {
  key: string;
  input: ParsedDeadlineInput;
  schedule: RungSchedule;
}

interface RungRow {
  deadline_key: string;
  rung: ReminderRung;
  version: number;
  fire_at: Date;
  status: Rung['status'];
  fired_at: Date | null;
}

export const toDeadline = (row: DeadlineRow): Deadline => ({
  key: row.key,
  kind: row.kind,
  subjectId: row.subject_id,
  title: row.title,
  version: row.version,
  status: row.status,
  timeLimit: row.time_limit,
  dueAt: row.due_at,
  place: {
    enterpriseId: row.enterprise_id,
    parkId: row.park_id,
    countyCode: row.county_code,
    departmentCodes: row.department_codes,
  },
  major: row.major,
  greenChannel: row.green_channel,
  subjects: row.subjects,
});

const rungId = (key: string, rung: string, version: number) => compositeKey(key, rung, version);

const toRung = (row: RungRow): Rung => ({
  deadlineKey: row.deadline_key,
  rung: row.rung,
  version: row.version,
  fireAt: row.fire_at,
  status: row.status,
  firedAt: row.fired_at,
});

/** Deadlines and their rungs: the source of truth the BullMQ jobs are rebuilt from. */
@Injectable()
export class DeadlinesRepository {
  async lock(m: EntityManager, key: string): Promise<Deadline | null> {
    const rows: DeadlineRow[] = await m.query(`SELECT * FROM deadlines WHERE key = $1 FOR UPDATE`, [key]);
    return rows[0] ? toDeadline(rows[0]) : null;
  }

  async find(m: EntityManager, key: string): Promise<Deadline | null> {
    return (await this.findMany(m, [key])).get(key) ?? null;
  }

  /** The stored deadlines among `keys`, by key, in one read (a consumer batch's closings). */
  async findMany(m: EntityManager, keys: readonly string[]): Promise<Map<string, Deadline>> {
    if (!keys.length) return new Map();
    const rows: DeadlineRow[] = await m.query(`SELECT * FROM deadlines WHERE key = ANY($1::text[])`, [
      [...new Set(keys)],
    ]);
    return new Map(rows.map((row) => [row.key, toDeadline(row)]));
  }

  /**
   * Inserts or replaces each deadline unless the stored one has its version or a newer one; answers the
   * keys it wrote. The upsert locks the rows, serialising concurrent changes of one deadline; a new key by
   * its primary key. One statement for all: a consumer batch changes many deadlines at once (bench B4).
   * Keys must be distinct (one statement cannot change a row twice).
   */
  async saveIfNewer(m: EntityManager, changes: readonly DeadlineChange[], now: Date): Promise<Set<string>> {
    if (!changes.length) return new Set();
    const column = <T>(f: (c: DeadlineChange) => T) => changes.map(f);
    const rows: Array<{ key: string }> = await m.query(
      `INSERT INTO deadlines (key, kind, subject_id, title, version, status, time_limit, due_at, provisional,
                              enterprise_id, park_id, county_code, department_codes, major, green_channel,
                              subjects, updated_at)
       SELECT d.key, d.kind, d.subject_id, d.title, d.version, d.status, d.time_limit, d.due_at, d.provisional,
              d.enterprise_id, d.park_id, d.county_code,
              ARRAY(SELECT jsonb_array_elements_text(d.department_codes)), d.major, d.green_channel, d.subjects, $17
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[],
                   $8::timestamptz[], $9::bool[], $10::text[], $11::text[], $12::text[], $13::jsonb[], $14::bool[],
                   $15::bool[], $16::jsonb[])
            AS d(key, kind, subject_id, title, version, status, time_limit, due_at, provisional, enterprise_id,
                 park_id, county_code, department_codes, major, green_channel, subjects)
       ON CONFLICT (key) DO UPDATE SET
         title = EXCLUDED.title, version = EXCLUDED.version, status = EXCLUDED.status,
         time_limit = EXCLUDED.time_limit, due_at = EXCLUDED.due_at, provisional = EXCLUDED.provisional,
         enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id,
         county_code = EXCLUDED.county_code, department_codes = EXCLUDED.department_codes,
         major = EXCLUDED.major, green_channel = EXCLUDED.green_channel, subjects = EXCLUDED.subjects,
         updated_at = EXCLUDED.updated_at
       WHERE deadlines.version < EXCLUDED.version
       RETURNING key`,
      [
        column((c) => c.key),
        column((c) => c.input.kind),
        column((c) => c.input.subjectId),
        column((c) => c.input.title),
        column((c) => c.input.version),
        column((c) => c.schedule.status),
        column((c) => JSON.stringify(c.input.timeLimit)),
        column((c) => c.schedule.dueAt),
        column((c) => c.schedule.provisional),
        column((c) => c.input.place.enterpriseId),
        column((c) => c.input.place.parkId),
        column((c) => c.input.place.countyCode),
        column((c) => JSON.stringify(c.input.place.departmentCodes)),
        column((c) => c.input.major),
        column((c) => c.input.greenChannel),
        column((c) => JSON.stringify(c.input.subjects)),
        now,
      ],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Cancels the pending rungs of every other version; returns them so their jobs can be removed. */
  async cancelPendingExcept(m: EntityManager, current: readonly DeadlineChange[]): Promise<Rung[]> {
    if (!current.length) return [];
    const rows = returnedRows<RungRow>(
      await m.query(
        `UPDATE reminder_rungs r SET status = 'cancelled'
        FROM unnest($1::text[], $2::int[]) AS k(key, version)
        WHERE r.deadline_key = k.key AND r.version <> k.version AND r.status = 'pending'
        RETURNING r.*`,
        [current.map((c) => c.key), current.map((c) => c.input.version)],
      ),
    );
    return rows.map(toRung);
  }

  /**
   * The versions' rungs in one statement; those already stored are left alone and not returned. Only the
   * keys of the inserted rows come back: the rest is what was inserted, and reading back and parsing every
   * column of four rungs per deadline was a twentieth of the notifications process's CPU in bench B4.
   */
  async insertRungs(m: EntityManager, changes: readonly DeadlineChange[]): Promise<Rung[]> {
    const rungs = changes.flatMap((c) =>
      c.schedule.rungs.map((r) => ({ ...r, key: c.key, version: c.input.version })),
    );
    if (!rungs.length) return [];
    const rows: Array<Pick<RungRow, 'deadline_key' | 'rung' | 'version'>> = await m.query(
      `INSERT INTO reminder_rungs (deadline_key, rung, version, fire_at, status)
       SELECT r.key, r.rung, r.version, r.fire_at, 'pending'
       FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[]) AS r(key, rung, version, fire_at)
       ON CONFLICT ON CONSTRAINT reminder_rungs_pk DO NOTHING
       RETURNING deadline_key, rung, version`,
      [
        rungs.map((r) => r.key),
        rungs.map((r) => r.rung),
        rungs.map((r) => r.version),
        rungs.map((r) => r.fireAt),
      ],
    );
    const inserted = new Set(rows.map((row) => rungId(row.deadline_key, row.rung, row.version)));
    return rungs
      .filter((r) => inserted.has(rungId(r.key, r.rung, r.version)))
      .map((r) => ({
        deadlineKey: r.key,
        rung: r.rung,
        version: r.version,
        fireAt: r.fireAt,
        status: 'pending',
        firedAt: null,
      }));
  }

  async findRung(m: EntityManager, key: string, rung: ReminderRung, version: number): Promise<Rung | null> {
    const rows: RungRow[] = await m.query(
      `SELECT * FROM reminder_rungs WHERE deadline_key = $1 AND rung = $2 AND version = $3`,
      [key, rung, version],
    );
    return rows[0] ? toRung(rows[0]) : null;
  }

  /** The idempotency gate: exactly one caller turns a rung from pending to fired. */
  async markFired(m: EntityManager, key: string, rung: ReminderRung, version: number, at: Date) {
    const rows = returnedRows(
      await m.query(
        `UPDATE reminder_rungs SET status = 'fired', fired_at = $4, last_error = NULL
        WHERE deadline_key = $1 AND rung = $2 AND version = $3 AND status = 'pending'
        RETURNING rung`,
        [key, rung, version, at],
      ),
    );
    return rows.length === 1;
  }

  /**
   * The next pending rung of each open deadline's current version: what Redis must hold a job for. One job
   * per deadline, not one per rung — firing a rung arms the next (bench B4: a quarter of the Redis writes
   * and memory) — keyset-paged by deadline key. A page walks the keys of the deadlines not closed from the
   * cursor (`deadlines_unclosed_key_idx`) and looks up each one's first pending rung by its own key
   * (`reminder_rungs_next_idx`): the join this replaced had no bound on the deadlines side, so every page
   * re-read the deadlines from the first key, and a pass grew with the square of their number (bench B4:
   * more than 600 s for 100,000). `lastKey` is the last deadline the page read, with or without a pending
   * rung; `done` says no deadline follows it.
   */
  async nextRungs(m: EntityManager, limit: number, afterKey = ''): Promise<NextRungsPage> {
    const rows: Array<RungRow & { page_key: string }> = await m.query(
      `SELECT d.key AS page_key, r.* FROM
         (SELECT key, version, status FROM deadlines WHERE status <> 'closed' AND key > $1
           ORDER BY key LIMIT $2) d
         LEFT JOIN LATERAL (
           SELECT * FROM reminder_rungs r
            WHERE d.status = 'open' AND r.deadline_key = d.key AND r.version = d.version AND r.status = 'pending'
            ORDER BY r.fire_at, r.rung LIMIT 1) r ON true
        ORDER BY d.key`,
      [afterKey, limit],
    );
    return {
      rungs: rows.filter((row) => row.deadline_key !== null).map(toRung),
      lastKey: rows.length ? rows[rows.length - 1].page_key : afterKey,
      done: rows.length < limit,
    };
  }

  /**
   * `nextRungs` restricted to the rungs due by `before`, for the periodic sweep: read from the pending
   * rungs by time (`reminder_rungs_due_idx`), so its cost follows the rungs due soon, not every open
   * deadline. The first pending rung of a deadline fires no later than any other, so when any rung of it
   * is due by `before`, the first one is among those read. Each rung's deadline is looked up by its key
   * (the LIMIT keeps that a lookup: as a plain join the planner hashed every deadline, 100,000 rows a
   * minute). The first page has no key bound: without statistics the planner read the bound from the
   * whole next-rung index instead of reading the few rungs due.
   */
  async dueRungs(m: EntityManager, before: Date, limit: number, afterKey?: string): Promise<NextRungsPage> {
    const rows: RungRow[] = await m.query(
      `SELECT DISTINCT ON (r.deadline_key) r.* FROM reminder_rungs r
         CROSS JOIN LATERAL (
           SELECT 1 FROM deadlines d
            WHERE d.key = r.deadline_key AND d.version = r.version AND d.status = 'open' LIMIT 1) d
        WHERE r.status = 'pending' AND r.fire_at <= $1 ${afterKey === undefined ? '' : 'AND r.deadline_key > $3'}
        ORDER BY r.deadline_key, r.fire_at, r.rung
        LIMIT $2`,
      afterKey === undefined ? [before, limit] : [before, limit, afterKey],
    );
    return {
      rungs: rows.map(toRung),
      lastKey: rows.length ? rows[rows.length - 1].deadline_key : (afterKey ?? ''),
      done: rows.length < limit,
    };
  }

  /** The rung of this version that fires next, if one is still pending. */
  async nextRung(m: EntityManager, key: string, version: number): Promise<Rung | null> {
    const rows: RungRow[] = await m.query(
      `SELECT * FROM reminder_rungs WHERE deadline_key = $1 AND version = $2 AND status = 'pending'
        ORDER BY fire_at, rung LIMIT 1`,
      [key, version],
    );
    return rows[0] ? toRung(rows[0]) : null;
  }

  async rungsOf(m: EntityManager, key: string): Promise<Rung[]> {
    const rows: RungRow[] = await m.query(
      `SELECT * FROM reminder_rungs WHERE deadline_key = $1 ORDER BY version, fire_at, rung`,
      [key],
    );
    return rows.map(toRung);
  }
}
