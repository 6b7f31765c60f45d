import { connect, type NatsConnection } from 'nats';
import { pollUntil, testInfra, testNames } from '@daiban/testing';
import { flushOncePerTurn } from '../src/jetstream/nats-flush';

type Sender = { protocol: { transport: { send(frame: Uint8Array): void } } };

/** Counts the socket writes of a real connection. */
function countWrites(nc: NatsConnection): { n: number } {
  const transport = (nc as unknown as Sender).protocol.transport;
  const send = transport.send.bind(transport);
  const writes = { n: 0 };
  transport.send = (frame) => {
    writes.n += 1;
    send(frame);
  };
  return writes;
}

describe('NATS writes: one per event-loop turn', () => {
  const subject = `${testNames().namespace}.flush`;
  let publisher: NatsConnection;
  let subscriber: NatsConnection;

  beforeAll(async () => {
    flushOncePerTurn();
    [publisher, subscriber] = await Promise.all([
      connect({ servers: testInfra.natsUrl }),
      connect({ servers: testInfra.natsUrl }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([publisher?.drain(), subscriber?.drain()]);
  });

  it('messages from ten callbacks of one turn leave in one write, all delivered in order', async () => {
    const received: string[] = [];
    subscriber.subscribe(subject, { callback: (_e, msg) => received.push(msg.string()) });
    await subscriber.flush();
    await publisher.flush();
    const writes = countWrites(publisher);
    // Ten timers due at once run in one timers phase, each followed by its microtasks: the library's
    // own microtask flush wrote ten times.
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++)
        setTimeout(() => {
          publisher.publish(subject, String(i));
          if (i === 9) resolve();
        }, 0);
    });
    await pollUntil(() => received.length === 10, { message: 'all ten delivered' });
    expect(received).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(writes.n).toBe(1);
  });

  it('a request is still answered, by a responder on another connection', async () => {
    subscriber.subscribe(`${subject}.echo`, { callback: (_e, msg) => msg.respond(msg.data) });
    await subscriber.flush();
    const reply = await publisher.request(`${subject}.echo`, 'ping', { timeout: 5000 });
    expect(reply.string()).toBe('ping');
  });
});
