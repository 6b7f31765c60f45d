import { z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope';
import type { StreamName } from './streams';

/**
 * One definition per event: the subject it travels on and the runtime schema that also gives its type.
 * Subjects read `<context>.<entity>.<event>.v<N>`; a change of meaning is a new version, never an edit.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly subject: string;
  /** A product stream (StreamName); tests declare their own. */
  readonly stream: StreamName | (string & {});
  readonly payload: S;
}

export type PayloadOf<D> = D extends EventDefinition<infer S> ? z.infer<S> : never;
export type EnvelopeOf<D> = EventEnvelope<PayloadOf<D>>;

const TYPE_PATTERN = /^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*){2}$/;

export function defineEvent<S extends z.ZodType>(def: {
  type: string;
  version: number;
  stream: StreamName | (string & {});
  payload: S;
}): EventDefinition<S> {
  if (!TYPE_PATTERN.test(def.type)) {
    throw new Error(`Event type "${def.type}" must read <context>.<entity>.<event>`);
  }
  return { ...def, subject: `${def.type}.v${def.version}` };
}

/** Checks an incoming envelope and its payload; throws a ZodError for a malformed message. */
export function parseEnvelope<S extends z.ZodType>(
  def: EventDefinition<S>,
  raw: unknown,
): EventEnvelope<z.infer<S>> {
  const envelope = envelopeSchema.parse(raw);
  if (envelope.type !== def.type || envelope.version !== def.version) {
    throw new Error(`Envelope ${envelope.type}.v${envelope.version} does not match ${def.subject}`);
  }
  return { ...envelope, payload: def.payload.parse(envelope.payload) };
}
