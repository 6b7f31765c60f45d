import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@daiban/calendar';
import { migrationLockKey } from '@daiban/database';
import { DEV_ADMIN_PASSWORD, GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { UsersRepository } from './users.repository';
import { PasswordHasher } from './password-hasher.service';
import { announceUsers } from './user-events';

/** First start: with no users at all, create the administrator from ADMIN_USERNAME / ADMIN_PASSWORD. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('identity');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const passwordHash = await this.hasher.hash(this.config.ADMIN_PASSWORD);
    const created = await this.dataSource.transaction(async (manager) => {
      // Replicas starting together: only the first one sees an empty table.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [
        migrationLockKey(`${this.config.DB_SCHEMA}.admin`),
      ]);
      if ((await this.users.count(manager)) > 0) return false;
      const id = randomUUID();
      const now = this.clock.now();
      const inserted = await this.users.insert(
        {
          id,
          username: this.config.ADMIN_USERNAME,
          displayName: '系统管理员',
          role: 'admin',
          scope: { kind: 'city' },
          phone: null,
          email: null,
          passwordHash,
          now,
        },
        manager,
      );
      if (inserted) await announceUsers(manager, [id], { schema: this.config.DB_SCHEMA, now });
      return inserted;
    });
    if (created)
      this.logger.warn(
        `created the first administrator "${this.config.ADMIN_USERNAME}"${
          this.config.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD ? ' with the documented development password' : ''
        }`,
      );
  }
}
