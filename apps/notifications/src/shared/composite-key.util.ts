/**
 * A map key of several parts. NUL occurs in no id, code or key, so different parts never make the same
 * key (a plain separator such as '.' does: `a.b` + `c` and `a` + `b.c`).
 */
export const compositeKey = (...parts: ReadonlyArray<string | number>): string => parts.join('\u0000');
