import type { AttributeCondition, CatalogItem } from '@daiban/contracts';

export type ProjectAttributes = Record<string, string | number | boolean | null>;

function holds(condition: AttributeCondition, attributes: ProjectAttributes): boolean {
  const value = attributes[condition.attribute];
  if (value === undefined || value === null) return condition.whenMissing;
  switch (condition.op) {
    case 'eq':
      return value === condition.value;
    case 'ne':
      return value !== condition.value;
    case 'gte':
      return typeof value === 'number' && typeof condition.value === 'number' && value >= condition.value;
  }
}

/** Whether a catalog item applies to a project; any one condition suffices. */
export function appliesTo(item: CatalogItem, attributes: ProjectAttributes): boolean {
  return item.appliesIf === null || item.appliesIf.some((condition) => holds(condition, attributes));
}

/** Problems that make a catalog unusable: unknown or cyclic prerequisites, duplicate codes, odd limits. */
export function catalogProblems(items: readonly CatalogItem[]): string[] {
  const problems: string[] = [];
  const codes = new Map<string, CatalogItem>();
  for (const item of items) {
    if (codes.has(item.code)) problems.push(`事项编码重复：${item.code}`);
    codes.set(item.code, item);
    if (item.legalLimit !== null && item.committedLimit > item.legalLimit) {
      problems.push(`${item.code}：承诺时限不能长于法定时限`);
    }
    if (item.appliesIf !== null && !item.notApplicableReason) {
      problems.push(`${item.code}：有适用条件的事项须写明不适用的原因`);
    }
  }
  for (const item of items) {
    for (const prerequisite of item.prerequisites) {
      if (!codes.has(prerequisite.code))
        problems.push(`${item.code}：前置事项 ${prerequisite.code} 不在目录中`);
      if (prerequisite.code === item.code) problems.push(`${item.code}：不能以自身为前置事项`);
    }
  }
  if (problems.length === 0) {
    const cycle = findCycle(items);
    if (cycle) problems.push(`前置事项存在循环：${cycle.join(' → ')}`);
  }
  return problems;
}

function findCycle(items: readonly CatalogItem[]): string[] | null {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (code: string): string[] | null => {
    if (state.get(code) === 'done') return null;
    if (state.get(code) === 'visiting') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'visiting');
    path.push(code);
    for (const prerequisite of byCode.get(code)?.prerequisites ?? []) {
      const cycle = visit(prerequisite.code);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(code, 'done');
    return null;
  };
  for (const item of items) {
    const cycle = visit(item.code);
    if (cycle) return cycle;
  }
  return null;
}
