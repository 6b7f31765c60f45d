import { Controller } from '@nestjs/common';
import { createPark, listCounties, listParks, updatePark, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { requireCaller } from '../shared/access.util';
import { ParksService } from './parks.service';

@Controller()
export class ParksHandler {
  constructor(private readonly parks: ParksService) {}

  @RpcHandler(listCounties)
  async counties({ caller }: RpcRequestMessage<RpcRequest<typeof listCounties>>) {
    requireCaller(caller);
    return { items: await this.parks.listCounties() };
  }

  @RpcHandler(listParks)
  async list({ data, caller }: RpcRequestMessage<RpcRequest<typeof listParks>>) {
    return { items: await this.parks.listParks(requireCaller(caller), data) };
  }

  @RpcHandler(createPark)
  create({ data, caller }: RpcRequestMessage<RpcRequest<typeof createPark>>) {
    return this.parks.create(requireCaller(caller), data);
  }

  @RpcHandler(updatePark)
  update({ data, caller }: RpcRequestMessage<RpcRequest<typeof updatePark>>) {
    return this.parks.update(requireCaller(caller), data);
  }
}
