import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, userChanged, type EventEnvelope, type PayloadOf } from '@daiban/contracts';
import { outboxChannel } from '@daiban/messaging';
import { currentContext, currentCorrelationId } from '@daiban/observability';

type UserChanged = PayloadOf<typeof userChanged>;

interface UserCardRow {
  id: string;
  role: UserChanged['role'];
  scope: UserChanged['scope'];
  display_name: string;
  enabled: boolean;
  version: number;
}

/**
 * Writes `identity.user.changed` for each user into the gateway's outbox, in the caller's transaction,
 * from the row as it stands after the change. A plain function rather than OutboxWriter because the
 * demo seed runs outside Nest; the row and the NOTIFY are the ones OutboxWriter writes.
 */
export async function announceUsers(
  manager: EntityManager,
  userIds: readonly string[],
  options: { schema: string; now: Date },
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('announceUsers needs the transaction that changed the users');
  }
  if (!userIds.length) return;
  const rows: UserCardRow[] = await manager.query(
    `SELECT id, role, scope, display_name, enabled, version FROM users WHERE id = ANY($1::uuid[])`,
    [userIds],
  );
  const context = currentContext();
  for (const row of rows) {
    const envelope: EventEnvelope<UserChanged> = {
      id: randomUUID(),
      type: userChanged.type,
      version: userChanged.version,
      occurredAt: options.now.toISOString(),
      aggregateId: row.id,
      aggregateVersion: row.version,
      actor: context?.userId ? { userId: context.userId, role: context.role ?? null } : SYSTEM_ACTOR,
      correlationId: currentCorrelationId(),
      causationId: context?.causationId ?? null,
      payload: userChanged.payload.parse({
        userId: row.id,
        role: row.role,
        scope: row.scope,
        displayName: row.display_name,
        enabled: row.enabled,
        version: row.version,
      }),
    };
    await manager.query(`INSERT INTO outbox (id, subject, envelope) VALUES ($1, $2, $3)`, [
      envelope.id,
      userChanged.subject,
      JSON.stringify(envelope),
    ]);
  }
  await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(options.schema)]);
}
