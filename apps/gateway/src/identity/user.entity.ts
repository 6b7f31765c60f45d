import type { Role, Scope } from '@daiban/contracts';

/** A row of `users`; the password hash never leaves the identity code. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  phone: string | null;
  email: string | null;
  passwordHash: string;
  passwordChangedAt: Date;
  enabled: boolean;
  tokenVersion: number;
  /** Grows with every change; the version of its `identity.user.changed` event. */
  version: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  scope: Scope;
  phone: string | null;
  email: string | null;
  password_hash: string;
  password_changed_at: Date;
  enabled: boolean;
  token_version: number;
  version: number;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scope: row.scope,
    phone: row.phone,
    email: row.email,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    enabled: row.enabled,
    tokenVersion: row.token_version,
    version: row.version,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
