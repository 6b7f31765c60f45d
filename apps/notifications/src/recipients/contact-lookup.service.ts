import { Injectable } from '@nestjs/common';
import { SYSTEM_CALLER, userContacts, type UserContact } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';

/** At most this long may a looked-up address be reused (the brief allows ≤ 60 s). */
export const CONTACT_CACHE_TTL_MS = 30_000;
const CACHE_MAX = 1000;

/**
 * E-mail and phone of a gateway user, asked of the gateway (`gateway.users.contacts`) when a delivery
 * is sent. Personal data (个人信息保护法) is never written to PostgreSQL here: only a short in-memory
 * cache keeps it, so a digest or a rung to many readers does not ask once per message.
 * An unreachable gateway throws (the delivery is retried); an unknown user is `null`.
 */
@Injectable()
export class ContactLookup {
  private readonly cache = new Map<string, { at: number; contact: UserContact | null }>();

  constructor(private readonly rpc: RpcClient) {}

  async contactOf(userId: string): Promise<UserContact | null> {
    // Elapsed process time, not the business Clock (hand-set in tests, may jump): a cache only ages.
    const now = performance.now();
    const hit = this.cache.get(userId);
    if (hit && now - hit.at < CONTACT_CACHE_TTL_MS) return hit.contact;
    const { contacts } = await this.rpc.call(userContacts, { userIds: [userId] }, { caller: SYSTEM_CALLER });
    const contact = contacts.find((c) => c.userId === userId) ?? null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(userId, { at: now, contact });
    return contact;
  }
}
