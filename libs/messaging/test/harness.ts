import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { connect } from 'nats';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent, type ConsumerDefinition, type EventEnvelope } from '@daiban/contracts';
import { ClockModule } from '@daiban/calendar';
import { DatabaseModule } from '@daiban/database';
import { ObservabilityModule } from '@daiban/observability';
import { databaseUrl, pollUntil, testInfra, testNames, type TestNames } from '@daiban/testing';
import {
  MESSAGING_ENTITIES,
  MessagingModule,
  MessagingTables1764201600000,
  OnEvent,
  OutboxRelay,
  OutboxWriter,
  PoisonMessageError,
  provisionMessaging,
  type StreamDeclaration,
} from '../src';

export const TEST_STREAM: StreamDeclaration = { name: 'MSGTEST', subjects: ['msgtest.>'] };

export const widgetChanged = defineEvent({
  type: 'msgtest.widget.changed',
  version: 1,
  stream: 'MSGTEST',
  payload: z.object({ widgetId: z.string(), value: z.number().int() }),
});

export const WIDGET_CONSUMER: ConsumerDefinition = {
  service: 'msgtest',
  stream: 'MSGTEST',
  durable: 'msgtest-widgets',
  subjects: [widgetChanged.subject],
  ackWaitMs: 5000,
  maxDeliver: 3,
  backoffMs: [50, 100],
};

class EffectsTable1764201600001 implements MigrationInterface {
  name = 'EffectsTable1764201600001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE effects (event_id uuid NOT NULL, widget_id text NOT NULL, value int NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    await q.query(`CREATE TABLE widgets (id text PRIMARY KEY, value int NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE effects`);
    await q.query(`DROP TABLE widgets`);
  }
}

/** The consumer side: records each effect; negative values are poison by definition. */
@Injectable()
class WidgetHandler {
  @OnEvent(widgetChanged)
  async onChanged(
    event: EventEnvelope<z.infer<typeof widgetChanged.payload>>,
    manager: EntityManager,
  ): Promise<void> {
    if (event.payload.value < 0) throw new PoisonMessageError('negative widget value');
    await manager.query(`INSERT INTO effects (event_id, widget_id, value) VALUES ($1, $2, $3)`, [
      event.id,
      event.payload.widgetId,
      event.payload.value,
    ]);
  }
}

export interface HarnessOptions {
  names: TestNames;
  natsUrl?: string;
  relay?: boolean;
  consumers?: boolean;
  /** The consumer's own settings over WIDGET_CONSUMER's (lanes, batch size). */
  consumer?: Partial<ConsumerDefinition>;
}

/** A producer and/or consumer process of a made-up service, on the real libraries and servers. */
export async function startMessagingApp(options: HarnessOptions): Promise<INestApplicationContext> {
  const schema = 'msgtest';
  @Module({
    imports: [
      ObservabilityModule.forRoot({ service: 'msgtest' }),
      ClockModule.forRoot(),
      DatabaseModule.forRoot({
        url: databaseUrl(options.names.database),
        schema,
        entities: MESSAGING_ENTITIES,
        migrations: [MessagingTables1764201600000, EffectsTable1764201600001],
      }),
      MessagingModule.forRoot({
        service: 'msgtest',
        natsUrl: options.natsUrl ?? testInfra.natsUrl,
        namespace: options.names.namespace,
        schema,
        relay: options.relay ? { idlePollMs: 200, maxBackoffMs: 500, publishTimeoutMs: 1000 } : false,
        consumers: options.consumers ? [{ ...WIDGET_CONSUMER, ...options.consumer }] : [],
      }),
    ],
    providers: options.consumers ? [WidgetHandler] : [],
  })
  class HarnessModule {}
  const app = await NestFactory.createApplicationContext(HarnessModule, { logger: ['error'] });
  app.enableShutdownHooks();
  return app;
}

export async function provisionTestStream(names: TestNames, natsUrl = testInfra.natsUrl): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    await provisionMessaging(await nc.jetstreamManager(), {
      namespace: names.namespace,
      streams: [TEST_STREAM],
      consumers: [WIDGET_CONSUMER],
    });
  } finally {
    await nc.close();
  }
}

export const dataSourceOf = (app: INestApplicationContext) => app.get<DataSource>(getDataSourceToken());

/** Commits a widget change and its event in one transaction, as a service would. */
export async function commitWidgetChange(
  app: INestApplicationContext,
  widgetId: string,
  value: number,
): Promise<string> {
  const writer = app.get(OutboxWriter);
  return dataSourceOf(app).transaction(async (manager) => {
    await manager.query(
      `INSERT INTO widgets (id, value) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET value = $2`,
      [widgetId, value],
    );
    const event = await writer.append(manager, widgetChanged, {
      aggregateId: widgetId,
      aggregateVersion: 1,
      payload: { widgetId, value },
    });
    return event.id;
  });
}

export async function effectCount(app: INestApplicationContext, eventId?: string): Promise<number> {
  const rows = eventId
    ? await dataSourceOf(app).query(`SELECT count(*)::int AS n FROM effects WHERE event_id = $1`, [eventId])
    : await dataSourceOf(app).query(`SELECT count(*)::int AS n FROM effects`);
  return rows[0].n;
}

/** Waits until every one of `eventIds` has taken effect in `app` (a backlog, in whatever order lanes run). */
export async function allHandled(app: INestApplicationContext, eventIds: readonly string[]): Promise<void> {
  await pollUntil(
    async () =>
      (
        await dataSourceOf(app).query(
          `SELECT count(DISTINCT event_id)::int AS n FROM effects WHERE event_id = ANY($1)`,
          [eventIds],
        )
      )[0].n === eventIds.length,
    { timeoutMs: 30_000, message: 'backlog handled' },
  );
}

export { testNames, OutboxRelay };
