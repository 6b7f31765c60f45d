import { creditCodeProblem } from './credit-code.util';
import { projectCodeProblems } from './project-code.util';
import { compareWanYuan, investmentTierOf, normalizeWanYuan } from './wan-yuan.util';
import { creditCodeSchema, positiveWanYuanSchema } from './registry-common.schema';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it("accepts the standard's example and rejects any single changed character", () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checksum');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100I43')).toBe('charset');
    const result = creditCodeSchema.safeParse('91350100M000100Y42');
    expect(result.success).toBe(false);
  });
});

describe('项目代码', () => {
  it('accepts the real pre-standard Zhanjiang example', () => {
    expect(projectCodeProblems('2016-440800-55-02-804694')).toEqual([]);
  });
  it('names each faulty segment', () => {
    expect(projectCodeProblems('16-440800-55-02-804694').map((p) => p.segment)).toEqual(['year']);
    expect(projectCodeProblems('2016-44080-5-02-80469').map((p) => p.segment)).toEqual([
      'region',
      'department',
      'serial',
    ]);
    expect(projectCodeProblems('2016-440800-55-2-804694').map((p) => p.segment)).toEqual(['type']);
    expect(projectCodeProblems('2016440800-55-02-804694').map((p) => p.segment)).toEqual(['format']);
  });
});

describe('万元 as exact decimals', () => {
  it('compares without floating point', () => {
    expect(compareWanYuan('10000', '10000.00')).toBe(0);
    expect(compareWanYuan('10000.01', '10000')).toBe(1);
    expect(normalizeWanYuan('0.1')).toBe('0.10');
    expect(positiveWanYuanSchema.safeParse('0').success).toBe(false);
    expect(positiveWanYuanSchema.safeParse('1.234').success).toBe(false);
    expect(positiveWanYuanSchema.safeParse('1e5').success).toBe(false);
  });
  it('puts tier bounds in the upper tier (1亿 = 10000 万元)', () => {
    expect(investmentTierOf('1000000')).toBe('gte_100yi');
    expect(investmentTierOf('999999.99')).toBe('from_50_to_100yi');
    expect(investmentTierOf('50000')).toBe('from_5_to_10yi');
    expect(investmentTierOf('49999.99')).toBe('below_5yi');
  });
});
