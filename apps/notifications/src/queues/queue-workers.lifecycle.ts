import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type Redis from 'ioredis';
import { QUEUES } from '@daiban/contracts';
import type { NotificationsConfig } from '../config';
import { DeliveryProcessor } from '../deliveries/delivery.processor';
import { DigestService } from '../digest/digest.service';
import { ReminderProcessor } from '../reminders/reminder.processor';
import { ReminderSweeper } from '../reminders/reminder.sweeper';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import {
  BULL_CONNECTION,
  DELIVERIES_QUEUE,
  DELIVERY_JOBS,
  REMINDERS_QUEUE,
  REMINDER_JOBS,
  SCHEDULERS,
} from './queue.constants';

interface SweepJobData {
  periodic?: boolean;
}

/**
 * Upserts the two job schedulers (the only place that does) and runs the workers. After Redis comes back
 * empty (a restart without persistence), the `ready` event upserts the schedulers again and runs a full
 * sweep at once; if that fails, it is tried again one sweep interval later, since the periodic sweep
 * needs its scheduler back and only looks at what falls due soon.
 */
@Injectable()
export class QueueWorkersLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('queues');
  private readonly workers: Worker[] = [];
  private retry?: NodeJS.Timeout;
  private readonly onReady = () => {
    clearTimeout(this.retry);
    void this.ensureSchedules()
      .then(() => this.sweeper.sweep())
      .catch((error: Error) => {
        this.logger.warn(`re-arming after reconnect failed, trying again: ${error.message}`);
        this.retry = setTimeout(this.onReady, this.config.REMINDER_SWEEP_EVERY_MS);
        this.retry.unref();
      });
  };

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(BULL_CONNECTION) private readonly connection: Redis,
    @Inject(REMINDERS_QUEUE) private readonly reminders: Queue,
    @Inject(DELIVERIES_QUEUE) private readonly deliveries: Queue,
    private readonly reminderProcessor: ReminderProcessor,
    private readonly deliveryProcessor: DeliveryProcessor,
    private readonly sweeper: ReminderSweeper,
    private readonly digest: DigestService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSchedules();
    this.connection.on('ready', this.onReady);
    if (!this.config.QUEUE_WORKERS) return;
    const common = { connection: this.connection, prefix: this.config.QUEUE_PREFIX };
    this.workers.push(
      new Worker(QUEUES.reminders, (job: Job, token?: string) => this.routeReminder(job, token), {
        ...common,
        concurrency: this.config.REMINDER_WORKER_CONCURRENCY,
      }),
      new Worker(QUEUES.deliveries, (job: Job, token?: string) => this.routeDelivery(job, token), {
        ...common,
        concurrency: 8,
      }),
    );
    for (const worker of this.workers) {
      worker.on('error', (error) => this.logger.warn(`${worker.name} worker: ${error.message}`));
    }
  }

  async ensureSchedules(): Promise<void> {
    await this.reminders.upsertJobScheduler(
      SCHEDULERS.sweep,
      { every: this.config.REMINDER_SWEEP_EVERY_MS },
      {
        name: REMINDER_JOBS.sweep,
        data: { periodic: true } satisfies SweepJobData,
        opts: { removeOnComplete: true, removeOnFail: true },
      },
    );
    await this.reminders.upsertJobScheduler(
      SCHEDULERS.digest,
      { pattern: this.config.DIGEST_CRON, tz: 'Asia/Shanghai' },
      { name: REMINDER_JOBS.digest, data: {}, opts: { removeOnComplete: true, removeOnFail: true } },
    );
  }

  private async routeReminder(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case REMINDER_JOBS.rung:
        return this.reminderProcessor.process(job, token);
      case REMINDER_JOBS.sweep:
        // A sweep job without `periodic` (one added by hand, or by the bench) is a full pass.
        return (job.data as SweepJobData).periodic
          ? this.sweeper.sweep({
              dueWithinMs: Math.max(
                this.config.REMINDER_SWEEP_HORIZON_MS,
                2 * this.config.REMINDER_SWEEP_EVERY_MS,
              ),
            })
          : this.sweeper.sweep();
      case REMINDER_JOBS.digest:
        return this.digest.runDaily();
      default:
        throw new UnrecoverableError(`no handler for reminders job "${job.name}"`);
    }
  }

  private async routeDelivery(job: Job, token?: string): Promise<unknown> {
    if (job.name !== DELIVERY_JOBS.deliver) {
      throw new UnrecoverableError(`no handler for deliveries job "${job.name}"`);
    }
    return this.deliveryProcessor.process(job, token);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.connection.off('ready', this.onReady);
    clearTimeout(this.retry);
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([this.reminders.close(), this.deliveries.close()]);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
