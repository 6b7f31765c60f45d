import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Actor, EventDefinition, EventEnvelope } from '@daiban/contracts';
import type { LocalDate } from '@daiban/calendar';
import type { WorkflowEvents } from '../common/workflow-events.service';
import type { ItemWrites } from '../items/item-writes';
import type { ItemRow, PauseRow } from '../items/items.repository';
import type { LedgerRepository, NewLedgerEntry } from '../ledger/ledger.repository';
import type { NewSealEntry, SealRegisterRepository } from '../seal-register/seal-register.repository';

/**
 * Collects the writes of many item actions and flushes them a few statements at a time (one per table),
 * which is what lets 10,000 rows import inside one transaction in seconds. The item row objects are the
 * ones the actions mutate, so at flush time each holds its final state and deadline.
 */
export class BatchItemWrites implements ItemWrites {
  private readonly items = new Map<string, ItemRow>();
  private readonly newPauses: PauseRow[] = [];
  private readonly closedPauses: Array<{ id: string; endOn: LocalDate }> = [];
  private readonly entries: NewLedgerEntry[] = [];
  private readonly events: Array<{ subject: string; envelope: EventEnvelope<unknown> }> = [];
  private readonly seals: NewSealEntry[] = [];
  counts = { ledgerEntries: 0, events: 0 };

  constructor(
    private readonly repos: {
      ledger: LedgerRepository;
      seals: SealRegisterRepository;
      events: WorkflowEvents;
    },
    /** Marks each ledger entry (e.g. with the import it came from). */
    private readonly annotate: (entry: NewLedgerEntry) => NewLedgerEntry = (entry) => entry,
    /** The cases' agents, already loaded by the import: no query per row. */
    private readonly agents: ReadonlyMap<string, string | null> = new Map(),
  ) {}

  async caseAgent(caseId: string): Promise<string | null> {
    return this.agents.get(caseId) ?? null;
  }

  async saveItem(item: ItemRow) {
    this.items.set(item.id, item);
  }

  async saveDeadline() {
    // The deadline service copies the new deadline onto the saved row object; the row flush writes it.
  }

  async insertPause(pause: PauseRow) {
    this.newPauses.push(pause);
  }

  async closePause(pause: PauseRow, endOn: LocalDate) {
    if (!this.newPauses.includes(pause)) this.closedPauses.push({ id: pause.id, endOn });
  }

  async ledger(entry: NewLedgerEntry) {
    this.entries.push(this.annotate(entry));
  }

  async event<S extends z.ZodType>(
    def: EventDefinition<S>,
    aggregateId: string,
    aggregateVersion: number,
    payload: z.infer<S>,
    actor?: Actor,
  ) {
    this.events.push(this.repos.events.envelope(def, aggregateId, aggregateVersion, payload, actor));
  }

  async seal(entry: NewSealEntry) {
    this.seals.push(entry);
  }

  async flush(manager: EntityManager): Promise<void> {
    const rows = [...this.items.values()].map((i) => ({
      id: i.id,
      state: i.state,
      version: i.version,
      submitted_on: i.submittedOn,
      accepted_on: i.acceptedOn,
      deemed_accepted: i.deemedAccepted,
      extension_limit: i.extensionLimit,
      correction_materials: i.correctionMaterials,
      deficiency: i.deficiency,
      commitment: i.commitment,
      result_doc_no: i.resultDocNo,
      issued_via: i.issuedVia,
      result_issued_on: i.resultIssuedOn,
      waived_reason: i.waivedReason,
      last_effective_at: i.lastEffectiveAt,
      deadline_version: i.deadlineVersion,
      deadline_clock: i.deadlineClock,
      deadline_active: i.deadlineActive,
      deadline_started_on: i.deadlineStartedOn,
      deadline_due_date: i.deadlineDueDate,
      deadline_limit: i.deadlineLimit,
      deadline_provisional: i.deadlineProvisional,
      deadline_paused: i.deadlinePaused,
    }));
    if (rows.length > 0) {
      await manager.query(
        `UPDATE items i SET state = r.state, version = r.version, submitted_on = r.submitted_on,
           accepted_on = r.accepted_on, deemed_accepted = r.deemed_accepted, extension_limit = r.extension_limit,
           correction_materials = r.correction_materials, deficiency = r.deficiency, commitment = r.commitment,
           result_doc_no = r.result_doc_no, issued_via = r.issued_via, result_issued_on = r.result_issued_on,
           waived_reason = r.waived_reason, last_effective_at = r.last_effective_at,
           deadline_version = r.deadline_version, deadline_clock = r.deadline_clock,
           deadline_active = r.deadline_active, deadline_started_on = r.deadline_started_on,
           deadline_due_date = r.deadline_due_date, deadline_limit = r.deadline_limit,
           deadline_provisional = r.deadline_provisional, deadline_paused = r.deadline_paused
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, state text, version int, submitted_on date,
           accepted_on date, deemed_accepted boolean, extension_limit int, correction_materials jsonb,
           deficiency jsonb, commitment jsonb, result_doc_no text, issued_via text, result_issued_on date,
           waived_reason text, last_effective_at timestamptz, deadline_version int, deadline_clock text,
           deadline_active boolean, deadline_started_on date, deadline_due_date date, deadline_limit int,
           deadline_provisional boolean, deadline_paused boolean)
         WHERE i.id = r.id`,
        [JSON.stringify(rows)],
      );
    }
    if (this.newPauses.length > 0) {
      await manager.query(
        `INSERT INTO item_pauses (id, item_id, kind, start_on, end_on, estimate, estimated_working_days, resume_state)
         SELECT id, item_id, kind, start_on, end_on, estimate, estimated_working_days, resume_state
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, item_id text, kind text, start_on date, end_on date,
           estimate text, estimated_working_days int, resume_state text)`,
        [
          JSON.stringify(
            this.newPauses.map((p) => ({
              id: p.id,
              item_id: p.itemId,
              kind: p.kind,
              start_on: p.startOn,
              end_on: p.endOn,
              estimate: p.estimate,
              estimated_working_days: p.estimatedWorkingDays,
              resume_state: p.resumeState,
            })),
          ),
        ],
      );
    }
    for (const closed of this.closedPauses) {
      await manager.query(`UPDATE item_pauses SET end_on = $2 WHERE id = $1`, [closed.id, closed.endOn]);
    }
    await this.repos.ledger.appendMany(manager, this.entries);
    for (const seal of this.seals) await this.repos.seals.append(manager, seal);
    await this.repos.events.appendMany(manager, this.events);
    this.counts.ledgerEntries += this.entries.length;
    this.counts.events += this.events.length;
    this.items.clear();
    this.newPauses.length = 0;
    this.closedPauses.length = 0;
    this.entries.length = 0;
    this.events.length = 0;
    this.seals.length = 0;
  }
}
