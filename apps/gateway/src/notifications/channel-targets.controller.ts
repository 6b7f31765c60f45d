import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import type { z } from 'zod';
import { listChannelTargets, removeChannelTarget, upsertChannelTarget, type Caller } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { channelTargetBody, emptyQuery, uuidParams } from './notifications-http.schema';

/** Group robots (企业微信, 钉钉) and SMTP servers per park or county; secrets are never returned. */
@Controller('api/v1/admin/notification-targets')
@Roles('admin')
export class ChannelTargetsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiContract({
    summary: '通知渠道（群机器人、邮件服务器）列表',
    tags: ['notifications'],
    query: emptyQuery,
    response: listChannelTargets.response,
    errors: ['UNKNOWN_FIELD', 'FORBIDDEN'],
  })
  list(@CurrentCaller() caller: Caller, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(listChannelTargets, {}, { caller });
  }

  /** One target per (kind, park or county): posting again replaces it. */
  @Post()
  @HttpCode(200)
  @AuditAction('notification_targets.upsert', { objectType: 'notification_target' })
  @ApiContract({
    summary: '设置通知渠道',
    tags: ['notifications'],
    body: channelTargetBody,
    response: upsertChannelTarget.response,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'FORBIDDEN'],
  })
  upsert(
    @CurrentCaller() caller: Caller,
    @ZodBody(channelTargetBody) body: z.infer<typeof channelTargetBody>,
  ) {
    return this.rpc.call(upsertChannelTarget, body, { caller });
  }

  @Delete(':id')
  @AuditAction('notification_targets.remove', { objectType: 'notification_target' })
  @ApiContract({
    summary: '删除通知渠道',
    tags: ['notifications'],
    params: uuidParams,
    response: removeChannelTarget.response,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  })
  remove(@CurrentCaller() caller: Caller, @ZodParams(uuidParams) params: z.infer<typeof uuidParams>) {
    return this.rpc.call(removeChannelTarget, { id: params.id }, { caller });
  }
}
