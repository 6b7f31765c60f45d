import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  DomainError,
  getMyPreferences,
  updateMyPreferences,
  type Caller,
  type NotificationCategory,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { PreferencesRepository } from './preferences.repository';

function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED');
  return caller;
}

/** Each user edits only their own switches; there is no user id in the request to tamper with. */
@Controller()
export class PreferencesHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly preferences: PreferencesRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(getMyPreferences)
  async get({ caller }: RpcRequestMessage<unknown>) {
    return this.preferences.forUser(this.db.manager, requireCaller(caller).userId);
  }

  @RpcHandler(updateMyPreferences)
  async update({ data, caller }: RpcRequestMessage<z.infer<typeof updateMyPreferences.request>>) {
    const userId = requireCaller(caller).userId;
    return this.db.transaction(async (m) => {
      const current = await this.preferences.forUser(m, userId);
      for (const [category, change] of Object.entries(data.categories) as Array<
        [NotificationCategory, { email?: boolean; sms?: boolean } | undefined]
      >) {
        if (!change) continue;
        const next = { ...current.categories[category], ...change };
        await this.preferences.save(m, userId, category, next, this.clock.now());
      }
      return this.preferences.forUser(m, userId);
    });
  }
}
