import type { Role } from '@daiban/contracts';

/** Who a message goes to, with what notifications knows of how to reach them. */
export interface Recipient {
  userId: string;
  role: Role | null;
  displayName: string;
  email: string | null;
  mobile: string | null;
}

/** Users by role within a place; only the parts a rule needs are given. */
export type RecipientQuery =
  | { role: 'center_director'; parkId: string }
  | { role: 'enterprise'; enterpriseId: string }
  | { role: 'leader'; countyCode: string }
  | { role: 'leader'; city: true }
  | { role: 'department_officer'; departmentCodes: readonly string[]; countyCode: string };

/** Someone named by id (the item's agent, the 专班 lead) whom the directory may not know yet. */
export function unknownRecipient(userId: string): Recipient {
  return { userId, role: null, displayName: userId, email: null, mobile: null };
}
