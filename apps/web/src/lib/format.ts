import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { messages } from '../i18n/messages';

dayjs.extend(utc);

const CHINA_OFFSET_MINUTES = 8 * 60;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function formatInChina(value: string | Date | null | undefined, pattern: string): string {
  if (value === null || value === undefined || value === '') return messages.common.none;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const parsed = dayjs.utc(value);
  if (!parsed.isValid()) return messages.common.none;
  return parsed.utcOffset(CHINA_OFFSET_MINUTES).format(pattern);
}

/** `YYYY-MM-DD` in China time; a date-only value is shown as is (no timezone shift). */
export function formatDate(value: string | Date | null | undefined): string {
  return formatInChina(value, 'YYYY-MM-DD');
}

/** `YYYY-MM-DD HH:mm:ss` in China time, for records where the moment matters (the audit log). */
export function formatDateTime(value: string | Date | null | undefined): string {
  return formatInChina(value, 'YYYY-MM-DD HH:mm:ss');
}

const amount = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, useGrouping: true });

/**
 * An amount held in 万元 (decimal string or number): below 1亿 in 万元, from 1亿 in 亿元,
 * with thousands separators and at most two decimals.
 */
export function formatWanYuan(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return messages.common.none;
  const wan = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(wan)) return messages.common.none;
  if (Math.abs(wan) >= 10_000) return `${amount.format(wan / 10_000)} 亿元`;
  return `${amount.format(wan)} 万元`;
}
