import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION_KEY = 'daiban:audit-action';
export const SKIP_AUDIT_KEY = 'daiban:skip-audit';

export interface AuditActionOptions {
  action: string;
  objectType?: string;
  /** The path parameter naming the object; `id` by default. */
  idParam?: string;
  /** The success body's field naming a created object, when it is not `id` (projects carry `projectId`). */
  responseIdField?: string;
  /** Body fields copied into the row's details (e.g. the stated reason of a reveal). */
  detailFields?: string[];
}

/** Names the audit action of a state-changing route (otherwise `METHOD /path`). */
export const AuditAction = (action: string, options: Omit<AuditActionOptions, 'action'> = {}) =>
  SetMetadata(AUDIT_ACTION_KEY, { action, ...options } satisfies AuditActionOptions);

/** For routes that write their own, richer audit rows (login, refresh, logout). */
export const SkipAudit = () => SetMetadata(SKIP_AUDIT_KEY, true);
