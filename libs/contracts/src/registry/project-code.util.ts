/**
 * 项目代码 (GB/T 40058-2021): `YYYY-RRRRRR-DD-TT-NNNNNN`. Only the format is checked: the check-digit
 * algorithm is not public, and pre-2021 codes must stay valid (DOMAIN-REFERENCE §6.4).
 */
export const PROJECT_CODE_SEGMENTS = ['year', 'region', 'department', 'type', 'serial'] as const;
export type ProjectCodeSegment = (typeof PROJECT_CODE_SEGMENTS)[number];

export interface ProjectCodeProblem {
  /** `format` for the overall shape, else the segment at fault; it becomes the field path `projectCode.<segment>`. */
  segment: 'format' | ProjectCodeSegment;
  message: string;
}

const SEGMENT_RULES: Record<ProjectCodeSegment, { pattern: RegExp; message: string }> = {
  year: { pattern: /^(19[89]\d|20\d{2})$/, message: '项目代码第1段（年份）应为1980–2099之间的4位年份' },
  region: {
    pattern: /^[1-8]\d{5}$/,
    message: '项目代码第2段（地区代码）应为6位行政区划代码，如湛江市440800',
  },
  department: { pattern: /^\d{2}$/, message: '项目代码第3段（部门代码）应为2位数字' },
  type: { pattern: /^\d{2}$/, message: '项目代码第4段（项目类型代码）应为2位数字' },
  serial: { pattern: /^\d{6}$/, message: '项目代码第5段（随机码与校验码）应为6位数字' },
};

export function projectCodeProblems(code: string): ProjectCodeProblem[] {
  const parts = code.split('-');
  if (parts.length !== 5) {
    return [{ segment: 'format', message: '项目代码格式应为 YYYY-RRRRRR-DD-TT-NNNNNN（24位，含4个连字符）' }];
  }
  const problems: ProjectCodeProblem[] = [];
  PROJECT_CODE_SEGMENTS.forEach((segment, i) => {
    const rule = SEGMENT_RULES[segment];
    if (!rule.pattern.test(parts[i])) problems.push({ segment, message: rule.message });
  });
  return problems;
}
