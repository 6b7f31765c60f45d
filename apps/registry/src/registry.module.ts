import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import type { RegistryConfig } from './config';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { LandRecordsModule } from './land-records/land-records.module';
import { REGISTRY_MIGRATIONS } from './migrations';
import { ParksModule } from './parks/parks.module';
import { REGISTRY_THRESHOLDS } from './projects/projects.service';
import { ProjectsModule } from './projects/projects.module';
import { REGISTRY_ENTITIES } from './registry.entities';
import { ThresholdsHandler } from './thresholds/thresholds.handler';

@Global()
@Module({})
class RegistrySettingsModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: RegistrySettingsModule,
      providers: [
        {
          provide: REGISTRY_THRESHOLDS,
          useValue: {
            agencyWan: config.REGISTRY_AGENCY_THRESHOLD_WAN,
            taskForceWan: config.REGISTRY_TASK_FORCE_THRESHOLD_WAN,
          },
        },
      ],
      exports: [REGISTRY_THRESHOLDS],
    };
  }
}

@Module({})
export class RegistryModule {
  static forRoot(config: RegistryConfig, clock?: Clock): DynamicModule {
    return {
      module: RegistryModule,
      imports: [
        ...coreModules({
          service: 'registry',
          config,
          entities: REGISTRY_ENTITIES,
          migrations: REGISTRY_MIGRATIONS,
          relay: true,
          redis: false,
          consumers: CONSUMERS.filter((c) => c.service === 'registry'),
          clock,
        }),
        RegistrySettingsModule.forRoot(config),
        ParksModule,
        EnterprisesModule,
        ProjectsModule,
        LandRecordsModule,
      ],
      controllers: [pingHandlerFor('registry'), ThresholdsHandler],
    };
  }
}
