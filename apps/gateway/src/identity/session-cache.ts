import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Clock } from '@daiban/calendar';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import type { SessionState } from './sessions.repository';

/** The channel the triggers of `users` and `session_families` notify (migration SessionNotify). */
export function sessionChannel(schema: string): string {
  return `sessions_${schema}`;
}

/**
 * How long a change made through this process keeps its sessions out of the cache. Its NOTIFY arrives
 * only after its commit, and its HTTP answer can be sent before that NOTIFY is read: until then the
 * sessions are read from PostgreSQL, which sees the commit. A transaction open longer than this falls
 * back to the NOTIFY window other replicas have.
 */
export const CHANGE_MARK_MS = 10_000;
/** A backstop for a notification lost without the connection reporting it; it also bounds memory. */
export const MAX_ENTRY_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;
/** Names the LISTEN connection in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'gateway-session-cache';

interface Entry {
  state: SessionState;
  loadedAt: number;
}

/**
 * The session checks of recent requests, so that an authenticated request costs no PostgreSQL read
 * while its session and user are unchanged. Whatever may change them is seen in one of two ways:
 *
 * - through this process (`changing`, called by the repositories before they write): the session or the
 *   user is marked and read from PostgreSQL until well after the commit;
 * - anywhere else (another replica, SQL by hand): the triggers NOTIFY at commit, and the entry is dropped
 *   when the notification is read, a few milliseconds later on the same network.
 *
 * Nothing is served or stored unless LISTEN is active: while the connection is down every request reads
 * PostgreSQL as before, and the cache starts empty when it is back. A read that was in flight while
 * anything was invalidated is not stored (`epoch`), so a snapshot older than a change cannot outlive it.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('session-cache');
  private readonly entries = new Map<string, Entry>();
  /** `f:<familyId>` or `u:<userId>` → until when (clock ms) it bypasses the cache. */
  private readonly marks = new Map<string, number>();
  private epochValue = 0;
  private listening = false;
  private running = false;
  private client: Client | null = null;
  private stopped: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.stopped = this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.disable();
    this.wake?.();
    await this.client?.end().catch(() => undefined);
    await this.stopped;
  }

  /** Whether entries are served: LISTEN is active. */
  get active(): boolean {
    return this.listening;
  }

  /** Taken before a read from PostgreSQL and handed to `put`. */
  epoch(): number {
    return this.epochValue;
  }

  get(familyId: string): SessionState | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(familyId);
    if (!entry) return undefined;
    const now = this.clock.now().getTime();
    if (
      now - entry.loadedAt > MAX_ENTRY_AGE_MS ||
      this.marked(`f:${familyId}`, now) ||
      this.marked(`u:${entry.state.userId}`, now)
    ) {
      this.entries.delete(familyId);
      return undefined;
    }
    return entry.state;
  }

  /** Keeps `state` unless anything was invalidated since `epoch` was taken. */
  put(state: SessionState, epoch: number): void {
    if (!this.listening || epoch !== this.epochValue) return;
    const now = this.clock.now().getTime();
    if (this.marked(`f:${state.familyId}`, now) || this.marked(`u:${state.userId}`, now)) return;
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(state.familyId)) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(state.familyId, { state, loadedAt: now });
  }

  /** This process is about to change a session or a user (revoke, disable, new role or scope…). */
  changing(target: { familyId: string } | { userId: string }): void {
    const key = 'familyId' in target ? `f:${target.familyId}` : `u:${target.userId}`;
    this.marks.set(key, this.clock.now().getTime() + CHANGE_MARK_MS);
    this.drop(key);
  }

  /** The session's `last_seen_at` this process wrote: later requests need not write it again. */
  touched(familyId: string, at: Date): void {
    const entry = this.entries.get(familyId);
    if (entry && entry.state.lastSeenAt < at)
      this.entries.set(familyId, { ...entry, state: { ...entry.state, lastSeenAt: at } });
  }

  /** A notification's payload: `f:<familyId>`, `u:<userId>` or `*` (a table was truncated). */
  private drop(key: string): void {
    this.epochValue += 1;
    if (key === '*') {
      this.entries.clear();
    } else if (key.startsWith('f:')) {
      this.entries.delete(key.slice(2));
    } else if (key.startsWith('u:')) {
      const userId = key.slice(2);
      for (const [familyId, entry] of this.entries)
        if (entry.state.userId === userId) this.entries.delete(familyId);
    }
    if (this.marks.size > 100) {
      const now = this.clock.now().getTime();
      for (const [k, until] of this.marks) if (until <= now) this.marks.delete(k);
    }
  }

  private marked(key: string, now: number): boolean {
    const until = this.marks.get(key);
    return until !== undefined && until > now;
  }

  private disable(): void {
    this.listening = false;
    this.entries.clear();
    this.epochValue += 1;
  }

  private async listen(): Promise<void> {
    let delay = 500;
    while (this.running) {
      const client = new Client({
        connectionString: this.config.DATABASE_URL,
        application_name: LISTENER_APPLICATION_NAME,
        keepAlive: true,
      });
      this.client = client;
      // Until the connection reports its end the entries stay valid; once it does, nothing is served.
      const ended = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', (message) => this.drop(message.payload ?? '*'));
        await client.query(`LISTEN "${sessionChannel(this.config.DB_SCHEMA)}"`);
        if (!this.running) break;
        // Whatever changed while nothing listened is unknown: start empty.
        this.entries.clear();
        this.epochValue += 1;
        this.listening = true;
        delay = 500;
        await ended;
        this.disable();
        if (this.running) this.logger.warn('LISTEN connection lost: sessions are read from PostgreSQL');
      } catch (error) {
        this.disable();
        if (this.running) this.logger.warn(`LISTEN failed: ${(error as Error).message}`);
      }
      await client.end().catch(() => undefined);
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      delay = Math.min(delay * 2, 10_000);
    }
    this.disable();
  }
}
