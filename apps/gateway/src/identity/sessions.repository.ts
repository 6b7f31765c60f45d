import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role, Scope } from '@daiban/contracts';
import { preparedQuery } from '@daiban/database';
import { SessionCache } from './session-cache';

export interface SessionState {
  familyId: string;
  userId: string;
  familyTokenVersion: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  user: {
    enabled: boolean;
    tokenVersion: number;
    role: Role;
    scope: Scope;
    displayName: string;
  };
}

export interface RefreshTokenRow {
  tokenHash: string;
  familyId: string;
  usedAt: Date | null;
}

interface StateRow {
  id: string;
  user_id: string;
  token_version: number;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  enabled: boolean;
  user_token_version: number;
  role: Role;
  scope: Scope;
  display_name: string;
}

/** Refresh-token families (one per login) and their tokens, stored as SHA-256 hashes only. */
@Injectable()
export class SessionsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: SessionCache,
  ) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async createFamily(
    family: {
      id: string;
      userId: string;
      tokenVersion: number;
      now: Date;
      expiresAt: Date;
      ip: string | null;
    },
    manager?: EntityManager,
  ): Promise<void> {
    await this.db(manager).query(
      `INSERT INTO session_families (id, user_id, token_version, created_at, last_seen_at, expires_at, ip)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [family.id, family.userId, family.tokenVersion, family.now, family.expiresAt, family.ip],
    );
  }

  async addToken(tokenHash: string, familyId: string, now: Date, manager?: EntityManager): Promise<void> {
    await this.db(manager).query(
      `INSERT INTO refresh_tokens (token_hash, family_id, created_at) VALUES ($1, $2, $3)`,
      [tokenHash, familyId, now],
    );
  }

  async findTokenForUpdate(tokenHash: string, manager: EntityManager): Promise<RefreshTokenRow | null> {
    const rows: Array<{ token_hash: string; family_id: string; used_at: Date | null }> = await manager.query(
      `SELECT token_hash, family_id, used_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return rows[0]
      ? { tokenHash: rows[0].token_hash, familyId: rows[0].family_id, usedAt: rows[0].used_at }
      : null;
  }

  async markUsed(tokenHash: string, now: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1`, [tokenHash, now]);
  }

  /**
   * The session check of an authenticated request not answered from SessionCache: prepared, so
   * PostgreSQL plans the join once per connection. A column added here must be one the
   * SessionNotify triggers announce (they fire on any update of both tables).
   */
  async state(familyId: string, manager?: EntityManager): Promise<SessionState | null> {
    const rows = await preparedQuery<StateRow>(
      this.db(manager),
      `SELECT f.id, f.user_id, f.token_version, f.created_at, f.last_seen_at, f.expires_at, f.revoked_at,
              u.enabled, u.token_version AS user_token_version, u.role, u.scope, u.display_name
       FROM session_families f JOIN users u ON u.id = f.user_id
       WHERE f.id = $1`,
      [familyId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      familyId: row.id,
      userId: row.user_id,
      familyTokenVersion: row.token_version,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      user: {
        enabled: row.enabled,
        tokenVersion: row.user_token_version,
        role: row.role,
        scope: row.scope,
        displayName: row.display_name,
      },
    };
  }

  /** Written at most once a minute per session, so the idle timeout costs no write per request. */
  async touch(familyId: string, now: Date, manager?: EntityManager): Promise<void> {
    await this.db(manager).query(
      `UPDATE session_families SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2`,
      [familyId, now],
    );
  }

  async revokeFamily(familyId: string, reason: string, now: Date, manager?: EntityManager): Promise<void> {
    this.cache.changing({ familyId });
    await this.db(manager).query(
      `UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [familyId, now, reason],
    );
  }

  async revokeAllOfUser(userId: string, reason: string, now: Date, manager?: EntityManager): Promise<void> {
    this.cache.changing({ userId });
    await this.db(manager).query(
      `UPDATE session_families SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, now, reason],
    );
  }
}
