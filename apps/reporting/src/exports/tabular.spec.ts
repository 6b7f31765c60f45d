import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type Section } from './tabular.util';

const labels = { yes: '是', no: '否' };
const sections: Section[] = [
  {
    sheet: '新开工项目',
    columns: [
      { header: '项目名称', key: 'name' },
      { header: '总投资（万元）', key: 'wan', kind: 'wan' },
      { header: '面积（亩）', key: 'mu', kind: 'mu' },
      { header: '本季度', key: 'flag', kind: 'bool' },
    ],
    rows: [
      { name: '=HYPERLINK("x")', wan: '1200000.05', mu: 12.5, flag: true },
      { name: '含,逗号"引号', wan: null, mu: null, flag: false },
    ],
  },
  { sheet: '新开工项目', columns: [{ header: '数量', key: 'n', kind: 'int' }], rows: [{ n: 3 }] },
];

describe('tabular exports', () => {
  it('CSV: BOM, exact money, quoted fields, formulas defused, one titled block per section', () => {
    const text = toCsv(sections, labels).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFF【新开工项目】',
      '项目名称,总投资（万元）,面积（亩）,本季度',
      `"'=HYPERLINK(""x"")",1200000.05,12.5,是`,
      '"含,逗号""引号",,,否',
      '',
      '【新开工项目】',
      '数量',
      '3',
      '',
    ]);
  });

  it('xlsx: one sheet per section (names kept unique), number formats for 万元 and 亩', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(sections, labels)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['新开工项目', '新开工项目(2)']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '项目名称', '总投资（万元）', '面积（亩）', '本季度']);
    expect(sheet.getCell('B2').value).toBe(1200000.05);
    expect(sheet.getCell('B2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.0000');
    expect(sheet.getCell('D3').value).toBe('否');
  });
});
