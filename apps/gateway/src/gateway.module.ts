import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Clock } from '@daiban/calendar';
import { coreModules } from '@daiban/messaging';
import type { GatewayConfig } from './config';
import { GATEWAY_MIGRATIONS } from './migrations';
import { HttpErrorFilter } from './errors/http-error.filter';
import { SystemController } from './system/system.controller';
import { RegistryRoutesModule } from './registry/registry-routes.module';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, clock?: Clock): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ...coreModules({ service: 'gateway', config, migrations: GATEWAY_MIGRATIONS, redis: true, clock }),
        RegistryRoutesModule,
      ],
      controllers: [SystemController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
