import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { IMPORT_COLUMNS } from '../../apps/workflow/src/import/import-columns.constant';
import { agencyCases, LOAD_ENV, login, NO_PREREQUISITES, seedDemo, type AgencyCase } from '../lib/fixture';
import { startStack } from '../lib/stack';
import { round, type ScenarioResult } from '../lib/stats';

/** The dates of the imported history: a working week in November 2026. */
const SUBMITTED_ON = '2026-11-16';
const ACCEPTED_ON = '2026-11-18';

/** One 台账 row per item: accepted where the catalog needs no prerequisite, else preparing. */
async function ledgerFile(
  cases: AgencyCase[],
  rows: number,
): Promise<{ bytes: Buffer; rows: number; accepted: number; ids: string[] }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const at = (key: string) => IMPORT_COLUMNS.findIndex((c) => c.key === key);
  let n = 0;
  let accepted = 0;
  const ids: string[] = [];
  for (const c of cases) {
    for (const item of c.items.filter((i) => i.state === 'not_started')) {
      if (n >= rows) break;
      const row: string[] = IMPORT_COLUMNS.map(() => '');
      row[at('projectCode')] = c.projectCode;
      row[at('catalogCode')] = item.catalogCode;
      if (NO_PREREQUISITES.has(item.catalogCode)) {
        row[at('state')] = '已受理';
        row[at('submittedOn')] = SUBMITTED_ON;
        row[at('acceptedOn')] = ACCEPTED_ON;
        accepted += 1;
      } else {
        row[at('state')] = '准备材料';
      }
      sheet.addRow(row);
      ids.push(item.id);
      n += 1;
    }
  }
  return { bytes: Buffer.from(await book.xlsx.writeBuffer()), rows: n, accepted, ids };
}

export async function runB7(options: { rows?: number } = {}): Promise<ScenarioResult> {
  const wanted = options.rows ?? 10_000;
  const stack = await startStack(LOAD_ENV);
  const pg = new Client({ connectionString: stack.env.DATABASE_URL });
  try {
    await seedDemo(stack);
    await pg.connect();
    const first = await agencyCases(stack, 1, 7);
    const perCase = first[0].items.filter((i) => i.state === 'not_started').length;
    const cases = [...first, ...(await agencyCases(stack, Math.ceil(wanted / perCase) - 1, 8))];
    const file = await ledgerFile(cases, wanted);

    // Baseline: reading the same workbook with exceljs alone, the floor under any import of it.
    const parseStarted = performance.now();
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const parsedRows = check.worksheets[0].rowCount - 1;
    const parseS = (performance.now() - parseStarted) / 1000;

    const agent = await login(stack, 'demo_agent');
    const form = new FormData();
    form.append(
      'file',
      new Blob([file.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      '台账.xlsx',
    );
    const started = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/v1/cases/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}` },
      body: form,
    });
    const answer = await res.text();
    const importS = (performance.now() - started) / 1000;
    if (res.status !== 200) throw new Error(`import: HTTP ${res.status} ${answer.slice(0, 1000)}`);
    const ids = file.ids;
    const [{ n: moved }] = (
      await pg.query(
        `SELECT count(*)::int AS n FROM workflow.items WHERE id = ANY($1) AND state <> 'not_started'`,
        [ids],
      )
    ).rows;

    // All or nothing: the same file again must be refused whole (its items are no longer not_started).
    const again = new FormData();
    again.append('file', new Blob([file.bytes]), '台账.xlsx');
    const second = await fetch(`${stack.baseUrl}/api/v1/cases/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}` },
      body: again,
    });
    await second.text();
    const [{ n: movedAfter }] = (
      await pg.query(
        `SELECT count(*)::int AS n FROM workflow.items WHERE id = ANY($1) AND state <> 'not_started'`,
        [ids],
      )
    ).rows;
    return {
      id: 'B7',
      title: `台账导入 of an .xlsx with ${file.rows} item rows through the gateway (demo_agent)`,
      metrics: {
        rows: file.rows,
        acceptedRows: file.accepted,
        fileBytes: file.bytes.length,
        importS: round(importS, 2),
        itemsChanged: moved as number,
        reimportStatus: second.status,
        itemsChangedAfterReimport: movedAfter as number,
      },
      baseline: {
        title: 'exceljs reading the same workbook alone (same process as the load generator)',
        metrics: { parseS: round(parseS, 2), parsedRows },
      },
      ratio: { name: 'import time vs parse time (lower is better)', value: round(importS / parseS, 1) },
      targets: [
        { name: '≤ 30 s', target: '30', met: importS <= 30 },
        {
          name: 'all-or-nothing kept',
          target: 'every row in; a refused re-import changes nothing',
          met: moved === file.rows && second.status === 400 && movedAfter === moved,
        },
      ],
      notes: [
        `${perCase} items per whole-catalog case, ${cases.length} cases; rows 已受理 (提交 ${SUBMITTED_ON}, 受理 ${ACCEPTED_ON}) where the item has no catalog prerequisite, else 准备材料`,
      ],
    };
  } finally {
    await pg.end().catch(() => undefined);
    await stack.stop();
  }
}
