import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client';

export interface LiveStreamOptions {
  /** Called on every pushed event, and once more whenever the stream (re)connects. */
  onChange(): void;
  /** First retry delay; doubled after each failure up to `maxDelayMs`, reset once connected. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The gateway's live stream: a one-time ticket (`POST /api/v1/stream/ticket`), then
 * `EventSource('/api/v1/stream?ticket=…')`. A ticket works once, so the browser's own reconnect
 * cannot succeed: on any error we close the source and reconnect with a fresh ticket after a
 * growing delay, resuming after the last event id. Returns a function that stops it for good.
 */
export function connectLiveStream({
  onChange,
  baseDelayMs = 1000,
  maxDelayMs = 30_000,
}: LiveStreamOptions): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = baseDelayMs;
  let lastEventId: string | null = null;

  const retry = (): void => {
    if (stopped) return;
    source?.close();
    source = null;
    timer = setTimeout(() => void open(), delay);
    delay = Math.min(delay * 2, maxDelayMs);
  };

  const open = async (): Promise<void> => {
    timer = null;
    let ticket: string;
    try {
      const { data } = await api.POST('/api/v1/stream/ticket');
      if (!data) return retry();
      ticket = data.ticket;
    } catch {
      return retry();
    }
    if (stopped) return;
    const url = new URL('/api/v1/stream', window.location.origin);
    url.searchParams.set('ticket', ticket);
    if (lastEventId) url.searchParams.set('lastEventId', lastEventId);
    const es = new EventSource(url.toString());
    source = es;
    const remember = (event: MessageEvent): void => {
      if (event.lastEventId) lastEventId = event.lastEventId;
    };
    es.addEventListener('ready', (event) => {
      remember(event as MessageEvent);
      delay = baseDelayMs;
      // Anything may have changed while we were away.
      onChange();
    });
    es.onmessage = (event) => {
      remember(event);
      onChange();
    };
    es.onerror = () => {
      if (source === es) retry();
    };
  };

  void open();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    source?.close();
    source = null;
  };
}

/** Keeps server state fresh: every pushed event invalidates the notifications and worklist. */
export function useLiveStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return connectLiveStream({
      onChange: () => {
        void queryClient.invalidateQueries({ queryKey: ['notifications'] });
        void queryClient.invalidateQueries({ queryKey: ['items'] });
        void queryClient.invalidateQueries({ queryKey: ['case'] });
        void queryClient.invalidateQueries({ queryKey: ['park-board'] });
        void queryClient.invalidateQueries({ queryKey: ['project-case'] });
      },
    });
  }, [enabled, queryClient]);
}
