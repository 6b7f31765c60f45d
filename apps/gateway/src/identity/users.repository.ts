import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role, Scope } from '@daiban/contracts';
import { toUserRecord, type UserRecord, type UserRow } from './user.entity';
import { SessionCache } from './session-cache';

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  phone: string | null;
  email: string | null;
  passwordHash: string;
  now: Date;
}

export interface UserFilter {
  role?: Role;
  enabled?: boolean;
  q?: string;
  offset: number;
  limit: number;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  scope?: Scope;
  phone?: string | null;
  email?: string | null;
  enabled?: boolean;
  passwordHash?: string;
}

const UNIQUE_VIOLATION = '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The only code that reads or writes `users`. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessionCache: SessionCache,
  ) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async count(manager?: EntityManager): Promise<number> {
    const [row] = await this.db(manager).query(`SELECT count(*)::int AS n FROM users`);
    return row.n;
  }

  /** Returns false when the username is taken (case-insensitively). */
  async insert(user: NewUser, manager?: EntityManager): Promise<boolean> {
    try {
      await this.db(manager).query(
        `INSERT INTO users (id, username, display_name, role, scope, phone, password_hash,
           password_changed_at, created_at, updated_at, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, $9)`,
        [
          user.id,
          user.username,
          user.displayName,
          user.role,
          JSON.stringify(user.scope),
          user.phone,
          user.passwordHash,
          user.now,
          user.email,
        ],
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  async findById(id: string, manager?: EntityManager, lock = false): Promise<UserRecord | null> {
    const rows: UserRow[] = await this.db(manager).query(
      `SELECT * FROM users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toUserRecord(rows[0]) : null;
  }

  async findByUsername(username: string, manager?: EntityManager, lock = false): Promise<UserRecord | null> {
    const rows: UserRow[] = await this.db(manager).query(
      `SELECT * FROM users WHERE lower(username) = lower($1)${lock ? ' FOR UPDATE' : ''}`,
      [username],
    );
    return rows[0] ? toUserRecord(rows[0]) : null;
  }

  /** The enabled agents whose scope is the park, by name. */
  async agentsOfPark(parkId: string): Promise<UserRecord[]> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT * FROM users
        WHERE role = 'agent' AND enabled AND scope->>'kind' = 'park' AND scope->>'parkId' = $1
        ORDER BY display_name, id`,
      [parkId],
    );
    return rows.map(toUserRecord);
  }

  async list(filter: UserFilter): Promise<{ items: UserRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.role) {
      params.push(filter.role);
      where.push(`role = $${params.length}`);
    }
    if (filter.enabled !== undefined) {
      params.push(filter.enabled);
      where.push(`enabled = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(username ILIKE $${params.length} OR display_name ILIKE $${params.length})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM users ${clause}`, params);
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT * FROM users ${clause} ORDER BY lower(username) LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows.map(toUserRecord), total: n };
  }

  /**
   * Applies the changes; when `bumpVersion` is set every token already issued to the user stops
   * working on its next request.
   */
  async update(
    id: string,
    changes: UserChanges,
    options: { now: Date; bumpVersion: boolean },
    manager?: EntityManager,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id, options.now];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.displayName !== undefined) set('display_name', changes.displayName);
    if (changes.role !== undefined) set('role', changes.role);
    if (changes.scope !== undefined) set('scope', JSON.stringify(changes.scope));
    if (changes.phone !== undefined) set('phone', changes.phone);
    if (changes.email !== undefined) set('email', changes.email);
    if (changes.enabled !== undefined) set('enabled', changes.enabled);
    if (changes.passwordHash !== undefined) {
      set('password_hash', changes.passwordHash);
      sets.push('password_changed_at = $2', 'locked_until = NULL');
    }
    if (options.bumpVersion) sets.push('token_version = token_version + 1');
    sets.push('updated_at = $2', 'version = version + 1');
    this.sessionCache.changing({ userId: id });
    await this.db(manager).query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  /** How to reach each of `ids` (unknown ids are left out): for `gateway.users.contacts` only. */
  async contactsOf(
    ids: readonly string[],
  ): Promise<Array<{ id: string; email: string | null; phone: string | null; enabled: boolean }>> {
    const uuids = ids.filter((id) => UUID.test(id));
    if (!uuids.length) return [];
    return this.dataSource.query(`SELECT id, email, phone, enabled FROM users WHERE id = ANY($1::uuid[])`, [
      uuids,
    ]);
  }

  async lockUntil(id: string, until: Date, manager?: EntityManager): Promise<void> {
    await this.db(manager).query(`UPDATE users SET locked_until = $2 WHERE id = $1`, [id, until]);
  }
}
