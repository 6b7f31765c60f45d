import { Controller } from '@nestjs/common';
import {
  getEnterprise,
  listEnterprises,
  registerEnterprise,
  revealEnterpriseContacts,
  updateEnterprise,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { requireCaller } from '../shared/access.util';
import { EnterprisesService } from './enterprises.service';

@Controller()
export class EnterprisesHandler {
  constructor(private readonly enterprises: EnterprisesService) {}

  @RpcHandler(registerEnterprise)
  register({ data, caller }: RpcRequestMessage<RpcRequest<typeof registerEnterprise>>) {
    return this.enterprises.register(requireCaller(caller), data);
  }

  @RpcHandler(getEnterprise)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof getEnterprise>>) {
    return this.enterprises.get(requireCaller(caller), data.enterpriseId);
  }

  @RpcHandler(listEnterprises)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof listEnterprises>>) {
    return this.enterprises.list(requireCaller(caller), data);
  }

  @RpcHandler(updateEnterprise)
  update({ data, caller }: RpcRequestMessage<RpcRequest<typeof updateEnterprise>>) {
    return this.enterprises.update(requireCaller(caller), data);
  }

  @RpcHandler(revealEnterpriseContacts)
  reveal({ data, caller }: RpcRequestMessage<RpcRequest<typeof revealEnterpriseContacts>>) {
    return this.enterprises.revealContacts(requireCaller(caller), data.enterpriseId);
  }
}
