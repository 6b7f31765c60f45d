import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics } from '@daiban/observability';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { NatsConnectionManager } from './jetstream/nats-connection';
import { HandlerRegistry } from './inbox/handler-registry';
import { ConsumerRunner } from './inbox/consumer.runner';
import { OutboxRelay } from './outbox/outbox.relay';

/**
 * Starts the relay and the consumers once the app is wired, and on SIGTERM stops taking messages,
 * lets in-flight handlers finish within the shutdown budget, then lets the NATS connection drain.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('messaging');
  private readonly runners: ConsumerRunner[] = [];

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly nats: NatsConnectionManager,
    private readonly registry: HandlerRegistry,
    private readonly metrics: Metrics,
    @Optional() @InjectDataSource() private readonly dataSource?: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const consumers = this.options.consumers ?? [];
    ConsumerRunner.checkWiring(consumers, this.registry);
    if (consumers.length && !this.dataSource) throw new Error('Consumers need a DataSource for their inbox');
    for (const def of consumers) {
      const runner = new ConsumerRunner(
        def,
        { namespace: this.options.namespace },
        this.nats,
        this.dataSource!,
        this.registry,
        this.metrics,
      );
      await runner.start();
      this.runners.push(runner);
    }
    this.relay?.start();
    if (consumers.length) this.logger.log(`consuming ${consumers.map((c) => c.durable).join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const budget = this.options.shutdownTimeoutMs ?? 10_000;
    await Promise.all(this.runners.map((runner) => runner.stop(budget)));
    await this.relay?.stop();
  }
}
