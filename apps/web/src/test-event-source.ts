import { vi } from 'vitest';

/** jsdom has no EventSource: a stand-in the test drives by hand. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((event: Event) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  /** The gateway's first frame after connecting. */
  ready(id = '1-1'): void {
    const event = new MessageEvent('ready', { data: '{}', lastEventId: id });
    this.listeners.get('ready')?.forEach((listener) => listener(event));
  }

  push(data: unknown, id: string): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(data), lastEventId: id }));
  }

  fail(): void {
    this.onerror?.(new Event('error'));
  }

  static install(): void {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  }

  static get last(): FakeEventSource {
    const last = FakeEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource opened');
    return last;
  }
}
