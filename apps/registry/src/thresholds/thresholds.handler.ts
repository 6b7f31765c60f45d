import { Controller, Inject } from '@nestjs/common';
import { DomainError, registryConfigThresholds, type RegistryThresholds } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import type { RegistryConfig } from '../config';
import { REGISTRY_THRESHOLDS } from '../projects/projects.service';
import type { Thresholds } from '../projects/project-rules.util';
import { MSG } from '../registry.messages';

const env = (name: keyof RegistryConfig) => ({ source: 'env' as const, name });

/** The thresholds the project rules were given at start, for the admin's thresholds page. */
@Controller()
export class ThresholdsHandler {
  constructor(@Inject(REGISTRY_THRESHOLDS) private readonly thresholds: Thresholds) {}

  @RpcHandler(registryConfigThresholds)
  get({ caller }: RpcRequestMessage<unknown>): RegistryThresholds {
    if (caller?.role !== 'admin') throw new DomainError('FORBIDDEN', MSG.forbiddenRole);
    return {
      agencyWan: { value: this.thresholds.agencyWan, ...env('REGISTRY_AGENCY_THRESHOLD_WAN') },
      taskForceWan: { value: this.thresholds.taskForceWan, ...env('REGISTRY_TASK_FORCE_THRESHOLD_WAN') },
    };
  }
}
