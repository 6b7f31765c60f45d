import type { CellValue } from 'exceljs';
import FileType from 'file-type';
import { IMPORT_COLUMNS, type ImportColumnKey, type ImportRecord } from './import-columns.constant';

export class ImportFileError extends Error {}

export interface ParsedSheet {
  /** Data rows with their spreadsheet row numbers (the header is row 1). */
  records: Array<{ row: number; record: ImportRecord }>;
  /** Headers the file has that the template does not. */
  unknownHeaders: string[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * UTF-8 only (with or without BOM): Excel's「CSV UTF-8」writes the BOM; a GBK file would decode to
 * garbage silently, so anything that is not valid UTF-8 is refused with a clear message instead.
 */
export function decodeCsv(bytes: Buffer): string {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ImportFileError(
      '文件不是 UTF-8 编码（可能是 GBK）：请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」或直接上传 .xlsx',
    );
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new ImportFileError('CSV 文件中有未闭合的引号');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  // Excel stores dates as serial days; exceljs hands them over as UTC midnights.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    return '';
  }
  return String(value);
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  // Required on first use, not at start: exceljs and its zip stack cost every idle process ~8 MB of heap.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('无法读取该 Excel 文件，请使用导入模板另存为 .xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('Excel 文件中没有工作表');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) values.push(cellText(row.getCell(c).value).trim());
    rows[number - 1] = values;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** Reads an .xlsx (judged by content) or a UTF-8 CSV into records keyed by column. */
export async function readImportFile(bytes: Buffer): Promise<ParsedSheet> {
  const type = await FileType.fromBuffer(bytes);
  let rows: string[][];
  if (type?.ext === 'xlsx') rows = await xlsxRows(bytes);
  else if (!type) rows = parseCsv(decodeCsv(bytes));
  else throw new ImportFileError('仅支持 .xlsx 或 UTF-8 编码的 .csv 文件（旧版 .xls 请另存为 .xlsx）');
  const [header = [], ...data] = rows;
  const index = new Map<ImportColumnKey, number>();
  const unknownHeaders: string[] = [];
  header.forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    const column = IMPORT_COLUMNS.find((c) => c.header === text);
    if (column) index.set(column.key, i);
    else unknownHeaders.push(text);
  });
  if (!index.has('catalogCode')) throw new ImportFileError('第 1 行应为模板的表头（缺少「事项编码」列）');
  const records: ParsedSheet['records'] = [];
  data.forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const record = {} as ImportRecord;
    for (const column of IMPORT_COLUMNS) {
      const at = index.get(column.key);
      record[column.key] = at === undefined ? '' : (cells[at] ?? '').trim();
    }
    records.push({ row: i + 2, record });
  });
  return { records, unknownHeaders };
}
