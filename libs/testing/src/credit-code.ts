/** Valid 统一社会信用代码 for tests: 17 digits of `seed`, then the checksum the standard computes. */
export function creditCode(seed: number): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91440800${String(seed).padStart(8, '0')}X`;
  const sum = [...body].reduce((acc, ch, i) => acc + charset.indexOf(ch) * weights[i], 0);
  return body + charset[(31 - (sum % 31)) % 31];
}
