import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@daiban/database';
import { WorkingCalendar, type CalendarYear } from '@daiban/calendar';
import type { CalendarYearView } from '@daiban/contracts';

interface YearRow {
  year: number;
  holidays: string[];
  makeup_workdays: string[];
  source: string | null;
  revision: number;
  updated_at: Date;
  updated_by: string | null;
}

const toView = (row: YearRow): CalendarYearView => ({
  year: row.year,
  holidays: row.holidays,
  makeupWorkdays: row.makeup_workdays,
  source: row.source,
  revision: row.revision,
  updatedAt: row.updated_at.toISOString(),
  updatedBy: row.updated_by,
});

/** The years as the calendar needs them, sent by PostgreSQL only when its version moved. */
interface YearJson {
  year: number;
  holidays: string[];
  makeupWorkdays: string[];
  source: string | null;
}

/** What `fields(n)` adds to a statement's row. */
export interface CalendarColumns {
  calendarKey: string;
  calendarYears: YearJson[] | null;
}

/**
 * The version of the whole table as of the statement's snapshot. Every write of a row (insert, update,
 * delete and re-insert) gives that row version a new (xmin, ctid): a later transaction has another xmin,
 * and two versions written by one transaction live at different ctids until it ends. So an equal key means
 * the very rows the cached calendar was built from, whoever edited the table and through which replica.
 */
const VERSION_SQL = `(SELECT coalesce(string_agg(year || ':' || xmin::text || ':' || ctid::text, ',' ORDER BY year), '')
  FROM calendar_years)`;

const YEARS_SQL = `(SELECT json_agg(json_build_object('year', year, 'holidays', holidays,
  'makeupWorkdays', makeup_workdays, 'source', source) ORDER BY year) FROM calendar_years)`;

/**
 * Every read computes with the calendar of its own snapshot: the statement that reads the case or item
 * also reads the table's version (`columns`), and the years themselves only when that version is not the
 * one this process last built a calendar from. An admin edit made through any replica is therefore used
 * by the first statement that sees it committed, with no invalidation message to miss.
 */
@Injectable()
export class CalendarRepository {
  /** The last calendar built and the version of the rows it was built from: building validates every year. */
  private cached: { key: string; calendar: WorkingCalendar } | null = null;

  /**
   * SQL expressions (by field name) for `calendarKey` and, unless the version equals the parameter `$n`,
   * `calendarYears`: pass `probe.param` as `$n` and hand the fields to `probe.resolve`.
   */
  fields(n: number): Record<keyof CalendarColumns, string> {
    return {
      calendarKey: VERSION_SQL,
      calendarYears: `CASE WHEN ${VERSION_SQL} IS DISTINCT FROM $${n}::text THEN ${YEARS_SQL} END`,
    };
  }

  /**
   * Taken before the statement is sent: a concurrent request may replace the cache meanwhile, and this one
   * must resolve against the calendar whose key it sent.
   */
  probe(): { param: string | null; resolve(row: CalendarColumns): WorkingCalendar } {
    const sent = this.cached;
    return {
      param: sent?.key ?? null,
      resolve: (row) => {
        if (row.calendarYears === null && sent && sent.key === row.calendarKey) return sent.calendar;
        const calendar = new WorkingCalendar(
          (row.calendarYears ?? []).map((year) => ({
            year: year.year,
            holidays: year.holidays,
            makeupWorkdays: year.makeupWorkdays,
            ...(year.source ? { source: year.source } : {}),
          })),
        );
        this.cached = { key: row.calendarKey, calendar };
        return calendar;
      },
    };
  }

  /** The calendar as the manager's transaction sees it, in one small statement. */
  async load(manager: EntityManager): Promise<WorkingCalendar> {
    const probe = this.probe();
    const { calendarKey, calendarYears } = this.fields(1);
    const [row] = await preparedQuery<CalendarColumns>(
      manager,
      `SELECT ${calendarKey} AS "calendarKey", ${calendarYears} AS "calendarYears"`,
      [probe.param],
    );
    return probe.resolve(row);
  }

  async get(manager: EntityManager, year: number): Promise<CalendarYearView | null> {
    const rows: YearRow[] = await manager.query(`SELECT * FROM calendar_years WHERE year = $1`, [year]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async years(manager: EntityManager): Promise<number[]> {
    const rows: Array<{ year: number }> = await manager.query(
      `SELECT year FROM calendar_years ORDER BY year`,
    );
    return rows.map((row) => row.year);
  }

  /** Serialises concurrent edits of the calendar: the recompute that follows must see one calendar. */
  async lockAll(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('workflow.calendar'))`);
  }

  async upsert(manager: EntityManager, year: CalendarYear, userId: string): Promise<CalendarYearView> {
    const rows: YearRow[] = await manager.query(
      `INSERT INTO calendar_years (year, holidays, makeup_workdays, source, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, makeup_workdays = EXCLUDED.makeup_workdays,
         source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now(),
         revision = calendar_years.revision + 1
       RETURNING *`,
      [
        year.year,
        JSON.stringify(year.holidays),
        JSON.stringify(year.makeupWorkdays),
        year.source ?? null,
        userId,
      ],
    );
    return toView(rows[0]);
  }
}
