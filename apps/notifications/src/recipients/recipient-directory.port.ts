import type { EntityManager } from 'typeorm';
import type { RecipientCard, Role, Scope } from '@daiban/contracts';
import type { Recipient, RecipientQuery } from './recipient.types';

/**
 * Finds users by role and scope at fire time. Users belong to the gateway, so notifications keeps its
 * own copy of their contact cards, fed through `apply` — today by the `notifications.recipients.upsert`
 * request (gateway or admin), later by a consumer of the gateway's user events.
 */
export abstract class RecipientDirectory {
  /** `manager`: an event handler's transaction, so the read takes no second pool connection. */
  abstract find(query: RecipientQuery, manager?: EntityManager): Promise<Recipient[]>;
  /** The active users of each enterprise, in one read for a consumer batch's enterprises (bench B2). */
  abstract ofEnterprises(
    enterpriseIds: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, Recipient[]>>;
  /** Active users among `userIds`; unknown or inactive ones are left out. */
  abstract findByIds(userIds: readonly string[], manager?: EntityManager): Promise<Recipient[]>;
  /** Everyone active holding one of `roles`, with their scope (the digest goes to each). */
  abstract withRoles(roles: readonly Role[]): Promise<Array<Recipient & { scope: Scope }>>;
  /**
   * Applies a card unless a newer version is already held; true when it changed something. An event
   * consumer passes its transaction so the card commits with the inbox row.
   */
  abstract apply(card: RecipientCard, manager?: EntityManager): Promise<boolean>;
}
