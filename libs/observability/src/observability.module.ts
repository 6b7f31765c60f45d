import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthController, HealthRegistry, MetricsController, SERVICE_NAME } from './health';
import { Metrics } from './metrics';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: { service: string; metrics?: Metrics }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [
        HealthRegistry,
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: Metrics, useValue: options.metrics ?? new Metrics(options.service) },
      ],
      exports: [HealthRegistry, Metrics, SERVICE_NAME],
    };
  }
}
