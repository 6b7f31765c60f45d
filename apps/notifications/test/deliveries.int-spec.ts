import { createHmac } from 'node:crypto';
import {
  actOnSupervisionOrder,
  countMyUnread,
  createSupervisionOrder,
  listMyNotifications,
  listSupervisionOrders,
  markAllNotificationsRead,
  updateMyPreferences,
  upsertChannelTarget,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { pollUntil } from '@daiban/testing';
import { DispatcherService, type DispatchRequest } from '../src/deliveries/dispatcher.service';
import { DigestService } from '../src/digest/digest.service';
import { RecipientDirectory } from '../src/recipients/recipient-directory.port';
import { ReminderSweeper } from '../src/reminders/reminder.sweeper';
import { AfterCommit } from '../src/shared/after-commit';
import { PLACE, USERS, callerOf, jobIdsOf, startNotifications, type Harness } from './harness';

describe('channels and deliveries (real SMTP and HTTP sinks)', () => {
  let h: Harness;
  let rpc: RpcClient;
  const admin = callerOf(USERS.admin);

  const dispatch = async (request: DispatchRequest) => {
    const after = new AfterCommit();
    await h.db.transaction((m) => h.app.get(DispatcherService).dispatchInTransaction(m, request, after));
    await after.run();
  };
  const deliveriesOf = (sourceKey: string) =>
    h.db.query(
      `SELECT id, recipient_key, channel, status, attempts, last_error, not_before FROM deliveries
        WHERE source_key = $1 ORDER BY channel, recipient_key`,
      [sourceKey],
    );
  const redParams = { kindLabel: '审批事项', title: '施工许可', dueDate: '2026-10-14', overdueDays: 1 };

  beforeAll(async () => {
    // Thu 2026-10-15 10:00 Asia/Shanghai: working time.
    h = await startNotifications('2026-10-15T02:00:00Z');
    rpc = h.app.get(RpcClient);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a webhook answering 500 twice then 200 is delivered once, with the retries recorded', async () => {
    const target = await rpc.call(
      upsertChannelTarget,
      {
        kind: 'wecom',
        scopeKind: 'park',
        scopeId: PLACE.parkId,
        config: { url: `${h.http.url}/wecom` },
        enabled: true,
      },
      { caller: admin },
    );
    expect(target).toMatchObject({ kind: 'wecom', hasSecret: false });
    h.http.answers.push(500, 500);
    await dispatch({
      sourceKey: 'test.webhook-retry',
      template: 'reminder.red',
      params: redParams,
      recipients: [],
      place: PLACE,
      groupRobots: true,
    });
    const [delivery] = await pollUntil(async () => {
      const rows = await deliveriesOf('test.webhook-retry');
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(delivery).toMatchObject({ channel: 'wecom', status: 'sent', attempts: 3, last_error: null });
    const attempts = await h.db.query(
      `SELECT attempt, outcome, error FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [delivery.id],
    );
    expect(attempts).toEqual([
      { attempt: 1, outcome: 'failed', error: 'wecom webhook answered HTTP 500' },
      { attempt: 2, outcome: 'failed', error: 'wecom webhook answered HTTP 500' },
      { attempt: 3, outcome: 'sent', error: null },
    ]);
    const wecomHits = h.http.hits.filter((hit) => hit.url === '/wecom');
    expect(wecomHits).toHaveLength(3);
    expect(wecomHits[2].body).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('### 【已超期】审批事项「施工许可」') },
    });
  });

  it('signs 钉钉 robot URLs with HmacSHA256 over "timestamp\\nsecret"', async () => {
    const secret = 'SECtest0123456789';
    await rpc.call(
      upsertChannelTarget,
      {
        kind: 'dingtalk',
        scopeKind: 'county',
        scopeId: PLACE.countyCode,
        config: { url: `${h.http.url}/dingtalk?access_token=t0k`, secret },
        enabled: true,
      },
      { caller: admin },
    );
    await dispatch({
      sourceKey: 'test.dingtalk',
      template: 'reminder.red',
      params: redParams,
      recipients: [],
      place: PLACE,
      groupRobots: true,
    });
    const hit = await pollUntil(() => h.http.hits.find((x) => x.url.startsWith('/dingtalk')));
    const url = new URL(hit.url, h.http.url);
    const timestamp = url.searchParams.get('timestamp')!;
    expect(Number(timestamp)).toBe(h.clock.now().getTime());
    expect(url.searchParams.get('access_token')).toBe('t0k');
    expect(url.searchParams.get('sign')).toBe(
      createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'),
    );
    expect(hit.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '【已超期】审批事项「施工许可」' },
    });
  });

  it('sends email over SMTP, and one failing channel does not hold back the others', async () => {
    // The county robot now fails for good; the email to the director must still go out.
    h.http.broken.add('/dingtalk');
    await dispatch({
      sourceKey: 'test.email',
      template: 'reminder.red',
      params: redParams,
      recipients: [{ ...USERS.director, role: 'center_director', mobile: null }],
      place: PLACE,
      groupRobots: true,
    });
    await pollUntil(() => h.smtp.mails.find((mail) => mail.to.includes(USERS.director.email!)));
    const rows = await pollUntil(async () => {
      const all = await deliveriesOf('test.email');
      return all.every((d: { status: string }) => ['sent', 'failed', 'skipped'].includes(d.status))
        ? all
        : null;
    });
    const status = Object.fromEntries(
      rows.map((d: { channel: string; status: string }) => [d.channel, d.status]),
    );
    // Red is urgent, so SMS is tried too; the gateway knows no phone for the director.
    expect(status).toEqual({ email: 'sent', sms: 'skipped', wecom: 'sent', dingtalk: 'failed' });
    expect(rows.find((d: { channel: string }) => d.channel === 'dingtalk')).toMatchObject({
      attempts: 4,
      last_error: 'dingtalk webhook answered HTTP 500',
    });
  });

  it('quiet hours defer a non-urgent message to 09:00 of the next working day; urgent ones go now', async () => {
    // Fri 2026-10-09 20:00 Asia/Shanghai; the next working day is the 调休 Saturday 2026-10-10.
    h.clock.set('2026-10-09T12:00:00Z');
    const agent = { ...USERS.agent, role: 'agent' as const, mobile: null };
    await dispatch({
      sourceKey: 'test.quiet',
      template: 'reminder.yellow',
      params: redParams,
      recipients: [agent],
      place: PLACE,
    });
    const [deferred] = await deliveriesOf('test.quiet');
    expect(deferred).toMatchObject({ channel: 'email', status: 'queued' });
    expect(deferred.not_before.toISOString()).toBe('2026-10-10T01:00:00.000Z');
    const job = await h.deliveries.getJob(`delivery.${deferred.id}`);
    expect(job?.delay).toBe(13 * 3600_000);
    // The inbox entry is there at once: quiet hours hold back only what interrupts.
    const inbox = await rpc.call(
      listMyNotifications,
      { unreadOnly: true, limit: 20 },
      { caller: callerOf(USERS.agent) },
    );
    expect(inbox.items.map((n) => n.template)).toContain('reminder.yellow');

    await dispatch({
      sourceKey: 'test.quiet-urgent',
      template: 'reminder.red',
      params: redParams,
      recipients: [agent],
      place: PLACE,
    });
    const [urgent] = await deliveriesOf('test.quiet-urgent');
    expect(urgent.not_before.toISOString()).toBe('2026-10-09T12:00:00.000Z');
    await pollUntil(async () => (await deliveriesOf('test.quiet-urgent'))[0].status === 'sent');
    h.clock.set('2026-10-15T02:00:00Z');
  });

  it('a sweep re-queues the deferred deliveries whose jobs Redis lost, and only those', async () => {
    h.clock.set('2026-10-09T12:00:00Z');
    try {
      const agent = { ...USERS.agent, role: 'agent' as const, mobile: null };
      for (const n of [1, 2, 3]) {
        await dispatch({
          sourceKey: `test.sweep-${n}`,
          template: 'reminder.yellow',
          params: redParams,
          recipients: [agent],
          place: PLACE,
        });
      }
      const ids = (await Promise.all([1, 2, 3].map((n) => deliveriesOf(`test.sweep-${n}`)))).map(
        ([d]) => d.id as string,
      );
      await h.deliveries.remove(`delivery.${ids[0]}`);
      await h.deliveries.remove(`delivery.${ids[2]}`);
      expect(await h.deliveries.getJob(`delivery.${ids[0]}`)).toBeUndefined();

      const sweeper = h.app.get(ReminderSweeper);
      expect((await sweeper.sweep({ pageSize: 1 })).deliveriesRequeued).toBe(2);
      for (const id of ids) expect((await h.deliveries.getJob(`delivery.${id}`))?.delay).toBe(13 * 3600_000);
      expect((await sweeper.sweep()).deliveriesRequeued).toBe(0);
    } finally {
      h.clock.set('2026-10-15T02:00:00Z');
    }
  });

  it('respects preferences for ordinary messages but not for urgent ones', async () => {
    const officer = callerOf(USERS.officer);
    const prefs = await rpc.call(
      updateMyPreferences,
      { categories: { reminder: { email: false } } },
      { caller: officer },
    );
    expect(prefs.categories.reminder).toEqual({ email: false, sms: false });
    const recipient = { ...USERS.officer, role: 'department_officer' as const, mobile: null };
    await dispatch({
      sourceKey: 'test.pref-yellow',
      template: 'reminder.yellow',
      params: redParams,
      recipients: [recipient],
    });
    await dispatch({
      sourceKey: 'test.pref-red',
      template: 'reminder.red',
      params: redParams,
      recipients: [recipient],
    });
    expect(await deliveriesOf('test.pref-yellow')).toEqual([]);
    expect((await deliveriesOf('test.pref-red')).map((d: { channel: string }) => d.channel)).toEqual([
      'email',
      'sms',
    ]);
  });

  it('inbox: list, unread count and mark all read, only ever the caller’s own', async () => {
    const director = callerOf(USERS.director);
    const before = await rpc.call(countMyUnread, {}, { caller: director });
    expect(before.unread).toBeGreaterThan(0);
    const marked = await rpc.call(markAllNotificationsRead, {}, { caller: director });
    expect(marked).toEqual({ updated: before.unread, unread: 0 });
    expect((await rpc.call(countMyUnread, {}, { caller: callerOf(USERS.agent) })).unread).toBeGreaterThan(0);
  });

  it('督办单: issued by a director, signed and answered by the department, reviewed and closed', async () => {
    const director = callerOf(USERS.director);
    const officer = callerOf(USERS.officer);
    const order = await rpc.call(
      createSupervisionOrder,
      {
        subject: { kind: 'item', id: 'i-manual', title: '环评批复' },
        place: PLACE,
        toDepartmentCode: 'zrzy',
        reason: '材料流转缓慢',
      },
      { caller: director },
    );
    expect(order).toMatchObject({ status: 'issued', origin: 'manual', issuerLevel: 'park', version: 1 });
    // Feedback due in 3 working days from Thu 10-15: Tue 10-20.
    expect(order.feedbackDueAt).toBe('2026-10-20T15:59:59.999Z');
    const feedbackKey = `supervision_feedback.${order.id}`;
    // Its next rung is armed (the firing of each rung arms the one after it).
    const [next] = await h.db.query(
      `SELECT rung FROM reminder_rungs WHERE deadline_key = $1 AND status = 'pending' ORDER BY fire_at, rung LIMIT 1`,
      [feedbackKey],
    );
    expect(await jobIdsOf(h.reminders, feedbackKey)).toEqual([`reminder.${feedbackKey}.${next.rung}.v1`]);

    await expect(
      rpc.call(
        actOnSupervisionOrder,
        { id: order.id, action: 'review', accepted: true, note: '' },
        { caller: director },
      ),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(
      rpc.call(actOnSupervisionOrder, { id: order.id, action: 'sign' }, { caller: director }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await rpc.call(
      actOnSupervisionOrder,
      { id: order.id, action: 'sign', expectedVersion: 1 },
      { caller: officer },
    );
    const answered = await rpc.call(
      actOnSupervisionOrder,
      { id: order.id, action: 'feedback', text: '已召开协调会，预计10月19日出件' },
      { caller: officer },
    );
    expect(answered).toMatchObject({ status: 'feedback', feedbackDueAt: null });
    expect(await jobIdsOf(h.reminders, feedbackKey)).toEqual([]);
    await rpc.call(
      actOnSupervisionOrder,
      { id: order.id, action: 'review', accepted: true, note: '' },
      { caller: director },
    );
    const closed = await rpc.call(
      actOnSupervisionOrder,
      { id: order.id, action: 'close', note: '' },
      { caller: director },
    );
    expect(closed).toMatchObject({ status: 'closed', version: 5 });

    const events = await h.db.query(
      `SELECT subject FROM outbox WHERE envelope->>'aggregateId' = $1 ORDER BY created_at, subject`,
      [order.id],
    );
    expect(events.map((e: { subject: string }) => e.subject).sort()).toEqual(
      [
        'notifications.supervisionorder.closed.v1',
        'notifications.supervisionorder.feedbackSubmitted.v1',
        'notifications.supervisionorder.issued.v1',
        'notifications.supervisionorder.reviewed.v1',
        'notifications.supervisionorder.signed.v1',
      ].sort(),
    );
    const told = await h.db.query(
      `SELECT user_id, template FROM notifications WHERE subject_id = $1 ORDER BY template`,
      [order.id],
    );
    expect(told).toEqual(
      expect.arrayContaining([
        { user_id: USERS.officer.userId, template: 'supervision.issued' },
        { user_id: USERS.director.userId, template: 'supervision.feedbackSubmitted' },
        { user_id: USERS.officer.userId, template: 'supervision.closed' },
      ]),
    );

    // Lists are scoped: another county's leader sees none, this county's leader sees it.
    const other = await rpc.call(
      listSupervisionOrders,
      { limit: 20, offset: 0 },
      { caller: callerOf(USERS.otherCountyLeader) },
    );
    expect(other).toEqual({ items: [], total: 0 });
    const mine = await rpc.call(
      listSupervisionOrders,
      { limit: 20, offset: 0 },
      { caller: callerOf(USERS.countyLeader) },
    );
    expect(mine.items.map((o) => o.id)).toContain(order.id);
    await expect(
      rpc.call(
        createSupervisionOrder,
        {
          subject: { kind: 'item', id: 'x', title: 'x' },
          place: PLACE,
          toDepartmentCode: 'zrzy',
          reason: 'x',
        },
        { caller: callerOf(USERS.otherCountyLeader) },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('daily digest: on working days only (the 调休 Saturday counts), once per reader and day', async () => {
    const scheduler = await h.reminders.getJobScheduler('digest.daily');
    expect(scheduler).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
    const digest = h.app.get(DigestService);
    h.clock.set('2026-10-11T00:30:00Z'); // Sun 10-11 08:30
    expect(await digest.runDaily()).toEqual({ skipped: 'not_working_day' });
    h.clock.set('2026-10-10T00:30:00Z'); // Sat 10-10 08:30, a make-up working day
    expect(await digest.runDaily()).toMatchObject({ date: '2026-10-10' });
    await digest.runDaily();
    const rows = await h.db.query(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE source_key = 'digest.2026-10-10' GROUP BY user_id ORDER BY user_id`,
    );
    expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual(
      [USERS.cityLeader, USERS.countyLeader, USERS.director, USERS.lead, USERS.otherCountyLeader]
        .map((u) => u.userId)
        .sort(),
    );
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    h.clock.set('2026-10-15T02:00:00Z');
  });

  it('keeps the directory fed through its seam: newer card versions win', async () => {
    const directory = h.app.get(RecipientDirectory);
    expect(await directory.apply({ ...USERS.director, email: 'old@x.cn', version: 1 })).toBe(false);
    expect(await directory.apply({ ...USERS.director, email: 'new@xs.gov.cn', version: 2 })).toBe(true);
    expect((await directory.find({ role: 'center_director', parkId: PLACE.parkId }))[0].email).toBe(
      'new@xs.gov.cn',
    );
  });
});
