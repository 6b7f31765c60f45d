import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import type { ReportingConfig } from './config';
import { REPORTING_MIGRATIONS } from './migrations';

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig, clock?: Clock): DynamicModule {
    return {
      module: ReportingModule,
      imports: coreModules({
        service: 'reporting',
        config,
        migrations: REPORTING_MIGRATIONS,
        relay: false,
        redis: false,
        consumers: CONSUMERS.filter((c) => c.service === 'reporting'),
        clock,
      }),
      controllers: [pingHandlerFor('reporting')],
    };
  }
}
