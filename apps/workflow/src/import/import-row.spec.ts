import { planRow } from './import-row.util';
import type { ImportRecord } from './import-columns.constant';

const now = new Date('2026-04-01T02:00:00Z');
const record = (fields: Partial<ImportRecord>): ImportRecord => ({
  projectCode: '2026-440811-30-03-123456',
  projectId: '',
  catalogCode: 'eia_table',
  state: '',
  submittedOn: '',
  acceptedOn: '',
  specialProcedures: '',
  approvedOn: '',
  resultDocNo: '',
  issuedVia: '',
  sealApprover: '',
  commitmentMaterials: '',
  commitmentDueOn: '',
  agent: '',
  note: '',
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
    const { errors } = planRow(3, record({ state: '已移交' }), now);
    expect(errors[0]).toMatchObject({ row: 3, column: '当前状态' });
    expect(errors[0].message).toContain('已受理');
  });
});
