import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { userChanged, type EnvelopeOf } from '@daiban/contracts';
import { OnEvent } from '@daiban/messaging';
import { RecipientDirectory } from './recipient-directory.port';

/**
 * The gateway's users as recipients. The event carries no phone or e-mail (see identity.events.ts), so
 * the card holds none: in-app delivery needs only the user id.
 */
@Injectable()
export class IdentityConsumer {
  constructor(private readonly directory: RecipientDirectory) {}

  @OnEvent(userChanged)
  async userChanged(event: EnvelopeOf<typeof userChanged>, m: EntityManager): Promise<void> {
    const p = event.payload;
    await this.directory.apply(
      {
        userId: p.userId,
        role: p.role,
        scope: p.scope,
        displayName: p.displayName.slice(0, 100),
        email: null,
        mobile: null,
        active: p.enabled,
        version: p.version,
      },
      m,
    );
  }
}
