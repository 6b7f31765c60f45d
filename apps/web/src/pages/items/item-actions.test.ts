import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { filterParams, NO_FILTERS } from './item-filters';
import { ACTION_FIELDS, actionLabel, toActionBody } from './item-actions';

describe('toActionBody', () => {
  it('sends the action, the version and only that action’s fields', () => {
    expect(
      toActionBody('request_correction', { materials: ' 营业执照\n\n规划总平面图 \n', reason: 'x' }, 4),
    ).toEqual({ action: 'request_correction', expectedVersion: 4, materials: ['营业执照', '规划总平面图'] });
  });

  it('writes dates as YYYY-MM-DD, the effective time as an instant and a trimmed note', () => {
    const at = dayjs('2026-03-02T09:30:00+08:00');
    expect(
      toActionBody(
        'accept_with_deficiency',
        { materials: '环评批复', dueOn: dayjs('2026-03-20T00:00:00'), at, note: '  窗口已收件 ' },
        2,
      ),
    ).toEqual({
      action: 'accept_with_deficiency',
      expectedVersion: 2,
      materials: ['环评批复'],
      dueOn: '2026-03-20',
      at: '2026-03-02T01:30:00.000Z',
      note: '窗口已收件',
    });
  });

  it('keeps the 2号章 approver only when the park seal was used, and leaves empty optionals out', () => {
    const values = { resultDocNo: ' 湛发改〔2026〕12号 ', issuedVia: 'department', sealApprover: '张三' };
    expect(toActionBody('approve', values, 7)).toEqual({
      action: 'approve',
      expectedVersion: 7,
      resultDocNo: '湛发改〔2026〕12号',
      issuedVia: 'department',
    });
    expect(toActionBody('approve', { ...values, issuedVia: 'park_seal_no2' }, 7)).toMatchObject({
      issuedVia: 'park_seal_no2',
      sealApprover: '张三',
    });
    expect(toActionBody('accept', { receiptNo: '  ', note: '' }, 1)).toEqual({
      action: 'accept',
      expectedVersion: 1,
    });
  });

  it('sends the numbers of a special procedure and an extension as numbers', () => {
    expect(
      toActionBody(
        'start_special_procedure',
        { kind: 'expert_review', estimatedWorkingDays: 10, estimate: '专家评审约需10个工作日' },
        3,
      ),
    ).toEqual({
      action: 'start_special_procedure',
      expectedVersion: 3,
      kind: 'expert_review',
      estimatedWorkingDays: 10,
      estimate: '专家评审约需10个工作日',
    });
    expect(toActionBody('extend', { newLimit: 30, reason: '需补充论证' }, 5)).toEqual({
      action: 'extend',
      expectedVersion: 5,
      newLimit: 30,
      reason: '需补充论证',
    });
  });

  it('has no fields for the actions that only record that something happened', () => {
    for (const action of ['prepare', 'replan', 'end_special_procedure', 'collect_result'] as const) {
      expect(ACTION_FIELDS[action]).toEqual([]);
    }
  });
});

describe('actionLabel', () => {
  it('calls a submission after a correction a resubmission', () => {
    expect(actionLabel('submit', 'preparing')).toBe('提交申请');
    expect(actionLabel('submit', 'correction_requested')).toBe('补正后重新提交');
    expect(actionLabel('approve_on_commitment')).toBe('承诺制批准');
  });
});

describe('filterParams', () => {
  it('sends no filter parameters when nothing is chosen', () => {
    expect(filterParams(NO_FILTERS)).toEqual({});
  });

  it('joins lists with commas and asks for exactly the chosen states', () => {
    expect(
      filterParams({
        lights: ['red', 'yellow'],
        states: ['submitted'],
        departmentCode: 'fgj',
        q: ' 新材料 ',
      }),
    ).toEqual({
      lights: 'red,yellow',
      states: 'submitted',
      openOnly: 'false',
      departmentCode: 'fgj',
      q: '新材料',
    });
  });
});
