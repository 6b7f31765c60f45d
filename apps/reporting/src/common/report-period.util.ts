import { shanghaiDateOf, shanghaiStartOfDay, type LocalDate, type Quarter } from '@daiban/calendar';

export interface Period {
  start: LocalDate;
  end: LocalDate;
}

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

export function quarterPeriod(year: number, quarter: Quarter): Period {
  const month = String(quarter * 3 - 2).padStart(2, '0');
  return { start: `${year}-${month}-01`, end: `${year}-${QUARTER_END[quarter - 1]}` };
}

/** From 1 January to the end of the quarter: what the quarterly light compares with the annual target. */
export function yearToDate(year: number, quarter: Quarter): Period {
  return { start: `${year}-01-01`, end: `${year}-${QUARTER_END[quarter - 1]}` };
}

export function currentQuarter(now: Date): { year: number; quarter: Quarter } {
  const today = shanghaiDateOf(now);
  return { year: Number(today.slice(0, 4)), quarter: Math.ceil(Number(today.slice(5, 7)) / 3) as Quarter };
}

/** The instants bounding a calendar year in Asia/Shanghai, for timestamptz columns. */
export function yearInstants(year: number): { from: Date; until: Date } {
  return { from: shanghaiStartOfDay(`${year}-01-01`), until: shanghaiStartOfDay(`${year + 1}-01-01`) };
}

export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}
