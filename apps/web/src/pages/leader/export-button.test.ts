import { describe, expect, it } from 'vitest';
import { attachmentName, exportUrl } from './export-button';

describe('report export helpers', () => {
  it('reads the Chinese file name of an attachment, else the ASCII one', () => {
    const name = encodeURIComponent('超期事项_2026.xlsx');
    expect(attachmentName(`attachment; filename="report-overdue.xlsx"; filename*=UTF-8''${name}`, 'x')).toBe(
      '超期事项_2026.xlsx',
    );
    expect(attachmentName('attachment; filename="report-overdue.xlsx"', 'x')).toBe('report-overdue.xlsx');
    expect(attachmentName(null, 'report.xlsx')).toBe('report.xlsx');
  });

  it('asks for xlsx with only the parameters that are set', () => {
    const url = new URL(
      exportUrl('/api/v1/reports/quarterly', { year: 2026, quarter: 1, countyCode: undefined }),
    );
    expect(url.pathname).toBe('/api/v1/reports/quarterly');
    expect(Object.fromEntries(url.searchParams)).toEqual({ year: '2026', quarter: '1', format: 'xlsx' });
  });
});
