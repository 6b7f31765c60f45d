import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatWanYuan } from './format';

describe('formatDate', () => {
  it('shows a date-only value as is', () => {
    expect(formatDate('2026-03-02')).toBe('2026-03-02');
  });
  it('shows an instant as its date in China time', () => {
    expect(formatDate('2026-03-02T15:59:59Z')).toBe('2026-03-02');
    expect(formatDate('2026-03-02T16:00:00Z')).toBe('2026-03-03');
    expect(formatDate(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01-01');
  });
  it('shows a dash for nothing or garbage', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('shows an instant to the second in China time', () => {
    expect(formatDateTime('2026-03-02T16:00:05Z')).toBe('2026-03-03 00:00:05');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('formatWanYuan', () => {
  it('keeps amounts below 1亿 in 万元 with separators', () => {
    expect(formatWanYuan('3000')).toBe('3,000 万元');
    expect(formatWanYuan(8000.5)).toBe('8,000.5 万元');
    expect(formatWanYuan('9999.99')).toBe('9,999.99 万元');
    expect(formatWanYuan(0)).toBe('0 万元');
  });
  it('switches to 亿元 from 1亿', () => {
    expect(formatWanYuan('10000')).toBe('1 亿元');
    expect(formatWanYuan('12000')).toBe('1.2 亿元');
    expect(formatWanYuan('150000')).toBe('15 亿元');
    expect(formatWanYuan('123456789')).toBe('12,345.68 亿元');
  });
  it('shows a dash for nothing or garbage', () => {
    expect(formatWanYuan(null)).toBe('—');
    expect(formatWanYuan('abc')).toBe('—');
  });
});
