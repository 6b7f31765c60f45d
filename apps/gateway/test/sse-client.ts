export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A minimal EventSource over fetch, so tests can read ids, send Last-Event-ID and disconnect at will. */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  contentType: string | null = null;
  ended = false;
  private readonly controller = new AbortController();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers, signal: client.controller.signal });
    client.status = res.status;
    client.contentType = res.headers.get('content-type');
    if (res.body) void client.read(res.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { data: '' };
          let hasField = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') event.data += value;
            else continue;
            hasField = true;
          }
          if (hasField) this.events.push(event);
        }
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
  }

  messages(): Array<{ id?: string; body: Record<string, unknown> }> {
    return this.events.filter((e) => !e.event).map((e) => ({ id: e.id, body: JSON.parse(e.data) }));
  }

  lastId(): string | undefined {
    return [...this.events].reverse().find((e) => e.id)?.id;
  }

  close(): void {
    this.controller.abort();
  }
}
