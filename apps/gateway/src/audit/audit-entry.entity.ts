export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One append-only row of `audit_log`. */
export interface AuditEntry {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: AuditResult;
  errorCode: string | null;
  ip: string | null;
  correlationId: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditRecord extends AuditEntry {
  id: string;
}
