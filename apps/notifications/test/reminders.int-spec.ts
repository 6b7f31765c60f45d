import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import type { EntityManager } from 'typeorm';
import {
  namespacedSubject,
  requestDeadlineChanged,
  taskForceChanged,
  type PayloadOf,
} from '@daiban/contracts';
import { pollUntil, testInfra } from '@daiban/testing';
import { QueueWorkersLifecycle } from '../src/queues/queue-workers.lifecycle';
import { SCHEDULERS } from '../src/queues/queue.constants';
import { WorkingCalendar } from '@daiban/calendar';
import { deadlineInputSchema, deadlineKeyOf } from '../src/reminders/deadline.types';
import { DeadlinesRepository } from '../src/reminders/deadlines.repository';
import { ReminderFiringService } from '../src/reminders/reminder-firing.service';
import { scheduleRungs } from '../src/reminders/rung-schedule.util';
import { ReminderService } from '../src/reminders/reminder.service';
import { AfterCommit } from '../src/shared/after-commit';
import { ReminderSweeper } from '../src/reminders/reminder.sweeper';
import {
  PLACE,
  USERS,
  deleteQueueKeys,
  itemDeadline,
  jobIdsOf,
  startNotifications,
  type Harness,
} from './harness';

describe('reminder engine (PostgreSQL first, BullMQ wake-ups)', () => {
  let h: Harness;
  let reminders: ReminderService;

  const rungsOf = async (key: string) =>
    h.db.query(
      `SELECT rung, version, status, fire_at FROM reminder_rungs WHERE deadline_key = $1 ORDER BY version, fire_at, rung`,
      [key],
    );
  const notificationsFrom = async (sourcePrefix: string) =>
    h.db.query(
      `SELECT user_id, source_key FROM notifications WHERE source_key LIKE $1 ORDER BY source_key, user_id`,
      [`${sourcePrefix}%`],
    );

  beforeAll(async () => {
    // Tue 2026-09-29 10:00 Asia/Shanghai, the acceptance day of the worked example.
    h = await startNotifications('2026-09-29T02:00:00Z');
    reminders = h.app.get(ReminderService);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('schedules yellow at 2026-10-13 00:00 and red right after 2026-10-14 ends (Asia/Shanghai)', async () => {
    await reminders.upsertDeadline(itemDeadline('i-times'));
    const rungs = await rungsOf('item.i-times');
    expect(rungs.map((r: { rung: string; fire_at: Date }) => [r.rung, r.fire_at.toISOString()])).toEqual([
      ['yellow', '2026-10-12T16:00:00.000Z'],
      ['red', '2026-10-14T16:00:00.000Z'],
      ['escalate_3wd', '2026-10-18T16:00:00.000Z'],
      ['escalate_10wd', '2026-10-27T16:00:00.000Z'],
    ]);
    // 2026-10-14T15:59:59.999Z is still on time; the red rung is the very next millisecond.
    const [deadline] = await h.db.query(`SELECT due_at FROM deadlines WHERE key = 'item.i-times'`);
    expect(deadline.due_at.toISOString()).toBe('2026-10-14T15:59:59.999Z');

    // One job per deadline: the next rung's (each firing arms the one after it).
    expect(await jobIdsOf(h.reminders, 'item.i-times')).toEqual(['reminder.item.i-times.yellow.v1']);
    const yellow = await h.reminders.getJob('reminder.item.i-times.yellow.v1');
    expect(yellow?.delay).toBe(Date.parse('2026-10-12T16:00:00Z') - Date.parse('2026-09-29T02:00:00Z'));
  });

  it('replaces the jobs on pause, extension and closure: old ones gone, exactly one new set', async () => {
    const key = 'item.i-move';
    await reminders.upsertDeadline(itemDeadline('i-move'));
    expect(await jobIdsOf(h.reminders, key)).toEqual(['reminder.item.i-move.yellow.v1']);

    // 专家评审 from Fri 10-09, still running: no due date, no reminders.
    const paused = { acceptedOn: '2026-09-29', limit: 7, pauses: [{ start: '2026-10-09', end: null }] };
    await reminders.upsertDeadline(itemDeadline('i-move', { version: 2, timeLimit: paused }));
    expect(await jobIdsOf(h.reminders, key)).toEqual([]);

    // The review ended Mon 10-12 and an extension to 10 working days was approved.
    const resumed = {
      acceptedOn: '2026-09-29',
      limit: 7,
      pauses: [{ start: '2026-10-09', end: '2026-10-12' }],
      extension: { limit: 10 },
    };
    await reminders.upsertDeadline(itemDeadline('i-move', { version: 3, timeLimit: resumed }));
    expect(await jobIdsOf(h.reminders, key)).toEqual(['reminder.item.i-move.yellow.v3']);
    const [due] = await h.db.query(`SELECT due_at FROM deadlines WHERE key = $1`, [key]);
    expect(due.due_at.toISOString()).toBe('2026-10-22T15:59:59.999Z');

    // A stale event (version 2 again) changes nothing.
    expect(
      (await reminders.upsertDeadline(itemDeadline('i-move', { version: 2, timeLimit: paused }))).applied,
    ).toBe(false);
    expect(await jobIdsOf(h.reminders, key)).toEqual(['reminder.item.i-move.yellow.v3']);

    await reminders.upsertDeadline(itemDeadline('i-move', { version: 4, closed: true }));
    expect(await jobIdsOf(h.reminders, key)).toEqual([]);
    const statuses = await h.db.query(
      `SELECT version, array_agg(DISTINCT status) AS s FROM reminder_rungs WHERE deadline_key = $1 GROUP BY version ORDER BY version`,
      [key],
    );
    expect(statuses).toEqual([
      { version: 1, s: ['cancelled'] },
      { version: 3, s: ['cancelled'] },
    ]);
  });

  it('firing a rung arms the next one, and only it', async () => {
    const key = 'item.i-chain';
    await reminders.upsertDeadline(itemDeadline('i-chain'));
    h.clock.set('2026-10-13T02:00:00Z');
    try {
      // The sweep fires the due yellow rung (the scheduled sweep may beat it to it: either way once).
      await h.app.get(ReminderSweeper).sweep();
      const ids = await pollUntil(async () => {
        const armed = await jobIdsOf(h.reminders, key);
        return armed.includes(`reminder.${key}.red.v1`) ? armed : null;
      });
      expect(ids.filter((id) => !id.endsWith('.yellow.v1'))).toEqual([`reminder.${key}.red.v1`]);
      expect((await rungsOf(key)).map((r: { rung: string; status: string }) => [r.rung, r.status])).toEqual([
        ['yellow', 'fired'],
        ['red', 'pending'],
        ['escalate_3wd', 'pending'],
        ['escalate_10wd', 'pending'],
      ]);
      const red = await h.reminders.getJob(`reminder.${key}.red.v1`);
      expect(red?.delay).toBe(Date.parse('2026-10-14T16:00:00Z') - Date.parse('2026-10-13T02:00:00Z'));
    } finally {
      h.clock.set('2026-09-29T02:00:00Z');
    }
  });

  it('a batch of deadline versions in one transaction ends as applying them one by one', async () => {
    const paused = { acceptedOn: '2026-09-29', limit: 7, pauses: [{ start: '2026-10-09', end: null }] };
    const extended = { acceptedOn: '2026-09-29', limit: 7, extension: { limit: 12 } };
    // Out of order, repeated, and closing one deadline between two versions of another.
    const history = (tag: string) => [
      itemDeadline(`${tag}-a`, { version: 2, timeLimit: extended }),
      itemDeadline(`${tag}-b`),
      itemDeadline(`${tag}-a`),
      itemDeadline(`${tag}-c`, { version: 3, timeLimit: paused }),
      itemDeadline(`${tag}-b`, { version: 2, closed: true }),
      itemDeadline(`${tag}-c`, { version: 4, timeLimit: extended }),
      itemDeadline(`${tag}-a`, { version: 2, timeLimit: extended }),
      itemDeadline(`${tag}-d`),
    ];
    for (const input of history('i-one')) await reminders.upsertDeadline(input);
    const after = new AfterCommit();
    await h.db.transaction(async (m) => {
      await reminders.upsertManyInTransaction(m, history('i-many').slice(0, 5), after);
      await reminders.upsertManyInTransaction(m, history('i-many').slice(5), after);
    });
    await after.run();

    const state = async (tag: string) => ({
      deadlines: await h.db.query(
        `SELECT replace(key, $1, '') AS key, version, status, due_at, provisional FROM deadlines
         WHERE key LIKE $2 ORDER BY key`,
        [tag, `item.${tag}-%`],
      ),
      pending: await h.db.query(
        `SELECT replace(deadline_key, $1, '') AS key, rung, version, fire_at FROM reminder_rungs
         WHERE deadline_key LIKE $2 AND status = 'pending' ORDER BY deadline_key, version, rung`,
        [tag, `item.${tag}-%`],
      ),
      jobs: (
        await Promise.all(['a', 'b', 'c', 'd'].map((k) => jobIdsOf(h.reminders, `item.${tag}-${k}`)))
      ).map((ids) => ids.map((id) => id.replace(tag, ''))),
    });
    const one = await state('i-one');
    expect(one.deadlines.map((d: { key: string; version: number }) => [d.key, d.version])).toEqual([
      ['item.-a', 2],
      ['item.-b', 2],
      ['item.-c', 4],
      ['item.-d', 1],
    ]);
    expect(await state('i-many')).toEqual(one);
  });

  it('inserting rungs answers exactly the rows it inserted, as stored', async () => {
    const deadlines = h.app.get(DeadlinesRepository);
    const calendar = h.app.get(WorkingCalendar);
    const change = (version: number, major = false) => {
      const input = deadlineInputSchema.parse(itemDeadline('i-ret', { version, major }));
      return { key: deadlineKeyOf('item', 'i-ret'), input, schedule: scheduleRungs(calendar, input) };
    };
    await reminders.upsertDeadline(itemDeadline('i-ret'));
    const stored = async (m: EntityManager, version: number) =>
      (
        await m.query(
          `SELECT deadline_key, rung, version, fire_at, status, fired_at FROM reminder_rungs
            WHERE deadline_key = 'item.i-ret' AND version = $1 ORDER BY rung`,
          [version],
        )
      ).map((r: { deadline_key: string; rung: string; version: number; fire_at: Date }) => ({
        deadlineKey: r.deadline_key,
        rung: r.rung,
        version: r.version,
        fireAt: r.fire_at,
        status: 'pending',
        firedAt: null,
      }));
    const byRung = (rungs: Array<{ rung: string }>) =>
      [...rungs].sort((a, b) => a.rung.localeCompare(b.rung));
    await h.db
      .transaction(async (m) => {
        // Version 1's rungs are stored already: nothing inserted, nothing answered.
        expect(await deadlines.insertRungs(m, [change(1)])).toEqual([]);
        const inserted = await deadlines.insertRungs(m, [change(2, true)]);
        expect(inserted.map((r) => r.rung).sort()).toEqual(['escalate_10wd', 'major_red', 'red', 'yellow']);
        expect(byRung(inserted)).toEqual(await stored(m, 2));
        throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => expect(error.message).toBe('rolled back on purpose'));
  });

  it('a backdated overdue item notifies agent, director and county leader each exactly once', async () => {
    // Tue 2026-10-20 10:00: 4 working days past the due date 10-14.
    h.clock.set('2026-10-20T02:00:00Z');
    await reminders.upsertDeadline(itemDeadline('i-late'));
    await pollUntil(
      async () =>
        (await rungsOf('item.i-late')).filter((r: { status: string }) => r.status === 'fired').length === 3,
      { message: 'the three passed rungs fired through BullMQ' },
    );
    expect(
      (await rungsOf('item.i-late')).map((r: { rung: string; status: string }) => [r.rung, r.status]),
    ).toEqual([
      ['yellow', 'fired'],
      ['red', 'fired'],
      ['escalate_3wd', 'fired'],
      ['escalate_10wd', 'pending'],
    ]);
    // A sweep afterwards (or a redelivered job) fires nothing more for it: no storm.
    await h.app.get(ReminderSweeper).sweep();
    expect(await h.app.get(ReminderFiringService).fire('item.i-late', 'red', 1)).toEqual({
      outcome: 'stale',
    });

    const rows = await notificationsFrom('rung.item.i-late.');
    const byUser = (userId: string) =>
      rows
        .filter((r: { user_id: string }) => r.user_id === userId)
        .map((r: { source_key: string }) => r.source_key);
    expect(byUser(USERS.agent.userId)).toEqual(['rung.item.i-late.yellow.v1']);
    expect(byUser(USERS.director.userId)).toEqual(['rung.item.i-late.red.v1']);
    expect(byUser(USERS.countyLeader.userId)).toEqual(['rung.item.i-late.escalate_3wd.v1']);
    expect(byUser(USERS.lead.userId)).toEqual(['rung.item.i-late.escalate_3wd.v1']);
    expect(byUser(USERS.cityLeader.userId)).toEqual([]);
    expect(byUser(USERS.otherCountyLeader.userId)).toEqual([]);

    // Red issued one 督办单 to the department, which was told about it.
    const orders = await h.db.query(
      `SELECT origin, status, to_department_code FROM supervision_orders WHERE deadline_key = 'item.i-late'`,
    );
    expect(orders).toEqual([{ origin: 'automatic', status: 'issued', to_department_code: 'zrzy' }]);
    const officerTold = await h.db.query(
      `SELECT template FROM notifications WHERE user_id = $1 AND template = 'supervision.issued' AND subject_id IN
         (SELECT id::text FROM supervision_orders WHERE deadline_key = 'item.i-late')`,
      [USERS.officer.userId],
    );
    expect(officerTold).toHaveLength(1);
    const events = await h.db.query(
      `SELECT subject, count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'deadlineKey' = 'item.i-late'
         OR envelope->'payload'->>'subjectId' = 'i-late' GROUP BY subject ORDER BY subject`,
    );
    expect(events).toEqual([
      { subject: 'notifications.reminder.fired.v1', n: 3 },
      { subject: 'notifications.supervisionorder.issued.v1', n: 1 },
    ]);
  });

  it('the same trigger delivered twice gives one notification per recipient and channel', async () => {
    h.clock.set('2026-10-20T02:00:00Z');
    // The event arrives twice; then the worker and two direct callers all try to fire the same rung.
    const input = itemDeadline('i-twice');
    await reminders.upsertDeadline(input);
    expect((await reminders.upsertDeadline(input)).applied).toBe(false);
    const firing = h.app.get(ReminderFiringService);
    const outcomes = await Promise.all([
      firing.fire('item.i-twice', 'red', 1),
      firing.fire('item.i-twice', 'red', 1),
    ]);
    expect(outcomes.filter((o) => o.outcome === 'fired').length).toBeLessThanOrEqual(1);
    await pollUntil(async () =>
      (await rungsOf('item.i-twice')).every((r: { status: string; rung: string }) =>
        r.rung === 'escalate_10wd' ? r.status === 'pending' : r.status === 'fired',
      ),
    );
    const duplicates = await h.db.query(
      `SELECT source_key, recipient_key, channel, count(*)::int AS n FROM deliveries
        WHERE source_key LIKE 'rung.item.i-twice.%' GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const perRecipient = await h.db.query(
      `SELECT source_key, user_id, count(*)::int AS n FROM notifications
        WHERE source_key LIKE 'rung.item.i-twice.%' GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(perRecipient).toEqual([]);
    const directorEmails = await h.db.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE source_key = 'rung.item.i-twice.red.v1'
          AND recipient_key = $1 AND channel = 'email'`,
      [`user.${USERS.director.userId}`],
    );
    expect(directorEmails[0].n).toBe(1);
  });

  it('re-arms every pending reminder after Redis lost everything (this prefix only)', async () => {
    h.clock.set('2026-09-29T02:00:00Z');
    await reminders.upsertDeadline(itemDeadline('i-flush-a'));
    await reminders.upsertDeadline(itemDeadline('i-flush-b', { major: true }));
    const expected = [
      ...(await jobIdsOf(h.reminders, 'item.i-flush-a')),
      ...(await jobIdsOf(h.reminders, 'item.i-flush-b')),
    ];
    expect(expected).toHaveLength(2);

    expect(await deleteQueueKeys(h.redis, h.names.queuePrefix)).toBeGreaterThan(0);
    expect(await h.reminders.getJobSchedulers()).toEqual([]);
    expect(await jobIdsOf(h.reminders, 'item.i-flush-a')).toEqual([]);

    // What the reconnect handler does: the one scheduler is upserted again, then the sweep runs.
    await h.app.get(QueueWorkersLifecycle).ensureSchedules();
    const report = await h.app.get(ReminderSweeper).sweep();
    expect(report.rearmed).toBeGreaterThanOrEqual(2);
    expect([
      ...(await jobIdsOf(h.reminders, 'item.i-flush-a')),
      ...(await jobIdsOf(h.reminders, 'item.i-flush-b')),
    ]).toEqual(expected);
    // The next pending rung of every open deadline has its job again.
    const pending = await h.db.query(
      `SELECT DISTINCT ON (r.deadline_key) r.deadline_key, r.rung, r.version
         FROM reminder_rungs r JOIN deadlines d ON d.key = r.deadline_key
        WHERE r.status = 'pending' AND d.status = 'open' AND d.version = r.version
        ORDER BY r.deadline_key, r.fire_at, r.rung`,
    );
    expect(pending.length).toBeGreaterThanOrEqual(2);
    for (const r of pending) {
      expect(await h.reminders.getJob(`reminder.${r.deadline_key}.${r.rung}.v${r.version}`)).toBeDefined();
    }
    const schedulers = (await h.reminders.getJobSchedulers()).map((s) => s.key).sort();
    expect(schedulers).toEqual([SCHEDULERS.digest, SCHEDULERS.sweep].sort());
    // A second sweep finds nothing missing.
    expect((await h.app.get(ReminderSweeper).sweep()).rearmed).toBe(0);
  });

  it('a sweep in small pages re-arms the next rung of every open deadline and nothing else', async () => {
    h.clock.set('2026-09-29T02:00:00Z');
    const keys = Array.from({ length: 7 }, (_, i) => `item.i-page-${i}`);
    for (const key of keys) await reminders.upsertDeadline(itemDeadline(key.slice('item.'.length)));
    // 2 has nothing pending left, 4 is paused, 5 is closed: a page may end on any of them.
    await h.db.query(`UPDATE reminder_rungs SET status = 'fired', fired_at = now() WHERE deadline_key = $1`, [
      keys[2],
    ]);
    const paused = { acceptedOn: '2026-09-29', limit: 7, pauses: [{ start: '2026-10-09', end: null }] };
    await reminders.upsertDeadline(itemDeadline('i-page-4', { version: 2, timeLimit: paused }));
    await reminders.upsertDeadline(itemDeadline('i-page-5', { version: 2, closed: true }));
    const expected = [0, 1, 3, 6].map((i) => [`reminder.${keys[i]}.yellow.v1`]);
    const armed = async () => Promise.all(keys.map((key) => jobIdsOf(h.reminders, key)));

    for (const pageSize of [1, 3]) {
      for (const ids of await armed()) await Promise.all(ids.map((id) => h.reminders.remove(id)));
      expect((await armed()).flat()).toEqual([]);
      const report = await h.app.get(ReminderSweeper).sweep({ pageSize });
      expect(report.rearmed).toBe(4);
      expect(await armed()).toEqual(keys.map((_, i) => expected[[0, 1, 3, 6].indexOf(i)] ?? []));
    }
  });

  it('the periodic sweep re-arms only what falls due within its horizon, a full one everything; passes asked for together never overlap', async () => {
    const sweeper = h.app.get(ReminderSweeper);
    h.clock.set('2026-09-29T02:00:00Z');
    // Yellow at 2026-10-12T16:00Z for the 7-day limit; weeks later for 30 days.
    await reminders.upsertDeadline(itemDeadline('i-horizon-near'));
    await reminders.upsertDeadline(
      itemDeadline('i-horizon-far', { timeLimit: { acceptedOn: '2026-09-29', limit: 30 } }),
    );
    const keys = ['item.i-horizon-far', 'item.i-horizon-near'];
    const armed = async () => (await Promise.all(keys.map((key) => jobIdsOf(h.reminders, key)))).flat();
    const dropJobs = async () => {
      for (const id of await armed()) await h.reminders.remove(id);
      expect(await armed()).toEqual([]);
    };
    const minutes = (n: number) => n * 60_000;
    try {
      h.clock.set('2026-10-12T15:40:00Z');
      await dropJobs();
      // The near rung is 20 minutes away: outside a 15-minute horizon, inside a 30-minute one.
      await sweeper.sweep({ dueWithinMs: minutes(15) });
      expect(await armed()).toEqual([]);
      await sweeper.sweep({ dueWithinMs: minutes(30), pageSize: 1 });
      expect(await armed()).toEqual(['reminder.item.i-horizon-near.yellow.v1']);

      await dropJobs();
      const first = sweeper.sweep({ dueWithinMs: minutes(30) });
      const second = sweeper.sweep({ dueWithinMs: minutes(30) });
      const third = sweeper.sweep();
      // The second and third wait for the first and share one pass, full because the third asked for it.
      expect(third).toBe(second);
      expect(second).not.toBe(first);
      await Promise.all([first, second]);
      expect(await armed()).toEqual([
        'reminder.item.i-horizon-far.yellow.v1',
        'reminder.item.i-horizon-near.yellow.v1',
      ]);
      // Nothing runs any more: the next ask starts a pass of its own.
      const later = sweeper.sweep({ dueWithinMs: minutes(30) });
      expect(later).not.toBe(second);
      await later;

      // A full pass that failed is owed: the next pass, even a periodic one, is full.
      await dropJobs();
      const failing = jest
        .spyOn(h.app.get(DeadlinesRepository), 'nextRungs')
        .mockRejectedValueOnce(new Error('PostgreSQL went away'));
      await expect(sweeper.sweep()).rejects.toThrow('PostgreSQL went away');
      failing.mockRestore();
      await sweeper.sweep({ dueWithinMs: minutes(30) });
      expect(await armed()).toHaveLength(2);
      await dropJobs();
      await sweeper.sweep({ dueWithinMs: minutes(30) });
      expect(await armed()).toEqual(['reminder.item.i-horizon-near.yellow.v1']);
    } finally {
      h.clock.set('2026-09-29T02:00:00Z');
    }
  });

  it("finds the project's 专班 lead from the registry's task-force events at fire time", async () => {
    const nc = await connect({ servers: testInfra.natsUrl });
    const publishTaskForce = async (version: number, leadUserId: string | null) => {
      const id = randomUUID();
      const payload: PayloadOf<typeof taskForceChanged> = {
        projectId: 'proj-tf',
        leadUserId,
        memberUserIds: [],
        enterpriseId: PLACE.enterpriseId,
        parkId: PLACE.parkId,
        countyCode: PLACE.countyCode,
      };
      await nc.jetstream().publish(
        namespacedSubject(h.names.namespace, taskForceChanged.subject),
        JSON.stringify({
          id,
          type: taskForceChanged.type,
          version: taskForceChanged.version,
          occurredAt: '2026-09-29T02:00:00.000Z',
          aggregateId: 'proj-tf',
          aggregateVersion: version,
          actor: { userId: null, role: 'system' },
          correlationId: `test-${id}`,
          causationId: null,
          payload,
        }),
        { msgID: id },
      );
    };
    try {
      await publishTaskForce(2, USERS.lead.userId);
      // An older version arriving late must not replace the newer lead.
      await publishTaskForce(1, USERS.otherCountyLeader.userId);
      await pollUntil(async () => {
        const rows = await h.db.query(
          `SELECT lead_user_id, version FROM project_task_forces WHERE project_id = 'proj-tf'`,
        );
        return rows[0]?.version === 2 ? rows : null;
      });
      await pollUntil(
        async () =>
          (await h.db.query(`SELECT 1 FROM processed_events WHERE consumer = 'notifications-projects'`))
            .length === 2,
        { message: 'both task-force events handled' },
      );
      expect(
        await h.db.query(`SELECT lead_user_id FROM project_task_forces WHERE project_id = 'proj-tf'`),
      ).toEqual([{ lead_user_id: USERS.lead.userId }]);

      h.clock.set('2026-10-20T02:00:00Z');
      await reminders.upsertDeadline(
        itemDeadline('i-tf', {
          subjects: {
            agentUserId: USERS.agent.userId,
            departmentOfficerUserIds: [USERS.officer.userId],
            projectId: 'proj-tf',
          },
        }),
      );
      await pollUntil(
        async () =>
          (await rungsOf('item.i-tf')).filter((r: { status: string }) => r.status === 'fired').length === 3,
        { message: 'the three passed rungs fired' },
      );
      const rows = await notificationsFrom('rung.item.i-tf.escalate_3wd');
      expect(rows.map((r: { user_id: string }) => r.user_id)).toContain(USERS.lead.userId);
      expect(rows.map((r: { user_id: string }) => r.user_id)).not.toContain(USERS.otherCountyLeader.userId);
    } finally {
      await nc.close();
    }
  });

  it('schedules a 企业诉求 from approvals.request.deadlineChanged: each version replaces the rungs, closure drops them', async () => {
    h.clock.set('2026-09-29T02:00:00Z');
    const nc = await connect({ servers: testInfra.natsUrl });
    const js = nc.jetstream();
    const key = 'request.req-dl';
    const publish = async (version: number, change: Partial<PayloadOf<typeof requestDeadlineChanged>>) => {
      const id = randomUUID();
      const payload: PayloadOf<typeof requestDeadlineChanged> = {
        requestId: 'req-dl',
        projectId: 'proj-dl',
        place: PLACE,
        active: true,
        deadlineVersion: version,
        reason: 'raised',
        toDepartmentCode: null,
        toAgentUserId: USERS.agent.userId,
        startedOn: '2026-09-29',
        dueDate: '2026-10-14',
        dueAt: '2026-10-14T16:00:00.000Z',
        limit: 7,
        unit: 'working_days',
        provisional: false,
        yellowAt: null,
        redAt: null,
        overdueRungs: [],
        greenChannel: false,
        major: false,
        ...change,
      };
      await js.publish(
        namespacedSubject(h.names.namespace, requestDeadlineChanged.subject),
        JSON.stringify({
          id,
          type: requestDeadlineChanged.type,
          version: requestDeadlineChanged.version,
          occurredAt: '2026-09-29T02:00:00.000Z',
          aggregateId: 'req-dl',
          aggregateVersion: version,
          actor: { userId: null, role: 'system' },
          correlationId: `test-${id}`,
          causationId: null,
          payload,
        }),
        { msgID: id },
      );
    };
    try {
      await publish(1, {});
      const v1 = await pollUntil(async () => {
        const ids = await jobIdsOf(h.reminders, key);
        return ids.length === 1 ? ids : null;
      });
      expect(v1).toEqual([`reminder.${key}.yellow.v1`]);
      // Same due date as the item of the worked example: yellow on 10-13, red after 10-14 ends.
      expect(
        (await rungsOf(key)).map((r: { rung: string; fire_at: Date }) => [r.rung, r.fire_at.toISOString()]),
      ).toEqual(
        expect.arrayContaining([
          ['yellow', '2026-10-12T16:00:00.000Z'],
          ['red', '2026-10-14T16:00:00.000Z'],
        ]),
      );

      // Routed to a department: a new version, one new set of jobs, the old ones gone.
      await publish(2, { reason: 'routed', toDepartmentCode: 'zrzy' });
      await pollUntil(async () => {
        const ids = await jobIdsOf(h.reminders, key);
        return ids.length === 1 && ids.every((id) => id.endsWith('.v2'));
      });
      const [routed] = await h.db.query(`SELECT version, status FROM deadlines WHERE key = $1`, [key]);
      expect(routed).toMatchObject({ version: 2, status: 'open' });

      // Answered: active false closes it and removes every reminder.
      await publish(3, { active: false, reason: 'stopped' });
      await pollUntil(async () => (await jobIdsOf(h.reminders, key)).length === 0);
      const [closed] = await h.db.query(`SELECT version, status FROM deadlines WHERE key = $1`, [key]);
      expect(closed).toMatchObject({ version: 3, status: 'closed' });
      const rungs = await rungsOf(key);
      expect(rungs.filter((r: { status: string }) => r.status === 'pending')).toEqual([]);
    } finally {
      await nc.close();
    }
  });
});
