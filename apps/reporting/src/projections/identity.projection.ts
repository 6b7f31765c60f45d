import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { userChanged, type EnvelopeOf } from '@daiban/contracts';
import { OnEvent } from '@daiban/messaging';

/**
 * The IDENTITY stream's user snapshots into `users`, so reports name the agents (代办员) beside their ids.
 * Each event carries the whole user with its version: the newest version wins whatever the delivery order,
 * and a repeated or older one changes nothing. The scope is not kept (reports never narrow by it), nor
 * anything personal beyond the display name the event already carries.
 */
@Injectable()
export class IdentityProjection {
  @OnEvent(userChanged)
  async onUserChanged(event: EnvelopeOf<typeof userChanged>, manager: EntityManager): Promise<void> {
    const u = event.payload;
    await manager.query(
      `INSERT INTO users (user_id, display_name, role, enabled, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
         enabled = EXCLUDED.enabled, version = EXCLUDED.version
       WHERE users.version < EXCLUDED.version`,
      [u.userId, u.displayName, u.role, u.enabled, u.version],
    );
  }
}
