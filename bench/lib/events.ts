import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from 'nats';
import { itemDeadlineChanged, itemTransitioned, namespacedSubject } from '@daiban/contracts';

/** Deterministic synthetic places: the counties and parks of the registry's reference data. */
export interface SyntheticPlace {
  parkId: string;
  countyCode: string;
}

const DEPARTMENTS = ['fgj', 'zjj', 'zrzyj', 'sthjj', 'yjglj', 'swj'];
const CHAIN: Array<['prepare' | 'submit' | 'accept', string, string]> = [
  ['prepare', 'not_started', 'preparing'],
  ['submit', 'preparing', 'submitted'],
  ['accept', 'submitted', 'accepted'],
];

function envelope(
  type: string,
  aggregateId: string,
  aggregateVersion: number,
  occurredAt: string,
  payload: unknown,
) {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt,
    aggregateId,
    aggregateVersion,
    actor: { userId: 'bench-agent', role: 'agent' },
    correlationId: randomUUID(),
    causationId: null,
    payload,
  };
}

/** An item's clock as the workflow would publish it on acceptance (all instants in December 2026). */
export function deadlinePayload(i: number, ref: ReturnType<typeof itemRef>) {
  return {
    ...ref,
    departmentCode: DEPARTMENTS[i % DEPARTMENTS.length],
    clock: 'time_limit' as const,
    active: true,
    deadlineVersion: 1,
    reason: 'accepted' as const,
    startedOn: '2026-11-30',
    dueDate: '2026-12-28',
    dueAt: '2026-12-27T16:00:00.000Z',
    limit: 20,
    legalLimit: 20,
    unit: 'working_days' as const,
    provisional: false,
    paused: false,
    yellowAt: { date: '2026-12-22', at: '2026-12-21T16:00:00.000Z', provisional: false },
    redAt: { date: '2026-12-28', at: '2026-12-27T16:00:00.000Z', provisional: false },
    overdueRungs: [],
    greenChannel: false,
    major: false,
    place: { ...ref.place, departmentCodes: [DEPARTMENTS[i % DEPARTMENTS.length]] },
  };
}

export function itemRef(i: number, place: SyntheticPlace, tag: string) {
  const projectId = `${tag}-p${Math.floor(i / 25)}`;
  return {
    itemId: `${tag}-i${i}`,
    caseId: `${tag}-c${Math.floor(i / 25)}`,
    projectId,
    catalogCode: 'investment_filing',
    place: { enterpriseId: `${tag}-e${Math.floor(i / 250)}`, ...place, departmentCodes: [] as string[] },
    projectName: `合成项目${projectId}`,
    agentUserId: null,
    itemName: '企业投资项目备案',
  };
}

/**
 * The four events of one accepted item (prepare, submit, accept, the time limit's deadline), as the
 * workflow's outbox would carry them. `i` makes every id deterministic per run tag.
 */
export function acceptedItemEvents(i: number, place: SyntheticPlace, tag: string) {
  const ref = itemRef(i, place, tag);
  const department = DEPARTMENTS[i % DEPARTMENTS.length];
  const events = CHAIN.map(([action, from, to], v) => {
    const at = new Date(Date.UTC(2026, 10, 25 + v, 2)).toISOString();
    return {
      subject: itemTransitioned.subject,
      envelope: envelope(itemTransitioned.type, ref.itemId, v + 1, at, {
        ...ref,
        action,
        from,
        to,
        effectiveAt: at,
        recordedAt: at,
        actor: { userId: 'bench-agent', role: 'agent' },
        itemVersion: v + 1,
        departmentCode: department,
        ...(action === 'accept' ? { acceptedOn: '2026-11-27' } : {}),
      }),
    };
  });
  events.push({
    subject: itemDeadlineChanged.subject,
    envelope: envelope(
      itemDeadlineChanged.type,
      ref.itemId,
      4,
      '2026-11-27T02:00:00.000Z',
      deadlinePayload(i, ref),
    ),
  });
  return events;
}

/**
 * Publishes straight to JetStream (as the relay would: JSON envelope, Nats-Msg-Id = event id) with at
 * most `window` PubAcks outstanding. Answers the number of events published.
 */
export async function publishAll(
  js: JetStreamClient,
  namespace: string,
  events: Iterable<{ subject: string; envelope: { id: string } }>,
  window = 2000,
): Promise<number> {
  const inFlight = new Set<Promise<unknown>>();
  let published = 0;
  for (const event of events) {
    const p = js
      .publish(namespacedSubject(namespace, event.subject), JSON.stringify(event.envelope), {
        msgID: event.envelope.id,
        timeout: 30_000,
      })
      .then(() => {
        published += 1;
        inFlight.delete(p);
      });
    inFlight.add(p);
    if (inFlight.size >= window) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return published;
}
