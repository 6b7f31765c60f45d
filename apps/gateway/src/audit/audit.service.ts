import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '@daiban/contracts';
import { Clock } from '@daiban/calendar';
import { currentContext } from '@daiban/observability';
import type { AuditEntry, AuditResult } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';

export interface AuditEvent {
  actor: Pick<Caller, 'userId' | 'role'> | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: AuditResult;
  errorCode?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

/** Writes one audit row per login, failed authorization and state-changing request. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('audit');

  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    const entry: AuditEntry = {
      at: this.clock.now(),
      actorId: event.actor?.userId ?? null,
      actorRole: event.actor?.role ?? null,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId ?? null,
      result: event.result,
      errorCode: event.errorCode ?? null,
      ip: event.ip ?? null,
      correlationId: currentContext()?.correlationId ?? null,
      details: event.details ?? null,
    };
    try {
      await this.repository.insert(entry, manager);
    } catch (error) {
      // A lost audit row is an incident, so it is logged loudly; the caller still learns about it.
      this.logger.error(`audit write failed for ${entry.action}: ${(error as Error).message}`);
      throw error;
    }
  }
}
