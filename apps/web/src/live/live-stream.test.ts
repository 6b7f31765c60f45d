import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens, setTokens } from '../auth/session';
import { FakeEventSource } from '../test-event-source';
import { json, path, stubFetch } from '../test-fetch';
import { connectLiveStream } from './live-stream';

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

function ticketServer(fail = 0) {
  let n = 0;
  return stubFetch((req) => {
    if (path(req) !== '/api/v1/stream/ticket') return undefined;
    n += 1;
    if (n <= fail) return json(503, { code: 'UNAVAILABLE', message: '服务暂不可用' });
    return json(201, { ticket: `t${n}`, expiresIn: 60 });
  });
}

describe('connectLiveStream', () => {
  it('opens the stream with a ticket and reports every event', async () => {
    setTokens({ accessToken: 'a1', refreshToken: 'r1' });
    FakeEventSource.install();
    const seen = ticketServer();
    const onChange = vi.fn();
    const stop = connectLiveStream({ onChange });
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const url = new URL(FakeEventSource.last.url);
    expect(url.pathname).toBe('/api/v1/stream');
    expect(url.searchParams.get('ticket')).toBe('t1');
    expect(seen[0].method).toBe('POST');
    expect(seen[0].headers.get('authorization')).toBe('Bearer a1');

    FakeEventSource.last.ready('5-7');
    FakeEventSource.last.push({ type: 'item.state_changed' }, '6-7');
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    expect(FakeEventSource.last.closed).toBe(true);
  });

  it('reconnects with a fresh ticket after an error, resuming after the last event', async () => {
    FakeEventSource.install();
    ticketServer();
    const onChange = vi.fn();
    const stop = connectLiveStream({ onChange, baseDelayMs: 5 });
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const first = FakeEventSource.last;
    first.ready('1-1');
    first.push({ type: 'notification.created' }, '1-2');
    first.fail();
    expect(first.closed).toBe(true);
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    const url = new URL(FakeEventSource.last.url);
    expect(url.searchParams.get('ticket')).toBe('t2');
    expect(url.searchParams.get('lastEventId')).toBe('1-2');
    stop();
  });

  it('backs off while the ticket cannot be had, doubling up to the cap', async () => {
    vi.useFakeTimers();
    try {
      FakeEventSource.install();
      const seen = ticketServer(3);
      const stop = connectLiveStream({ onChange: () => undefined, baseDelayMs: 100, maxDelayMs: 300 });
      const tickets = () => seen.filter((req) => path(req) === '/api/v1/stream/ticket').length;
      await vi.advanceTimersByTimeAsync(0);
      expect(tickets()).toBe(1);
      await vi.advanceTimersByTimeAsync(99);
      expect(tickets()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(tickets()).toBe(2); // after 100 ms
      await vi.advanceTimersByTimeAsync(199);
      expect(tickets()).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(tickets()).toBe(3); // after 200 ms more
      await vi.advanceTimersByTimeAsync(300);
      expect(tickets()).toBe(4); // capped at 300 ms
      expect(FakeEventSource.instances).toHaveLength(1);
      stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(tickets()).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
