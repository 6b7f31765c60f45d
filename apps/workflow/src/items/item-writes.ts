import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Actor, EventDefinition, EventEnvelope } from '@daiban/contracts';
import type { LocalDate } from '@daiban/calendar';
import { preparedQuery } from '@daiban/database';
import { outboxInsertFrom } from '@daiban/messaging';
import type { WorkflowEvents } from '../common/workflow-events.service';
import {
  ledgerInsertFrom,
  ledgerRowsJson,
  type LedgerRepository,
  type NewLedgerEntry,
} from '../ledger/ledger.repository';
import type { NewSealEntry, SealRegisterRepository } from '../seal-register/seal-register.repository';
import { deadlineColumns, type DeadlineSnapshot } from './item-clock.util';
import {
  ITEM_STATE_SET,
  itemDeadlineParams,
  itemDeadlineSet,
  itemStateParams,
  type ItemRow,
  type ItemsRepository,
  type PauseRow,
} from './items.repository';

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
    protected readonly manager: EntityManager,
    protected readonly repos: {
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

/**
 * A live action's item row (with its deadline), ledger entry and events, written by `flush` in one statement
 * instead of one round trip each (bench B2: five statements, two of them UPDATEs of the same row, became
 * one). Pauses and seal entries, rare, are still written at once. `flush` must run before anything reads
 * the item again in the transaction; the ledger entry and the events are read by nobody before the commit.
 */
export class ActionWrites extends LiveItemWrites {
  private item: ItemRow | null = null;
  private readonly entries: NewLedgerEntry[] = [];
  private readonly events: Array<{ subject: string; envelope: EventEnvelope<unknown> }> = [];

  override async saveItem(item: ItemRow) {
    this.item = item;
  }

  override async saveDeadline(itemId: string, version: number, snapshot: DeadlineSnapshot) {
    if (this.item?.id !== itemId) return super.saveDeadline(itemId, version, snapshot);
    Object.assign(this.item, deadlineColumns(version, snapshot));
  }

  override async ledger(entry: NewLedgerEntry) {
    this.entries.push(entry);
  }

  /** The envelope is made (and its payload checked) now, as an immediate write would; only the INSERT waits. */
  override async event<S extends z.ZodType>(
    def: EventDefinition<S>,
    aggregateId: string,
    aggregateVersion: number,
    payload: z.infer<S>,
    actor?: Actor,
  ) {
    this.events.push(this.repos.events.envelope(def, aggregateId, aggregateVersion, payload, actor));
  }

  async flush(): Promise<void> {
    const entries = this.entries.splice(0);
    const events = this.events.splice(0);
    const item = this.item;
    this.item = null;
    if (!item) {
      await this.repos.ledger.appendMany(this.manager, entries);
      await this.repos.events.appendMany(this.manager, events);
      return;
    }
    // The deadline columns are written with the state whether or not they changed: the row lock is held
    // since they were read, so unchanged ones are written back as they are.
    await preparedQuery(
      this.manager,
      `WITH item AS (UPDATE items SET ${ITEM_STATE_SET}, ${itemDeadlineSet(16)} WHERE id = $1),
         ledger AS (${ledgerInsertFrom('$24')}),
         written AS (${outboxInsertFrom('$25')})
       SELECT ${this.repos.events.notifyOnce('written', '$26')}`,
      [
        ...itemStateParams(item),
        ...itemDeadlineParams(item),
        ledgerRowsJson(entries),
        JSON.stringify(events),
        this.repos.events.channel,
      ],
    );
  }
}
