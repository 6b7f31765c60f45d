import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  DomainError,
  countMyUnread,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
  type Caller,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { InboxRepository } from './inbox.repository';

function userOf(caller: Caller | null): string {
  if (!caller) throw new DomainError('UNAUTHENTICATED');
  return caller.userId;
}

/** `/api/v1/me/notifications`: always the caller's own inbox. */
@Controller()
export class InboxHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly inbox: InboxRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(listMyNotifications)
  async list({ data, caller }: RpcRequestMessage<z.infer<typeof listMyNotifications.request>>) {
    const userId = userOf(caller);
    return {
      items: await this.inbox.list(this.db.manager, userId, data),
      unread: await this.inbox.unreadCount(this.db.manager, userId),
    };
  }

  @RpcHandler(countMyUnread)
  async unread({ caller }: RpcRequestMessage<unknown>) {
    return { unread: await this.inbox.unreadCount(this.db.manager, userOf(caller)) };
  }

  @RpcHandler(markNotificationsRead)
  async markRead({ data, caller }: RpcRequestMessage<{ ids: string[] }>) {
    const userId = userOf(caller);
    const updated = await this.inbox.markRead(this.db.manager, userId, data.ids, this.clock.now());
    return { updated, unread: await this.inbox.unreadCount(this.db.manager, userId) };
  }

  @RpcHandler(markAllNotificationsRead)
  async markAllRead({ caller }: RpcRequestMessage<unknown>) {
    const userId = userOf(caller);
    const updated = await this.inbox.markRead(this.db.manager, userId, null, this.clock.now());
    return { updated, unread: await this.inbox.unreadCount(this.db.manager, userId) };
  }
}
