import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Actor, EventDefinition } from '@daiban/contracts';
import type { LocalDate } from '@daiban/calendar';
import type { WorkflowEvents } from '../common/workflow-events.service';
import type { LedgerRepository, NewLedgerEntry } from '../ledger/ledger.repository';
import type { NewSealEntry, SealRegisterRepository } from '../seal-register/seal-register.repository';
import type { DeadlineSnapshot } from './item-clock.util';
import type { ItemRow, ItemsRepository, PauseRow } from './items.repository';

/**
 * Every write an item action makes. A live action writes each at once; the history import runs the very
 * same action code against a batching implementation that writes thousands of rows per statement.
 */
export interface ItemWrites {
  saveItem(item: ItemRow): Promise<void>;
  saveDeadline(itemId: string, version: number, snapshot: DeadlineSnapshot): Promise<void>;
  insertPause(pause: PauseRow): Promise<void>;
  closePause(pause: PauseRow, endOn: LocalDate): Promise<void>;
  ledger(entry: NewLedgerEntry): Promise<void>;
  event<S extends z.ZodType>(
    def: EventDefinition<S>,
    aggregateId: string,
    aggregateVersion: number,
    payload: z.infer<S>,
    actor?: Actor,
  ): Promise<void>;
  seal(entry: NewSealEntry): Promise<void>;
  /** The case's agent: deadline events name who is reminded. */
  caseAgent(caseId: string): Promise<string | null>;
}

export class LiveItemWrites implements ItemWrites {
  constructor(
    private readonly manager: EntityManager,
    private readonly repos: {
      items: ItemsRepository;
      ledger: LedgerRepository;
      seals: SealRegisterRepository;
      events: WorkflowEvents;
    },
    /**
     * The case the caller read in this transaction: its agent is the one the action was checked against,
     * so the deadline events name that agent rather than a second read's.
     */
    private readonly held?: { id: string; agentUserId: string | null },
  ) {}

  saveItem(item: ItemRow) {
    return this.repos.items.save(this.manager, item);
  }

  saveDeadline(itemId: string, version: number, snapshot: DeadlineSnapshot) {
    return this.repos.items.saveDeadline(this.manager, itemId, version, snapshot);
  }

  insertPause(pause: PauseRow) {
    return this.repos.items.insertPause(this.manager, pause);
  }

  closePause(pause: PauseRow, endOn: LocalDate) {
    return this.repos.items.closePause(this.manager, pause.id, endOn);
  }

  ledger(entry: NewLedgerEntry) {
    return this.repos.ledger.append(this.manager, entry);
  }

  async event<S extends z.ZodType>(
    def: EventDefinition<S>,
    aggregateId: string,
    aggregateVersion: number,
    payload: z.infer<S>,
    actor?: Actor,
  ) {
    await this.repos.events.append(this.manager, def, aggregateId, aggregateVersion, payload, actor);
  }

  seal(entry: NewSealEntry) {
    return this.repos.seals.append(this.manager, entry);
  }

  async caseAgent(caseId: string): Promise<string | null> {
    if (this.held?.id === caseId) return this.held.agentUserId;
    const rows: Array<{ agent: string | null }> = await this.manager.query(
      `SELECT agent_user_id AS agent FROM cases WHERE id = $1`,
      [caseId],
    );
    return rows[0]?.agent ?? null;
  }
}
