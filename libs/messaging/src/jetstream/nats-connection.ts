import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { HealthRegistry } from '@daiban/observability';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { flushOncePerTurn } from './nats-flush';

flushOncePerTurn();

/**
 * One NATS connection per process serves request-reply and JetStream. It keeps reconnecting for ever:
 * a NATS outage degrades readiness, it never kills the process.
 */
@Injectable()
export class NatsConnectionManager implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('nats');
  private connection?: NatsConnection;
  private jsClient?: JetStreamClient;
  private jsmClient?: JetStreamManager;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = await connect({
      servers: this.options.natsUrl.split(',').map((s) => s.trim()),
      name: `daiban-${this.options.service}`,
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      pingInterval: 10_000,
      // By default every request builds two Errors up front only to keep a stack for a timeout that
      // almost never comes (~3 % of the gateway's CPU per case read, bench B1); a timeout still arrives
      // as a NatsError with its code, which is all RpcClient reads.
      noAsyncTraces: true,
    });
    void this.watchStatus(this.connection);
    this.health.register({
      name: 'nats',
      check: async () => {
        const nc = this.nc;
        if (nc.isClosed()) throw new Error('connection closed');
        await nc.rtt();
      },
    });
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS connection used before module init');
    return this.connection;
  }

  js(): JetStreamClient {
    this.jsClient ??= this.nc.jetstream();
    return this.jsClient;
  }

  async jsm(): Promise<JetStreamManager> {
    this.jsmClient ??= await this.nc.jetstreamManager();
    return this.jsmClient;
  }

  /** Runs after every beforeApplicationShutdown hook, so consumers and the relay have stopped. */
  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) {
      await this.connection.drain().catch(() => this.connection?.close());
    }
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        this.logger.warn(`NATS ${status.type}: ${String(status.data)}`);
      }
    }
  }
}
