import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import {
  itemDeadlineChanged,
  itemTransitioned,
  namespacedSubject,
  type EnvelopeOf,
  type PayloadOf,
} from '@daiban/contracts';
import { pollUntil, testInfra } from '@daiban/testing';
import { deliveryJobId } from '../src/queues/queue.constants';
import { RecipientDirectory } from '../src/recipients/recipient-directory.port';
import { WorkflowEventsConsumer } from '../src/workflow-events/workflow-events.consumer';
import { PLACE, USERS, startNotifications, type Harness } from './harness';

type ItemEvent = EnvelopeOf<typeof itemTransitioned> | EnvelopeOf<typeof itemDeadlineChanged>;

const ENTERPRISES = { busy: 'ent-busy', quiet: 'ent-quiet', nobody: 'ent-nobody' };

const enterpriseUser = (userId: string, enterpriseId: string) => ({
  userId,
  role: 'enterprise' as const,
  scope: { kind: 'enterprise' as const, enterpriseId },
  displayName: userId,
  email: null,
  mobile: null,
  active: true,
  version: 1,
});

/** Everything two enterprises see of a run of item actions, without the ids each run draws anew. */
interface Seen {
  notifications: Array<Record<string, unknown>>;
  deliveries: Array<Record<string, unknown>>;
  created: Array<Record<string, unknown>>;
  deadlines: Array<Record<string, unknown>>;
}

describe('workflow item events (set-based per consumer batch)', () => {
  let h: Harness;

  beforeAll(async () => {
    // Tue 2026-09-29 10:00 Asia/Shanghai: working time, so deliveries are due at once.
    h = await startNotifications('2026-09-29T02:00:00Z');
    const directory = h.app.get(RecipientDirectory);
    await directory.apply(enterpriseUser('ent-busy-1', ENTERPRISES.busy));
    await directory.apply(enterpriseUser('ent-busy-2', ENTERPRISES.busy));
    await directory.apply(enterpriseUser('ent-quiet-1', ENTERPRISES.quiet));
  });

  afterAll(async () => {
    await h?.close();
  });

  /**
   * What workflow writes for prepare → submit → accept of one item, plus a correction request on every
   * third: each action's transition followed by its deadline change, so the two subjects alternate.
   */
  function history(prefix: string, items: number): ItemEvent[] {
    const enterprises = Object.values(ENTERPRISES);
    const events: ItemEvent[] = [];
    for (let n = 0; n < items; n++) {
      const itemId = `${prefix}-${n}`;
      const ref = {
        itemId,
        caseId: `case-${prefix}`,
        projectId: `proj-${prefix}`,
        catalogCode: `C${n}`,
        itemName: `事项 ${n}`,
        agentUserId: USERS.agent.userId,
        place: { ...PLACE, enterpriseId: enterprises[n % enterprises.length] },
      };
      let version = 0;
      const transition = (action: PayloadOf<typeof itemTransitioned>['action'], extra = {}) =>
        events.push(
          envelope(itemTransitioned, itemId, ++version, {
            ...ref,
            action,
            from: 'submitted',
            to: 'accepted',
            effectiveAt: '2026-09-29T02:00:00.000Z',
            recordedAt: '2026-09-29T02:00:00.000Z',
            actor: { userId: USERS.agent.userId, role: 'agent' },
            itemVersion: version,
            departmentCode: 'zrzy',
            ...extra,
          }),
        );
      const deadline = (
        deadlineVersion: number,
        reason: 'submitted' | 'accepted',
        clock: 'time_limit' | 'acceptance_decision',
      ) =>
        events.push(
          envelope(itemDeadlineChanged, itemId, version, {
            ...ref,
            departmentCode: 'zrzy',
            clock,
            active: true,
            deadlineVersion,
            reason,
            startedOn: '2026-09-29',
            dueDate: clock === 'time_limit' ? '2026-10-14' : '2026-10-12',
            dueAt: clock === 'time_limit' ? '2026-10-14T16:00:00.000Z' : '2026-10-12T16:00:00.000Z',
            limit: clock === 'time_limit' ? 7 : 5,
            legalLimit: 20,
            unit: 'working_days',
            provisional: false,
            paused: false,
            yellowAt: null,
            redAt: null,
            overdueRungs: [],
            greenChannel: false,
            major: false,
          }),
        );
      transition('prepare');
      transition('submit');
      deadline(1, 'submitted', 'acceptance_decision');
      if (n % 3 === 0) transition('request_correction', { materials: ['用地规划许可证', '设计图'] });
      transition('accept', { acceptedOn: '2026-09-29' });
      deadline(2, 'accepted', 'time_limit');
      // A later clock other than the time limit closes the stored deadline (read back in the batch).
      if (n % 4 === 1) deadline(3, 'submitted', 'acceptance_decision');
    }
    return events;
  }

  const seen = async (prefix: string): Promise<Seen> => {
    const like = `${prefix}-%`;
    const strip = (text: unknown) => String(text).replaceAll(`${prefix}-`, 'item-');
    const notifications = await h.db.query(
      `SELECT n.user_id, n.template, n.title, n.body, n.subject_kind, n.subject_id
         FROM notifications n WHERE n.subject_id LIKE $1 ORDER BY n.subject_id, n.template, n.user_id`,
      [like],
    );
    const deliveries = await h.db.query(
      `SELECT n.subject_id, n.template, d.recipient_key, d.channel,
              d.notification_id = n.id AS linked
         FROM deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.subject_id LIKE $1 ORDER BY n.subject_id, n.template, d.recipient_key, d.channel`,
      [like],
    );
    const created = await h.db.query(
      `SELECT n.subject_id, n.template, n.user_id, o.envelope->>'causationId' = n.source_key AS caused_by_source,
              o.envelope->>'correlationId' = 'test-' || n.source_key AS its_correlation
         FROM outbox o JOIN notifications n ON n.id::text = o.envelope->'payload'->>'notificationId'
        WHERE o.subject = 'notifications.notification.created.v1' AND n.subject_id LIKE $1
        ORDER BY n.subject_id, n.template, n.user_id`,
      [like],
    );
    const deadlines = await h.db.query(
      `SELECT d.subject_id, d.version, d.status, d.due_at, count(r.*)::int AS pending_rungs
         FROM deadlines d LEFT JOIN reminder_rungs r
           ON r.deadline_key = d.key AND r.version = d.version AND r.status = 'pending'
        WHERE d.subject_id LIKE $1 GROUP BY 1, 2, 3, 4 ORDER BY 1`,
      [like],
    );
    const normal = (rows: Array<Record<string, unknown>>) =>
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? strip(v) : v])),
      );
    return {
      notifications: normal(notifications),
      deliveries: normal(deliveries),
      created: normal(created),
      deadlines: normal(deadlines),
    };
  };

  const handle = (events: ItemEvent[]) =>
    h.db.transaction((m) => h.app.get(WorkflowEventsConsumer).itemEvents(events, m));

  it('a batch of interleaved transitions and deadline changes ends as handling them one by one', async () => {
    const batch = history('i-batch', 9);
    const single = history('i-single', 9);
    await handle(batch);
    for (const event of single) await handle([event]);

    const together = await seen('i-batch');
    const alone = await seen('i-single');
    expect(together).toEqual(alone);

    // 9 accepted items: 3 enterprises × (2, 1, 0) users; 3 correction requests (items 0, 3, 6, all busy).
    expect(together.notifications.filter((n) => n.template === 'item.accepted')).toHaveLength(9);
    expect(together.notifications.filter((n) => n.template === 'item.correctionRequested')).toHaveLength(6);
    // One e-mail per notification (the defaults: e-mail on, SMS off), each tied to its row.
    expect(together.deliveries).toHaveLength(15);
    expect(together.deliveries.every((d) => d.channel === 'email' && d.linked === true)).toBe(true);
    // Each notification.created names the event it answers and carries that event's correlation.
    expect(together.created).toHaveLength(15);
    expect(together.created.every((c) => c.caused_by_source && c.its_correlation)).toBe(true);
    expect(together.deadlines).toHaveLength(9);
    const closed = together.deadlines.filter((d) => d.status === 'closed');
    expect(closed.map((d) => [d.subject_id, d.version, d.pending_rungs])).toEqual([
      ['item-1', 3, 0],
      ['item-5', 3, 0],
    ]);
    expect(together.deadlines.filter((d) => d.status === 'open').every((d) => d.pending_rungs === 4)).toBe(
      true,
    );

    // A redelivered batch (the inbox lost its rows, say) adds nothing.
    await handle(batch);
    expect(await seen('i-batch')).toEqual(together);
  });

  it('through the stream, duplicates included: one notification per user and event, and a job per delivery', async () => {
    const events = history('i-stream', 12);
    const nc = await connect({ servers: testInfra.natsUrl });
    try {
      const js = nc.jetstream();
      const publish = (event: ItemEvent, msgID: string) =>
        js.publish(
          namespacedSubject(
            h.names.namespace,
            event.type === itemDeadlineChanged.type ? itemDeadlineChanged.subject : itemTransitioned.subject,
          ),
          JSON.stringify(event),
          { msgID },
        );
      // All at once, so the consumer's lanes take them in batches; every accept comes twice.
      await Promise.all(events.map((event) => publish(event, event.id)));
      await Promise.all(
        events
          .filter((e) => e.type === itemDeadlineChanged.type && e.payload.reason === 'accepted')
          .map((event) => publish(event, randomUUID())),
      );
      const accepted = await pollUntil(async () => {
        const rows: Array<{ subject_id: string; user_id: string; n: number }> = await h.db.query(
          `SELECT subject_id, user_id, count(*)::int AS n FROM notifications
            WHERE subject_id LIKE 'i-stream-%' AND template = 'item.accepted' GROUP BY 1, 2`,
        );
        return rows.length === 12 ? rows : null;
      });
      expect(accepted.every((r) => r.n === 1)).toBe(true);
      const deliveries: Array<{ id: string }> = await pollUntil(async () => {
        const rows = await h.db.query(
          `SELECT d.id FROM deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.subject_id LIKE 'i-stream-%'`,
        );
        return rows.length === 12 + 8 ? rows : null;
      });
      // Jobs are added after commit, all of a batch in one round trip.
      await pollUntil(async () => {
        const jobs = await Promise.all(deliveries.map((d) => h.deliveries.getJob(deliveryJobId(d.id))));
        const done = await h.db.query(
          `SELECT count(*)::int AS n FROM deliveries WHERE id = ANY($1::uuid[]) AND status <> 'queued'`,
          [deliveries.map((d) => d.id)],
        );
        // A job runs and is removed at once here (working time): either it is there or it ran.
        return jobs.filter(Boolean).length + done[0].n === deliveries.length;
      });
    } finally {
      await nc.close();
    }
  });
});

function envelope<P>(
  def: { type: string; version: number },
  aggregateId: string,
  aggregateVersion: number,
  payload: P,
): EnvelopeOf<typeof itemTransitioned> & EnvelopeOf<typeof itemDeadlineChanged> {
  const id = randomUUID();
  return {
    id,
    type: def.type,
    version: def.version,
    occurredAt: '2026-09-29T02:00:00.000Z',
    aggregateId,
    aggregateVersion,
    actor: { userId: USERS.agent.userId, role: 'agent' },
    correlationId: `test-${id}`,
    causationId: null,
    payload,
  } as never;
}
