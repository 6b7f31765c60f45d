import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import type { NotificationsConfig } from './config';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, clock?: Clock): DynamicModule {
    return {
      module: NotificationsModule,
      imports: coreModules({
        service: 'notifications',
        config,
        migrations: NOTIFICATIONS_MIGRATIONS,
        relay: true,
        redis: true,
        consumers: CONSUMERS.filter((c) => c.service === 'notifications'),
        clock,
      }),
      controllers: [pingHandlerFor('notifications')],
    };
  }
}
