import 'reflect-metadata';
import { loadConfigOrExit } from '@daiban/config';
import { createServiceApp, startServiceApp } from '@daiban/messaging';
import { gatewayEnv } from './config';
import { GatewayModule } from './gateway.module';
import { configureGatewayApp } from './http/gateway-http.setup';

/** Like runService, plus the gateway's own HTTP setup (headers, CORS, OpenAPI, queue dashboard). */
const config = loadConfigOrExit(gatewayEnv, 'gateway');
(async () => {
  const app = await createServiceApp(GatewayModule.forRoot(config), {
    service: 'gateway',
    logLevel: config.LOG_LEVEL,
    namespace: config.EVENT_NAMESPACE,
    // Serves gateway.users.contacts to the notifications service.
    rpc: true,
    trustProxy: config.TRUSTED_PROXIES.length ? config.TRUSTED_PROXIES : false,
  });
  await configureGatewayApp(app, config);
  await startServiceApp(app, config.HOST, config.PORT);
})().catch((error: unknown) => {
  process.stderr.write(
    `[gateway] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
