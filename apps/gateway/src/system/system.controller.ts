import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { servicePing } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';

export const BACKEND_SERVICES = ['registry', 'workflow', 'notifications', 'reporting'] as const;

/** Lets operators see from the one HTTP entry whether each service answers over request-reply. */
/** Public: probes and the start script read it; it names services and up/down, no data. */
@Public()
@Controller('api/v1/system')
export class SystemController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('services')
  async services() {
    const results = await Promise.all(
      BACKEND_SERVICES.map(async (service) => {
        const started = performance.now();
        try {
          await this.rpc.call(servicePing(service), {}, { caller: null });
          return {
            service,
            status: 'up' as const,
            latencyMs: Math.round((performance.now() - started) * 10) / 10,
          };
        } catch (error) {
          return { service, status: 'down' as const, error: (error as Error).message };
        }
      }),
    );
    return { services: results };
  }
}
