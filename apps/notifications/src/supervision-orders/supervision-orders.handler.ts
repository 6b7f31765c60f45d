import { Controller } from '@nestjs/common';
import type { z } from 'zod';
import {
  DomainError,
  actOnSupervisionOrder,
  createSupervisionOrder,
  getSupervisionOrder,
  listSupervisionOrders,
  type Caller,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { toOrderView } from './supervision-orders.repository';
import { SupervisionOrdersService } from './supervision-orders.service';

function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED');
  return caller;
}

@Controller()
export class SupervisionOrdersHandler {
  constructor(private readonly service: SupervisionOrdersService) {}

  @RpcHandler(listSupervisionOrders)
  list({ data, caller }: RpcRequestMessage<z.infer<typeof listSupervisionOrders.request>>) {
    return this.service.list(requireCaller(caller), data);
  }

  @RpcHandler(getSupervisionOrder)
  async get({ data, caller }: RpcRequestMessage<{ id: string }>) {
    return toOrderView(await this.service.get(requireCaller(caller), data.id));
  }

  @RpcHandler(createSupervisionOrder)
  async create({ data, caller }: RpcRequestMessage<z.infer<typeof createSupervisionOrder.request>>) {
    return toOrderView(await this.service.create(requireCaller(caller), data));
  }

  @RpcHandler(actOnSupervisionOrder)
  async act({ data, caller }: RpcRequestMessage<z.infer<typeof actOnSupervisionOrder.request>>) {
    return toOrderView(await this.service.act(requireCaller(caller), data));
  }
}
