/** 个人信息保护法: phones and ID numbers are masked wherever they leave the service, unless revealed on purpose. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** `zhang.san@example.com` → `z***@example.com`: the domain stays, so a reader can tell which mailbox. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;

/** Scrubs free text (log lines, notes) of anything shaped like a mobile or 身份证 number. */
export function maskFreeText(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, a: string, _b: string, c: string) => `${a}********${c.slice(-4)}`)
    .replace(MOBILE, '$1****$3');
}
