import 'reflect-metadata';
import { runService } from '@daiban/messaging';
import { gatewayEnv } from './config';
import { GatewayModule } from './gateway.module';

runService({
  service: 'gateway',
  env: gatewayEnv,
  module: (config) => GatewayModule.forRoot(config),
  rpc: false,
});
