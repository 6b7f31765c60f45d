import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import {
  notificationsConfigThresholds,
  registryConfigThresholds,
  workflowConfigThresholds,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';

const thresholdsResponse = z.object({
  registry: registryConfigThresholds.response,
  workflow: workflowConfigThresholds.response,
  notifications: notificationsConfigThresholds.response,
});

/**
 * The thresholds each service actually runs with, asked of its owner rather than copied into the
 * web app: a changed environment variable shows here after that service restarts.
 */
@Controller('api/v1/admin/thresholds')
@Roles('admin')
export class ThresholdsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiContract({
    summary: '预警阈值（各服务当前生效的值及其配置位置）',
    description:
      '代办与专班门槛（registry）、企业诉求与视为受理时限（workflow）、亮灯与逐级督办规则（notifications）。' +
      'source 为 env 时 name 是该服务的环境变量，为 code 时 name 是代码中的常量。',
    tags: ['admin'],
    response: thresholdsResponse,
    errors: ['FORBIDDEN'],
  })
  async get(@CurrentCaller() caller: Caller): Promise<z.infer<typeof thresholdsResponse>> {
    const [registry, workflow, notifications] = await Promise.all([
      this.rpc.call(registryConfigThresholds, {}, { caller }),
      this.rpc.call(workflowConfigThresholds, {}, { caller }),
      this.rpc.call(notificationsConfigThresholds, {}, { caller }),
    ]);
    return { registry, workflow, notifications };
  }
}
