import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import type { WorkflowConfig } from './config';
import { WORKFLOW_MIGRATIONS } from './migrations';

@Module({})
export class WorkflowModule {
  static forRoot(config: WorkflowConfig, clock?: Clock): DynamicModule {
    return {
      module: WorkflowModule,
      imports: coreModules({
        service: 'workflow',
        config,
        migrations: WORKFLOW_MIGRATIONS,
        relay: true,
        redis: false,
        consumers: CONSUMERS.filter((c) => c.service === 'workflow'),
        clock,
      }),
      controllers: [pingHandlerFor('workflow')],
    };
  }
}
