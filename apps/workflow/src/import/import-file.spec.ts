import ExcelJS from 'exceljs';
import { ImportFileError, decodeCsv, parseCsv, readImportFile } from './import-file.util';

describe('import file reading', () => {
  it('parses quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,1","say ""hi""","x\ny"\r\n1,2,3,4')).toEqual([
      ['a', 'b,1', 'say "hi"', 'x\ny'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('accepts UTF-8 with or without BOM and refuses GBK', () => {
    const text = '事项编码,当前状态\n';
    expect(decodeCsv(Buffer.from(text))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    // 「事项」 in GBK
    expect(() => decodeCsv(Buffer.from([0xca, 0xc2, 0xcf, 0xee]))).toThrow(ImportFileError);
  });

  it('reads an xlsx by header, with dates and row numbers as the spreadsheet shows them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['事项编码', '受理日期', '自定义']);
    sheet.addRow([]);
    sheet.addRow(['eia_table', new Date('2026-02-12T00:00:00Z'), 'x']);
    const parsed = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(parsed.unknownHeaders).toEqual(['自定义']);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({
      row: 3,
      record: { catalogCode: 'eia_table', acceptedOn: '2026-02-12' },
    });
  });
});
