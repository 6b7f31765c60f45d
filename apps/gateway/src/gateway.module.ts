import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import type { Clock } from '@daiban/calendar';
import { REDIS } from '@daiban/database';
import { coreModules } from '@daiban/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { GATEWAY_MIGRATIONS } from './migrations';
import { HttpErrorFilter } from './errors/http-error.filter';
import { SystemController } from './system/system.controller';
import { RegistryRoutesModule } from './registry/registry-routes.module';
import { NotificationsRoutesModule } from './notifications/notifications-routes.module';
import { WorkflowRoutesModule } from './workflow/workflow-routes.module';
import { WorkflowFilesRoutesModule } from './workflow-files/workflow-files.module';
import { ReportingRoutesModule } from './reporting/reporting-routes.module';
import { LOGIN_THROTTLE_KEY } from './auth/auth.decorators';
import { AuthGuard } from './auth/auth.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { UsersRepository } from './identity/users.repository';
import { SessionsRepository } from './identity/sessions.repository';
import { LoginAttemptsRepository } from './identity/login-attempts.repository';
import { PasswordHasher } from './identity/password-hasher.service';
import { TokenService } from './identity/token.service';
import { SessionVerifier } from './identity/session-verifier.service';
import { SessionCache } from './identity/session-cache';
import { AdminBootstrap } from './identity/admin-bootstrap.service';
import { UsersController } from './users/users.controller';
import { ParkAgentsController } from './users/park-agents.controller';
import { MeController } from './users/me.controller';
import { UsersService } from './users/users.service';
import { UserContactsHandler } from './users/user-contacts.handler';
import { PasswordRules } from './users/password-rules.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { StreamController } from './stream/stream.controller';
import { LiveStreamService } from './stream/live-stream.service';
import { StreamTicketStore } from './stream/stream-ticket.store';
import { QueueBoardController } from './admin/queue-board.controller';
import { ThresholdsController } from './admin/thresholds.controller';
import { GatewayThrottlerGuard } from './http/gateway-throttler.guard';
import { RedisThrottlerStorage } from './http/redis-throttler.storage';
import { ResponseContractInterceptor } from './http/response-contract.interceptor';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { GatewayInterceptor } from './http/gateway.interceptor';

const MINUTE_MS = 60_000;

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, clock?: Clock): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ...coreModules({
          service: 'gateway',
          config,
          migrations: GATEWAY_MIGRATIONS,
          // Publishes identity.user.changed from the outbox the user changes commit with.
          relay: true,
          redis: true,
          clock,
        }),
        RegistryRoutesModule,
        NotificationsRoutesModule,
        WorkflowRoutesModule,
        WorkflowFilesRoutesModule.forRoot(config),
        ReportingRoutesModule,
        ThrottlerModule.forRootAsync({
          inject: [REDIS],
          useFactory: (redis: Redis) => ({
            storage: new RedisThrottlerStorage(redis, `gw:${config.EVENT_NAMESPACE || 'daiban'}:throttle`),
            throttlers: [
              { name: 'api', ttl: MINUTE_MS, limit: config.API_RATE_LIMIT_PER_MINUTE },
              {
                name: 'login',
                ttl: MINUTE_MS,
                limit: config.LOGIN_RATE_LIMIT_PER_MINUTE,
                skipIf: (context) =>
                  !Reflect.getMetadata(LOGIN_THROTTLE_KEY, context.getHandler()) &&
                  !Reflect.getMetadata(LOGIN_THROTTLE_KEY, context.getClass()),
              },
            ],
          }),
        }),
      ],
      controllers: [
        SystemController,
        AuthController,
        MeController,
        UsersController,
        ParkAgentsController,
        AuditController,
        StreamController,
        QueueBoardController,
        ThresholdsController,
        UserContactsHandler,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        // Order matters: throttle before any token work, then authenticate.
        { provide: APP_GUARD, useClass: GatewayThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        // Idempotency outermost (a replayed answer runs nothing again: no second audit row, no second
        // effect), then audit, then the response contract: composed in GatewayInterceptor, which
        // routeInterceptors (http/route-interceptors.ts) puts on every route that is not a read.
        GatewayInterceptor,
        IdempotencyInterceptor,
        AuditInterceptor,
        ResponseContractInterceptor,
        UsersRepository,
        SessionsRepository,
        LoginAttemptsRepository,
        PasswordHasher,
        TokenService,
        SessionVerifier,
        SessionCache,
        AdminBootstrap,
        AuthService,
        UsersService,
        PasswordRules,
        AuditRepository,
        AuditService,
        LiveStreamService,
        StreamTicketStore,
      ],
    };
  }
}
