import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import {
  DEFAULT_STREAM_SETTINGS,
  STREAMS,
  namespacedStream,
  namespacedSubject,
  type ConsumerDefinition,
  type StreamSettings,
} from '@daiban/contracts';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_MAX_DELIVER } from '../messaging.options';

export interface StreamDeclaration {
  name: string;
  subjects: readonly string[];
  description?: string;
}

export const PRODUCT_STREAMS: StreamDeclaration[] = Object.entries(STREAMS).map(([name, def]) => ({
  name,
  subjects: def.subjects,
  description: def.description,
}));

export function streamConfig(
  namespace: string,
  stream: StreamDeclaration,
  settings: StreamSettings,
): Partial<StreamConfig> {
  return {
    name: namespacedStream(namespace, stream.name),
    subjects: stream.subjects.map((s) => namespacedSubject(namespace, s)),
    description: stream.description,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(settings.maxAgeDays * 24 * 3600 * 1000),
    duplicate_window: nanos(settings.duplicateWindowMs),
    num_replicas: settings.replicas,
  };
}

/** With one filter subject per consumer (NATS 2.9), a consumer of several subjects filters on the stream. */
export function consumerFilter(
  namespace: string,
  consumer: ConsumerDefinition,
  stream: StreamDeclaration,
): string {
  const subject = consumer.subjects.length === 1 ? consumer.subjects[0] : stream.subjects[0];
  return namespacedSubject(namespace, subject);
}

export function consumerConfig(
  namespace: string,
  consumer: ConsumerDefinition,
  stream: StreamDeclaration,
): Partial<ConsumerConfig> {
  return {
    durable_name: consumer.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(consumer.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
    max_deliver: consumer.maxDeliver ?? DEFAULT_MAX_DELIVER,
    max_ack_pending: 1000,
    filter_subject: consumerFilter(namespace, consumer, stream),
  };
}

export interface ProvisionResult {
  streams: Array<{ name: string; action: 'created' | 'updated' | 'unchanged' }>;
  consumers: Array<{ name: string; action: 'created' | 'updated' | 'unchanged' }>;
}

/**
 * The one idempotent step that applies the declared streams and consumers.
 * Services never patch streams at start; they only check that theirs exist.
 */
export async function provisionMessaging(
  jsm: JetStreamManager,
  options: {
    namespace: string;
    streams?: StreamDeclaration[];
    consumers?: readonly ConsumerDefinition[];
    settings?: Partial<StreamSettings>;
  },
): Promise<ProvisionResult> {
  const settings = { ...DEFAULT_STREAM_SETTINGS, ...options.settings };
  const streams = options.streams ?? PRODUCT_STREAMS;
  const result: ProvisionResult = { streams: [], consumers: [] };

  for (const stream of streams) {
    const wanted = streamConfig(options.namespace, stream, settings);
    const existing = await jsm.streams.info(wanted.name!).catch((error: Error) => {
      if (/stream not found/i.test(error.message)) return null;
      throw error;
    });
    if (!existing) {
      await jsm.streams.add(wanted);
      result.streams.push({ name: wanted.name!, action: 'created' });
    } else if (
      JSON.stringify([...existing.config.subjects].sort()) !== JSON.stringify([...wanted.subjects!].sort()) ||
      existing.config.max_age !== wanted.max_age ||
      existing.config.duplicate_window !== wanted.duplicate_window ||
      (existing.config.description ?? '') !== (wanted.description ?? '')
    ) {
      await jsm.streams.update(wanted.name!, {
        subjects: wanted.subjects,
        max_age: wanted.max_age,
        duplicate_window: wanted.duplicate_window,
        description: wanted.description,
      });
      result.streams.push({ name: wanted.name!, action: 'updated' });
    } else {
      result.streams.push({ name: wanted.name!, action: 'unchanged' });
    }
  }

  for (const consumer of options.consumers ?? []) {
    const stream = streams.find((s) => s.name === consumer.stream);
    if (!stream) throw new Error(`Consumer ${consumer.durable} names unknown stream ${consumer.stream}`);
    const streamName = namespacedStream(options.namespace, stream.name);
    const wanted = consumerConfig(options.namespace, consumer, stream);
    const existing = await jsm.consumers.info(streamName, consumer.durable).catch((error: Error) => {
      if (/consumer not found/i.test(error.message)) return null;
      throw error;
    });
    if (!existing) {
      await jsm.consumers.add(streamName, wanted);
      result.consumers.push({ name: `${streamName}/${consumer.durable}`, action: 'created' });
    } else if (existing.config.filter_subject !== wanted.filter_subject) {
      // NATS 2.9 cannot change a consumer's filter: recreate it, resuming at the same stream position.
      await jsm.consumers.delete(streamName, consumer.durable);
      await jsm.consumers.add(streamName, {
        ...wanted,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: existing.ack_floor.stream_seq + 1,
      });
      result.consumers.push({ name: `${streamName}/${consumer.durable}`, action: 'updated' });
    } else if (
      existing.config.ack_wait !== wanted.ack_wait ||
      existing.config.max_deliver !== wanted.max_deliver
    ) {
      await jsm.consumers.update(streamName, consumer.durable, {
        ack_wait: wanted.ack_wait,
        max_deliver: wanted.max_deliver,
      });
      result.consumers.push({ name: `${streamName}/${consumer.durable}`, action: 'updated' });
    } else {
      result.consumers.push({ name: `${streamName}/${consumer.durable}`, action: 'unchanged' });
    }
  }
  return result;
}
