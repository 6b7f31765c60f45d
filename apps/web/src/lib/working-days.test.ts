import { describe, expect, it } from 'vitest';
import { workingDaysText } from './working-days';

describe('workingDaysText', () => {
  it('counts working days left', () => {
    expect(workingDaysText({ workingDaysLeft: 7, overdueBy: null, paused: false })).toBe('7 个工作日');
  });
  it('says how far overdue an item is', () => {
    expect(workingDaysText({ workingDaysLeft: 0, overdueBy: 3, paused: false })).toBe('已超期 3 个工作日');
    expect(workingDaysText({ workingDaysLeft: -2, overdueBy: null, paused: false })).toBe(
      '已超期 2 个工作日',
    );
  });
  it('marks a paused clock and shows — before the clock starts', () => {
    expect(workingDaysText({ workingDaysLeft: 4, overdueBy: null, paused: true })).toBe(
      '4 个工作日（暂停计时）',
    );
    expect(workingDaysText({ workingDaysLeft: null, overdueBy: null, paused: false })).toBe('—');
  });
});
