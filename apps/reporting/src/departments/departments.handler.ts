import { Controller } from '@nestjs/common';
import { reportingDepartments, type RpcRequest } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { DepartmentsService } from './departments.service';

@Controller()
export class DepartmentsHandler {
  constructor(private readonly service: DepartmentsService) {}

  @RpcHandler(reportingDepartments)
  departments({ data, caller }: RpcRequestMessage<RpcRequest<typeof reportingDepartments>>) {
    return this.service.report(caller, data.year);
  }
}
