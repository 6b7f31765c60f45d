import { IdentityTables1764300000000 } from './identity-tables.migration';
import { AuditLog1764300000001 } from './audit-log.migration';
import { UsersVersion1767100000000 } from './users-version.migration';
import { UsersEmail1767200000000 } from './users-email.migration';
import { SessionNotify1767300000000 } from './session-notify.migration';

/** The gateway's own migrations (identity, audit), in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const GATEWAY_MIGRATIONS: Function[] = [
  IdentityTables1764300000000,
  AuditLog1764300000001,
  UsersVersion1767100000000,
  UsersEmail1767200000000,
  SessionNotify1767300000000,
];
