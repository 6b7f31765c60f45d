import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import { listReminders, type Caller } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, itemParams } from './notifications-http.schema';

@Controller('api/v1/items')
export class ItemRemindersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':id/reminders')
  @Roles('agent', 'center_director', 'admin')
  @ApiContract({
    summary: '事项提醒与升级时间表',
    tags: ['notifications'],
    params: itemParams,
    query: emptyQuery,
    response: listReminders.response,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
  })
  list(
    @CurrentCaller() caller: Caller,
    @ZodParams(itemParams) params: z.infer<typeof itemParams>,
    @ZodQuery(emptyQuery) _q: unknown,
  ) {
    return this.rpc.call(listReminders, { kind: 'item', subjectId: params.id }, { caller });
  }
}
