import { z } from 'zod';
import { idSchema } from '../rpc';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from './credit-code.util';
import { projectCodeProblems } from './project-code.util';
import { WAN_YUAN_PATTERN, wanYuanToCents } from './wan-yuan.util';

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 && probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d
  );
}

/** A calendar date `YYYY-MM-DD` that exists (no 02-30). */
export const localDateSchema = z.string().refine(isRealDate, { message: '日期应为有效的 YYYY-MM-DD' });

/** 万元, exact, > 0, at most 2 decimals and 12 integer digits (numeric(14,2)). */
export const positiveWanYuanSchema = z
  .string()
  .regex(WAN_YUAN_PATTERN, { message: '金额应为不超过两位小数的数字（单位：万元）' })
  // zod runs refinements even after the regex failed; the guard keeps a malformed amount a 400, not a throw.
  .refine((v) => !WAN_YUAN_PATTERN.test(v) || wanYuanToCents(v) > 0n, { message: '金额必须大于0' });

/** 亩, exact, > 0, at most 4 decimals (numeric(13,4)). */
export const positiveAreaMuSchema = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,4})?$/, { message: '面积应为不超过四位小数的数字（单位：亩）' })
  .refine((v) => /[1-9]/.test(v), { message: '面积必须大于0' });

export const creditCodeSchema = z.string().superRefine((value, ctx) => {
  const problem = creditCodeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
});

/** Each faulty segment is reported on its own path (`projectCode.region`…), so clients can name it. */
export const projectCodeSchema = z.string().superRefine((value, ctx) => {
  for (const problem of projectCodeProblems(value)) {
    ctx.addIssue({
      code: 'custom',
      message: problem.message,
      path: problem.segment === 'format' ? [] : [problem.segment],
    });
  }
});

export const phoneSchema = z
  .string()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: '电话号码格式不正确' });

export const nameSchema = (max = 100) =>
  z
    .string()
    .trim()
    .min(1, { message: '不能为空' })
    .max(max, { message: `不能超过${max}个字符` });

export const pageQueryShape = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
};

/** Query strings carry booleans as text. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export { idSchema };
