import { Controller } from '@nestjs/common';
import { listLand, recordLand, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { requireCaller } from '../shared/access.util';
import { LandRecordsService } from './land-records.service';

@Controller()
export class LandRecordsHandler {
  constructor(private readonly land: LandRecordsService) {}

  @RpcHandler(recordLand)
  record({ data, caller }: RpcRequestMessage<RpcRequest<typeof recordLand>>) {
    return this.land.record(requireCaller(caller), data);
  }

  @RpcHandler(listLand)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof listLand>>) {
    return this.land.list(requireCaller(caller), data);
  }
}
