import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { DomainError, type Caller } from '@daiban/contracts';
import { passwordExpiresAt, roleAllowsScope } from '@daiban/auth';
import { Clock } from '@daiban/calendar';
import { maskEmail, maskPhone } from '@daiban/observability';
import { GATEWAY_CONFIG, passwordPolicyOf, type GatewayConfig } from '../config';
import { MESSAGES } from '../messages';
import { UsersRepository, type UserChanges } from '../identity/users.repository';
import { SessionsRepository } from '../identity/sessions.repository';
import { PasswordHasher } from '../identity/password-hasher.service';
import type { UserRecord } from '../identity/user.entity';
import { announceUsers } from '../identity/user-events';
import { PasswordRules } from './password-rules.service';
import type { createUserBody, listUsersQuery, updateUserBody, UserResponse } from './users.dto';

/** The admin's user management; role, scope, enabled and password changes end the user's sessions. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwordRules: PasswordRules,
  ) {}

  toResponse(user: UserRecord): UserResponse {
    const expires = passwordExpiresAt(passwordPolicyOf(this.config), user.role, user.passwordChangedAt);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      scope: user.scope,
      phone: maskPhone(user.phone),
      email: maskEmail(user.email),
      enabled: user.enabled,
      locked: !!user.lockedUntil && user.lockedUntil > this.clock.now(),
      passwordChangedAt: user.passwordChangedAt.toISOString(),
      passwordExpiresAt: expires?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }

  async create(input: z.infer<typeof createUserBody>): Promise<UserRecord> {
    if (!roleAllowsScope(input.role, input.scope))
      throw new DomainError('VALIDATION_FAILED', MESSAGES.scopeMismatch, [
        { field: 'scope', message: MESSAGES.scopeMismatch },
      ]);
    await this.passwordRules.assertAcceptable(input.password, input.username);
    const id = randomUUID();
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const inserted = await this.dataSource.transaction(async (manager) => {
      const ok = await this.users.insert(
        {
          id,
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          scope: input.scope,
          phone: input.phone ?? null,
          email: input.email ?? null,
          passwordHash,
          now,
        },
        manager,
      );
      if (ok) await announceUsers(manager, [id], { schema: this.config.DB_SCHEMA, now });
      return ok;
    });
    if (!inserted)
      throw new DomainError('DUPLICATE', MESSAGES.usernameTaken, [
        { field: 'username', message: MESSAGES.usernameTaken },
      ]);
    return (await this.users.findById(id))!;
  }

  async list(query: z.infer<typeof listUsersQuery>) {
    const { items, total } = await this.users.list({
      role: query.role,
      enabled: query.enabled === undefined ? undefined : query.enabled === 'true',
      q: query.q,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: items.map((u) => this.toResponse(u)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', MESSAGES.userNotFound);
    return user;
  }

  async update(actor: Caller, id: string, input: z.infer<typeof updateUserBody>): Promise<UserRecord> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findById(id, manager, true);
      if (!user) throw new DomainError('NOT_FOUND', MESSAGES.userNotFound);
      const role = input.role ?? user.role;
      const scope = input.scope ?? user.scope;
      if ((input.role || input.scope) && !roleAllowsScope(role, scope))
        throw new DomainError('VALIDATION_FAILED', MESSAGES.scopeMismatch, [
          { field: 'scope', message: MESSAGES.scopeMismatch },
        ]);
      if (user.id === actor.userId && (input.enabled === false || (input.role && input.role !== 'admin')))
        throw new DomainError('CONFLICT', MESSAGES.selfLockout);
      const changes: UserChanges = {
        displayName: input.displayName,
        role: input.role,
        scope: input.scope,
        phone: input.phone,
        email: input.email,
        enabled: input.enabled,
      };
      if (input.password !== undefined) {
        await this.passwordRules.assertAcceptable(input.password, user.username);
        changes.passwordHash = await this.hasher.hash(input.password);
      }
      const endsSessions =
        (input.role !== undefined && input.role !== user.role) ||
        (input.scope !== undefined && JSON.stringify(input.scope) !== JSON.stringify(user.scope)) ||
        (input.enabled === false && user.enabled) ||
        input.password !== undefined;
      await this.users.update(id, changes, { now, bumpVersion: endsSessions }, manager);
      if (endsSessions) await this.sessions.revokeAllOfUser(id, 'user_changed', now, manager);
      await announceUsers(manager, [id], { schema: this.config.DB_SCHEMA, now });
    });
    return this.get(id);
  }
}
