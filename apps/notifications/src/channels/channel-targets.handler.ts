import { Controller } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DomainError,
  listChannelTargets,
  removeChannelTarget,
  upsertChannelTarget,
  type Caller,
  type ChannelTargetInput,
} from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { ChannelTargetsRepository, toTargetView } from './channel-targets.repository';

function requireAdmin(caller: Caller | null): void {
  if (!caller) throw new DomainError('UNAUTHENTICATED');
  if (caller.role !== 'admin') throw new DomainError('FORBIDDEN');
}

@Controller()
export class ChannelTargetsHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly targets: ChannelTargetsRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(listChannelTargets)
  async list({ caller }: RpcRequestMessage<unknown>) {
    requireAdmin(caller);
    return { items: (await this.targets.list(this.db.manager)).map(toTargetView) };
  }

  @RpcHandler(upsertChannelTarget)
  async upsert({ data, caller }: RpcRequestMessage<ChannelTargetInput>) {
    requireAdmin(caller);
    return toTargetView(await this.targets.upsert(this.db.manager, data, this.clock.now()));
  }

  @RpcHandler(removeChannelTarget)
  async remove({ data, caller }: RpcRequestMessage<{ id: string }>) {
    requireAdmin(caller);
    return { removed: await this.targets.remove(this.db.manager, data.id) };
  }
}
