import type { Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { QUEUES } from '@daiban/contracts';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import { BULL_CONNECTION, DELIVERIES_QUEUE, REMINDERS_QUEUE } from './queue.constants';

/** BullMQ gets its own connection: workers block on it, and it needs `maxRetriesPerRequest: null`. */
export const queueProviders: Provider[] = [
  {
    provide: BULL_CONNECTION,
    inject: [NOTIFICATIONS_CONFIG],
    useFactory: (config: NotificationsConfig) =>
      new Redis(config.REDIS_URL, {
        maxRetriesPerRequest: null,
        retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
      }),
  },
  {
    provide: REMINDERS_QUEUE,
    inject: [BULL_CONNECTION, NOTIFICATIONS_CONFIG],
    useFactory: (connection: Redis, config: NotificationsConfig) =>
      new Queue(QUEUES.reminders, { connection, prefix: config.QUEUE_PREFIX }),
  },
  {
    provide: DELIVERIES_QUEUE,
    inject: [BULL_CONNECTION, NOTIFICATIONS_CONFIG],
    useFactory: (connection: Redis, config: NotificationsConfig) =>
      new Queue(QUEUES.deliveries, { connection, prefix: config.QUEUE_PREFIX }),
  },
];
