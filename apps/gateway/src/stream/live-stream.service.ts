import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DeliverPolicy, type ConsumerMessages } from 'nats';
import { namespacedStream, type Caller } from '@daiban/contracts';
import { MESSAGING_OPTIONS, NatsConnectionManager, type MessagingOptions } from '@daiban/messaging';
import { concernsCaller } from './stream-filter';

/** The streams whose events concern browsers: changes to cases and items, and notifications. */
export const LIVE_STREAMS = ['APPROVALS', 'NOTIFICATIONS'] as const;
type LiveStream = (typeof LIVE_STREAMS)[number];

/** The last stream sequence seen in each stream; the SSE `id` is its text form `approvals-notifications`. */
export type Cursor = Record<LiveStream, number>;

export function formatCursor(cursor: Cursor): string {
  return LIVE_STREAMS.map((s) => cursor[s]).join('-');
}

export function parseCursor(text: string | undefined): Cursor | null {
  const m = text ? /^(\d{1,15})-(\d{1,15})$/.exec(text.trim()) : null;
  return m ? { APPROVALS: Number(m[1]), NOTIFICATIONS: Number(m[2]) } : null;
}

export interface LiveEvent {
  stream: LiveStream;
  sequence: number;
  type: string;
  aggregateId: string;
  occurredAt: string;
  payload: unknown;
}

export interface LiveSubscription {
  close(): void;
}

const RETRY_MS = 1000;

/**
 * One ephemeral ordered consumer per stream and connection, started right after the client's
 * cursor, so a reconnect with Last-Event-ID replays exactly what it missed. Every event is
 * filtered by the caller's scope before it leaves.
 */
@Injectable()
export class LiveStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('live-stream');
  private readonly open = new Set<LiveSubscription>();

  constructor(
    private readonly nats: NatsConnectionManager,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  private streamName(stream: LiveStream): string {
    return namespacedStream(this.options.namespace, stream);
  }

  /** Where the streams end now: a new client starts from here. */
  async currentCursor(): Promise<Cursor> {
    const jsm = await this.nats.jsm();
    const entries = await Promise.all(
      LIVE_STREAMS.map(async (stream) => {
        const info = await jsm.streams.info(this.streamName(stream)).catch(() => null);
        return [stream, info?.state.last_seq ?? 0] as const;
      }),
    );
    return Object.fromEntries(entries) as Cursor;
  }

  subscribe(
    caller: Caller,
    from: Cursor,
    deliver: (event: LiveEvent, cursor: Cursor) => void,
    onClose: () => void = () => undefined,
  ): LiveSubscription {
    const cursor: Cursor = { ...from };
    const iterators = new Set<ConsumerMessages>();
    let closed = false;
    const subscription: LiveSubscription = {
      close: () => {
        if (closed) return;
        closed = true;
        onClose();
        for (const it of iterators) void Promise.resolve(it.close()).catch(() => undefined);
        this.open.delete(subscription);
      },
    };
    this.open.add(subscription);

    const follow = async (stream: LiveStream) => {
      while (!closed) {
        try {
          const consumer = await this.nats.js().consumers.get(this.streamName(stream), {
            deliver_policy: DeliverPolicy.StartSequence,
            opt_start_seq: cursor[stream] + 1,
          });
          if (closed) return;
          const messages = await consumer.consume();
          iterators.add(messages);
          if (closed) void messages.close();
          for await (const message of messages) {
            // No await between moving the cursor and writing: an id sent never skips an unsent event.
            cursor[stream] = message.seq;
            let envelope: Record<string, unknown>;
            try {
              envelope = message.json<Record<string, unknown>>();
            } catch {
              continue;
            }
            if (!concernsCaller(caller, envelope)) continue;
            deliver(
              {
                stream,
                sequence: message.seq,
                type: String(envelope.type),
                aggregateId: String(envelope.aggregateId),
                occurredAt: String(envelope.occurredAt),
                payload: envelope.payload,
              },
              { ...cursor },
            );
          }
          iterators.delete(messages);
        } catch (error) {
          if (closed) return;
          this.logger.warn(`following ${stream} failed, retrying: ${(error as Error).message}`);
        }
        if (!closed) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    };
    for (const stream of LIVE_STREAMS) void follow(stream);
    return subscription;
  }

  /** Open streams would keep the HTTP server (and NATS drain) waiting: end them first. */
  beforeApplicationShutdown(): void {
    for (const subscription of [...this.open]) subscription.close();
  }
}
