import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scopeCovers } from '@daiban/auth';
import { DomainError, listReminders, type DeadlineKind } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { deadlineKeyOf } from './deadline.types';
import { DeadlinesRepository } from './deadlines.repository';

const ALLOWED = new Set(['agent', 'center_director', 'admin']);

/** `GET /api/v1/items/{id}/reminders`: agents, directors and admins, within their scope. */
@Controller()
export class RemindersHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deadlines: DeadlinesRepository,
  ) {}

  @RpcHandler(listReminders)
  async list({ data, caller }: RpcRequestMessage<{ kind: DeadlineKind; subjectId: string }>) {
    if (!caller) throw new DomainError('UNAUTHENTICATED');
    const key = deadlineKeyOf(data.kind, data.subjectId);
    const deadline = await this.deadlines.find(this.db.manager, key);
    if (!deadline || !ALLOWED.has(caller.role) || !scopeCovers(caller.scope, deadline.place)) {
      throw new DomainError('NOT_FOUND', '提醒记录不存在');
    }
    const rungs = await this.deadlines.rungsOf(this.db.manager, key);
    return {
      deadlineKey: key,
      version: deadline.version,
      status: deadline.status,
      dueAt: deadline.dueAt?.toISOString() ?? null,
      rungs: rungs.map((r) => ({
        deadlineKey: r.deadlineKey,
        rung: r.rung,
        version: r.version,
        fireAt: r.fireAt.toISOString(),
        status: r.status,
        firedAt: r.firedAt?.toISOString() ?? null,
      })),
    };
  }
}
