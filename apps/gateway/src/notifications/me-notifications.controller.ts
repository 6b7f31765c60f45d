import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import type { z } from 'zod';
import {
  countMyUnread,
  getMyPreferences,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
  updateMyPreferences,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodQuery } from '../http/zod-http';
import { emptyQuery, inboxQuery, markReadBody, preferencesBody } from './notifications-http.schema';

/** The caller's own inbox and preferences: every role has one, and nobody reads another's. */
@Controller('api/v1/me')
export class MeNotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('notifications')
  @ApiContract({
    summary: '我的消息',
    tags: ['notifications'],
    query: inboxQuery,
    response: listMyNotifications.response,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD'],
  })
  list(@CurrentCaller() caller: Caller, @ZodQuery(inboxQuery) query: z.infer<typeof inboxQuery>) {
    return this.rpc.call(
      listMyNotifications,
      { unreadOnly: query.unreadOnly ?? false, limit: query.limit ?? 20, before: query.before },
      { caller },
    );
  }

  @Get('notifications/unread-count')
  @ApiContract({
    summary: '未读消息数',
    tags: ['notifications'],
    query: emptyQuery,
    response: countMyUnread.response,
    errors: ['UNKNOWN_FIELD'],
  })
  unread(@CurrentCaller() caller: Caller, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(countMyUnread, {}, { caller });
  }

  @Post('notifications/read')
  @HttpCode(200)
  @AuditAction('notifications.mark_read', { objectType: 'notification' })
  @ApiContract({
    summary: '标记已读',
    tags: ['notifications'],
    body: markReadBody,
    response: markNotificationsRead.response,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD'],
  })
  markRead(@CurrentCaller() caller: Caller, @ZodBody(markReadBody) body: z.infer<typeof markReadBody>) {
    return this.rpc.call(markNotificationsRead, body, { caller });
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @AuditAction('notifications.mark_all_read', { objectType: 'notification' })
  @ApiContract({
    summary: '全部标记已读',
    tags: ['notifications'],
    response: markAllNotificationsRead.response,
    errors: [],
  })
  markAllRead(@CurrentCaller() caller: Caller) {
    return this.rpc.call(markAllNotificationsRead, {}, { caller });
  }

  @Get('notification-preferences')
  @ApiContract({
    summary: '我的通知偏好',
    tags: ['notifications'],
    query: emptyQuery,
    response: getMyPreferences.response,
    errors: ['UNKNOWN_FIELD'],
  })
  preferences(@CurrentCaller() caller: Caller, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(getMyPreferences, {}, { caller });
  }

  @Put('notification-preferences')
  @AuditAction('notifications.update_preferences', { objectType: 'notification_preferences' })
  @ApiContract({
    summary: '修改通知偏好',
    description: '站内消息不可关闭；红灯、督办等紧急消息不受偏好与免打扰时段限制。',
    tags: ['notifications'],
    body: preferencesBody,
    response: updateMyPreferences.response,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD'],
  })
  updatePreferences(
    @CurrentCaller() caller: Caller,
    @ZodBody(preferencesBody) body: z.infer<typeof preferencesBody>,
  ) {
    return this.rpc.call(updateMyPreferences, body, { caller });
  }
}
