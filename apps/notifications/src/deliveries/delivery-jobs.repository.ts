import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '@daiban/calendar';
import { withoutJobs } from '../queues/jobs-missing';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import {
  DELIVERIES_QUEUE,
  DELIVERY_JOBS,
  DELIVERY_JOB_RETENTION,
  deliveryJobId,
} from '../queues/queue.constants';

export interface DeliveryJobData {
  deliveryId: string;
}

@Injectable()
export class DeliveryJobsRepository {
  private readonly logger = new Logger('delivery-jobs');

  constructor(
    @Inject(DELIVERIES_QUEUE) private readonly queue: Queue,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly clock: Clock,
  ) {}

  async enqueue(delivery: { id: string; notBefore: Date }): Promise<void> {
    const data: DeliveryJobData = { deliveryId: delivery.id };
    await this.queue.add(DELIVERY_JOBS.deliver, data, {
      ...DELIVERY_JOB_RETENTION,
      jobId: deliveryJobId(delivery.id),
      delay: Math.max(0, delivery.notBefore.getTime() - this.clock.now().getTime()),
      attempts: this.config.DELIVERY_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
    });
  }

  /** The deliveries among these without a job (the sweeper enqueues them again). */
  unqueued<T extends { id: string }>(deliveries: readonly T[]): Promise<T[]> {
    return withoutJobs(this.queue, deliveries, (d) => deliveryJobId(d.id));
  }

  /** Redis trouble must not undo a committed notification: the sweeper enqueues it later. */
  async enqueueBestEffort(deliveries: ReadonlyArray<{ id: string; notBefore: Date }>): Promise<void> {
    for (const delivery of deliveries) {
      try {
        await this.enqueue(delivery);
      } catch (error) {
        this.logger.warn(
          `enqueue ${delivery.id} failed, the sweeper will retry: ${(error as Error).message}`,
        );
      }
    }
  }
}
