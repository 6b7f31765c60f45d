import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process. Metric names are stable: dashboards and alerts depend on them.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly outboxBacklog = new Gauge({
    name: 'daiban_outbox_backlog',
    help: 'Outbox rows committed but not yet acknowledged by JetStream',
    registers: [this.registry],
  });
  readonly outboxPublishLatency = new Histogram({
    name: 'daiban_outbox_publish_latency_seconds',
    help: 'Time from outbox commit to JetStream PubAck',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly outboxPublished = new Counter({
    name: 'daiban_outbox_published_total',
    help: 'Outbox rows published and acknowledged',
    registers: [this.registry],
  });
  readonly outboxPublishErrors = new Counter({
    name: 'daiban_outbox_publish_errors_total',
    help: 'Failed publish attempts (rows stay in the outbox and are retried)',
    registers: [this.registry],
  });
  readonly consumerRedeliveries = new Counter({
    name: 'daiban_consumer_redeliveries_total',
    help: 'Messages received with a delivery count above one',
    labelNames: ['consumer'],
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'daiban_dead_letters_total',
    help: 'Messages terminated and recorded in dead_letters',
    labelNames: ['consumer'],
    registers: [this.registry],
  });
  readonly handlerLatency = new Histogram({
    name: 'daiban_event_handler_duration_seconds',
    help: 'Event handler duration including its transaction',
    labelNames: ['consumer', 'subject', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly rpcLatency = new Histogram({
    name: 'daiban_rpc_duration_seconds',
    help: 'Request-reply handling time',
    labelNames: ['pattern', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly httpLatency = new Histogram({
    name: 'daiban_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
