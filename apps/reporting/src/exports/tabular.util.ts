export type ColumnKind = 'text' | 'int' | 'wan' | 'mu' | 'percent' | 'decimal' | 'date' | 'bool';

export interface Column {
  header: string;
  key: string;
  kind?: ColumnKind;
  width?: number;
}

/** One table of a report: a sheet in the workbook, a titled block in the CSV. */
export interface Section {
  sheet: string;
  columns: Column[];
  rows: Array<Record<string, unknown>>;
}

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  int: '#,##0',
  wan: '#,##0.00',
  mu: '#,##0.0000',
  percent: '0.0',
  decimal: '0.00',
};

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['int', 'wan', 'mu', 'percent', 'decimal']);

function cellValue(value: unknown, kind: ColumnKind, yes: string, no: string): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'bool') return value ? yes : no;
  // 万元 travel as exact strings; a spreadsheet cell holds a double, which keeps 15 significant digits.
  if (NUMERIC.has(kind)) return typeof value === 'number' ? value : Number(value);
  return String(value);
}

export async function toXlsx(
  sections: readonly Section[],
  labels: { yes: string; no: string },
): Promise<Buffer> {
  // Required on the first export, not at start: exceljs and its zip stack cost every idle process ~8 MB of heap.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  const used = new Set<string>();
  for (const section of sections) {
    let name = section.sheet.slice(0, 31);
    for (let n = 2; used.has(name); n += 1) name = `${section.sheet.slice(0, 28)}(${n})`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = section.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
      style: NUMBER_FORMATS[c.kind ?? 'text'] ? { numFmt: NUMBER_FORMATS[c.kind ?? 'text'] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of section.rows) {
      sheet.addRow(
        Object.fromEntries(
          section.columns.map((c) => [c.key, cellValue(row[c.key], c.kind ?? 'text', labels.yes, labels.no)]),
        ),
      );
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel reads a CSV as UTF-8 only with the byte-order mark. */
const BOM = '\uFEFF';

function csvField(value: string | number | null, kind: ColumnKind): string {
  if (value === null) return '';
  let text = String(value);
  // A text cell starting with = + - @ would run as a formula in Excel (CSV injection).
  if (!NUMERIC.has(kind) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Sections one after another, each under a 【title】 line and separated by an empty line. */
export function toCsv(sections: readonly Section[], labels: { yes: string; no: string }): Buffer {
  const lines: string[] = [];
  for (const [index, section] of sections.entries()) {
    if (sections.length > 1) {
      if (index > 0) lines.push('');
      lines.push(csvField(`【${section.sheet}】`, 'text'));
    }
    lines.push(section.columns.map((c) => csvField(c.header, 'text')).join(','));
    for (const row of section.rows) {
      lines.push(
        section.columns
          .map((c) => {
            const kind = c.kind ?? 'text';
            // Money stays the exact decimal string in CSV; only the spreadsheet needs a number.
            const raw = kind === 'wan' && typeof row[c.key] === 'string' ? (row[c.key] as string) : null;
            return csvField(raw ?? cellValue(row[c.key], kind, labels.yes, labels.no), kind);
          })
          .join(','),
      );
    }
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
