import { planRow } from './import-row.util';
import { IMPORT_COLUMNS, type ImportRecord } from './import-columns.constant';

const now = new Date('2026-04-01T02:00:00Z');
const record = (fields: Partial<ImportRecord>): ImportRecord => ({
  ...(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, ''])) as ImportRecord),
  projectCode: '2026-440811-30-03-123456',
  catalogCode: 'eia_table',
  ...fields,
});

describe('planRow', () => {
  it('plans the actions that reach the state, at 09:00 Asia/Shanghai of each date, in order', () => {
    const { plan, errors } = planRow(
      2,
      record({
        state: '特别程序',
        submittedOn: '2026-03-02',
        acceptedOn: '2026-03-03',
        specialProcedures: '专家评审:2026-03-05~2026-03-10；公示:2026-03-20~',
      }),
      now,
    );
    expect(errors).toEqual([]);
    expect(plan!.actions.map((a) => [a.request.action, a.request.at])).toEqual([
      ['prepare', '2026-03-02T01:00:00.000Z'],
      ['submit', '2026-03-02T01:01:00.000Z'],
      ['accept', '2026-03-03T01:02:00.000Z'],
      ['start_special_procedure', '2026-03-05T01:03:00.000Z'],
      ['end_special_procedure', '2026-03-10T01:04:00.000Z'],
      ['start_special_procedure', '2026-03-20T01:03:00.000Z'],
    ]);
  });

  it('runs an extension between special procedures by date, and a hand-over after collection', () => {
    const { plan, errors } = planRow(
      2,
      record({
        state: '已移交',
        submittedOn: '2026-03-02',
        acceptedOn: '2026-03-03',
        specialProcedures: '公示:2026-03-05~2026-03-10；公示:2026-03-16~2026-03-18',
        extendedOn: '2026-03-12',
        extendedLimit: '20',
        extensionReason: '现场核查',
        approvedOn: '2026-03-20',
        resultDocNo: '湛环审〔2026〕1号',
        issuedVia: '部门',
        collectedOn: '2026-03-23',
        handedOverOn: '2026-03-24',
        handoverReceiptNo: 'HZ-1',
      }),
      now,
    );
    expect(errors).toEqual([]);
    expect(plan!.actions.map((a) => a.request.action)).toEqual([
      'prepare',
      'submit',
      'accept',
      'start_special_procedure',
      'end_special_procedure',
      'extend',
      'start_special_procedure',
      'end_special_procedure',
      'approve',
      'collect_result',
      'hand_over',
    ]);
    expect(plan!.actions[5].request).toMatchObject({ newLimit: 20, at: '2026-03-12T01:04:30.000Z' });
  });

  it('refuses an extension inside a special procedure and columns of other states', () => {
    const { errors } = planRow(
      4,
      record({
        state: '已延期',
        submittedOn: '2026-03-02',
        acceptedOn: '2026-03-03',
        specialProcedures: '公示:2026-03-05~2026-03-10',
        extendedOn: '2026-03-06',
        extendedLimit: '20',
        extensionReason: '现场核查',
        reason: '无',
      }),
      now,
    );
    expect(errors).toEqual([
      { row: 4, column: '延期日期', message: '延期日期不能在特别程序期间' },
      { row: 4, column: '原因', message: expect.stringContaining('仅「不予受理、不予许可、无需办理」') },
    ]);
  });

  it('names the row and column of every problem', () => {
    const { plan, errors } = planRow(
      7,
      record({
        state: '已批准',
        submittedOn: '2026-03-05',
        acceptedOn: '2026-03-01',
        approvedOn: '2026-05-01',
      }),
      now,
    );
    expect(plan).toBeNull();
    expect(errors).toEqual(
      expect.arrayContaining([
        { row: 7, column: '受理日期', message: '受理日期不能早于提交日期' },
        { row: 7, column: '批准日期', message: '日期不能晚于今天' },
        { row: 7, column: '结果文号', message: '此状态下必须填写' },
        { row: 7, column: '出具方式', message: '应为 部门、园区2号章 或 电子印章' },
      ]),
    );
  });

  it('refuses an unknown state with the list of importable ones', () => {
    const { errors } = planRow(3, record({ state: '已归档' }), now);
    expect(errors[0]).toMatchObject({ row: 3, column: '当前状态' });
    expect(errors[0].message).toContain('已受理');
  });
});
