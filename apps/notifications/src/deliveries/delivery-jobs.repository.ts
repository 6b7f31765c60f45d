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
    await this.enqueueAll([delivery]);
  }

  /** enqueue() for several deliveries in one Redis round trip. */
  async enqueueAll(deliveries: ReadonlyArray<{ id: string; notBefore: Date }>): Promise<void> {
    if (!deliveries.length) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      deliveries.map((delivery) => ({
        name: DELIVERY_JOBS.deliver,
        data: { deliveryId: delivery.id } satisfies DeliveryJobData,
        opts: {
          ...DELIVERY_JOB_RETENTION,
          jobId: deliveryJobId(delivery.id),
          delay: Math.max(0, delivery.notBefore.getTime() - now),
          attempts: this.config.DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential' as const, delay: this.config.DELIVERY_BACKOFF_MS },
        },
      })),
    );
  }

  /** The deliveries among these without a job (the sweeper enqueues them again). */
  unqueued<T extends { id: string }>(deliveries: readonly T[]): Promise<T[]> {
    return withoutJobs(this.queue, deliveries, (d) => deliveryJobId(d.id));
  }

  /**
   * Redis trouble must not undo a committed notification: the sweeper enqueues it later. One round trip
   * for all: a consumer batch's deliveries were added one answer at a time, holding up its lane (bench B2).
   */
  async enqueueBestEffort(deliveries: ReadonlyArray<{ id: string; notBefore: Date }>): Promise<void> {
    try {
      await this.enqueueAll(deliveries);
    } catch (error) {
      this.logger.warn(
        `enqueueing ${deliveries.length} deliveries failed, the sweeper will retry: ${(error as Error).message}`,
      );
    }
  }
}
