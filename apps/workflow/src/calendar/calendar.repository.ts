import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

/**
 * The calendar is read from the table on every use (a handful of rows), so an admin edit made through any
 * replica is what every replica computes with from the next request on.
 */
@Injectable()
export class CalendarRepository {
  /** The last calendar built and the rows it was built from: validating the years costs more than the query. */
  private cached: { key: string; calendar: WorkingCalendar } | null = null;

  async load(manager: EntityManager): Promise<WorkingCalendar> {
    const rows: YearRow[] = await manager.query(`SELECT * FROM calendar_years ORDER BY year`);
    const key = JSON.stringify(rows.map((row) => [row.year, row.holidays, row.makeup_workdays, row.source]));
    if (this.cached?.key !== key) {
      this.cached = {
        key,
        calendar: new WorkingCalendar(
          rows.map((row) => ({
            year: row.year,
            holidays: row.holidays,
            makeupWorkdays: row.makeup_workdays,
            ...(row.source ? { source: row.source } : {}),
          })),
        ),
      };
    }
    return this.cached.calendar;
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
