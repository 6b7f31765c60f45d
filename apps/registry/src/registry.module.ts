import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import type { RegistryConfig } from './config';
import { REGISTRY_MIGRATIONS } from './migrations';

@Module({})
export class RegistryModule {
  static forRoot(config: RegistryConfig, clock?: Clock): DynamicModule {
    return {
      module: RegistryModule,
      imports: coreModules({
        service: 'registry',
        config,
        migrations: REGISTRY_MIGRATIONS,
        relay: true,
        redis: false,
        consumers: CONSUMERS.filter((c) => c.service === 'registry'),
        clock,
      }),
      controllers: [pingHandlerFor('registry')],
    };
  }
}
