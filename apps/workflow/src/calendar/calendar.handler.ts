import { Controller } from '@nestjs/common';
import {
  workflowCalendarGet,
  workflowCalendarList,
  workflowCalendarPut,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { CalendarService } from './calendar.service';

@Controller()
export class CalendarHandler {
  constructor(private readonly service: CalendarService) {}

  @RpcHandler(workflowCalendarGet)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowCalendarGet>>) {
    return this.service.get(caller, data.year);
  }

  @RpcHandler(workflowCalendarList)
  async list({ caller }: RpcRequestMessage<RpcRequest<typeof workflowCalendarList>>) {
    return { years: await this.service.list(caller) };
  }

  @RpcHandler(workflowCalendarPut)
  put({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowCalendarPut>>) {
    return this.service.put(caller, data);
  }
}
