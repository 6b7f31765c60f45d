import 'reflect-metadata';
import { runService } from '@daiban/messaging';
import { notificationsEnv } from './config';
import { NotificationsModule } from './notifications.module';

runService({
  service: 'notifications',
  env: notificationsEnv,
  module: (config) => NotificationsModule.forRoot(config),
});
