import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scopeCovers } from '@daiban/auth';
import { Clock } from '@daiban/calendar';
import {
  DomainError,
  IMPORT_MAX_BYTES,
  type Caller,
  type ImportRowError,
  type RpcRequest,
  type workflowImportRun,
} from '@daiban/contracts';
import type { BlobStorage } from '@daiban/storage';
import { BLOB_STORAGE } from '../attachments/blob-storage.provider';
import { CalendarRepository } from '../calendar/calendar.repository';
import { CasesRepository, type CaseWithProject } from '../cases/cases.repository';
import { assertRole, requireCaller } from '../common/caller.util';
import { WorkflowEvents } from '../common/workflow-events.service';
import { MSG, stateName } from '../common/workflow-messages.constant';
import { ItemsRepository, type ItemRow, type PauseRow } from '../items/items.repository';
import { DONE_STATES, ITEM_RULES } from '../items/item-state-machine';
import { ItemsService } from '../items/items.service';
import { LedgerRepository, type NewLedgerEntry } from '../ledger/ledger.repository';
import { ProjectsRepository, type LocalProject } from '../projects/projects.repository';
import { SealRegisterRepository } from '../seal-register/seal-register.repository';
import { BatchItemWrites } from './batch-item-writes';
import { IMPORT_COLUMNS, headerOf } from './import-columns.constant';
import { ImportFileError, readImportFile } from './import-file.util';
import { planRow, type RowPlan } from './import-row.util';

export const IMPORT_MAX_ROWS = 20_000;
/** Rows per flush: big enough to amortize round trips, small enough to keep statements modest. */
const FLUSH_EVERY = 1000;
/** Past this many, the report stops growing: the file needs fixing wholesale anyway. */
const MAX_REPORTED_ERRORS = 2000;
const IMPORTERS = ['admin', 'agent'] as const;

type RunInput = RpcRequest<typeof workflowImportRun>;

/** The case's agent, as whom the import runs every action. */
const agentOf = (kase: CaseWithProject, agent = kase.row.agentUserId!): Caller => ({
  userId: agent,
  role: 'agent',
  scope: { kind: 'park', parkId: kase.project.parkId },
});

/** Item actions only a department officer may take live; the import transcribes them on its behalf. */
const departmentOnly = (action: string) =>
  action in ITEM_RULES && !ITEM_RULES[action as keyof typeof ITEM_RULES].roles.includes('agent');

interface ResolvedRow {
  row: number;
  plan: RowPlan;
  kase: CaseWithProject;
  item: ItemRow;
  agent: string;
}

@Injectable()
export class ImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BLOB_STORAGE) private readonly blobs: BlobStorage,
    private readonly clock: Clock,
    private readonly projects: ProjectsRepository,
    private readonly cases: CasesRepository,
    private readonly items: ItemsRepository,
    private readonly itemsService: ItemsService,
    private readonly calendars: CalendarRepository,
    private readonly ledger: LedgerRepository,
    private readonly seals: SealRegisterRepository,
    private readonly events: WorkflowEvents,
  ) {}

  async template(callerOrNull: Caller | null) {
    assertRole(requireCaller(callerOrNull), IMPORTERS);
    // Required on first use, not at start: exceljs and its zip stack cost every idle process ~8 MB of heap.
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 18 }));
    sheet.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example])));
    sheet.getRow(1).font = { bold: true };
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'header', width: 16 },
      { header: '说明', key: 'help', width: 80 },
    ];
    for (const column of IMPORT_COLUMNS) help.addRow({ header: column.header, help: column.help });
    help.addRow({
      header: '规则',
      help: '全部行校验通过才会导入；任何一行有误则整份文件不导入，并返回逐行错误清单。日期按当天 9:00 记入台账。',
    });
    help.addRow({
      header: '各状态须填写',
      help:
        '已提交：提交日期；补正中：提交日期、补正日期、补正材料；不予受理：提交日期、决定日期、原因；' +
        '已受理：提交日期、受理日期；容缺受理：提交日期、受理日期、容缺材料、容缺补齐期限；' +
        '特别程序：另填进行中的特别程序；已延期：受理日期、延期日期、延期后时限、延期原因；' +
        '已批准/承诺制批准：批准日期、结果文号、出具方式（承诺制另填承诺材料、承诺履行期限）；' +
        '不予许可：受理日期、决定日期、原因；已领取结果：批准各列及领取日期；已移交：另填移交日期、移交回执号；' +
        '无需办理：决定日期、原因（已提交过的另填提交日期）。',
    });
    help.addRow({
      header: '部门的决定',
      help:
        '受理、补正、不予受理、延期、批准、不予许可等本由部门作出，导入时按历史台账如实转录：以代办员名义记入台账，' +
        '并标注导入批次（importId、importedBy），部门专属的动作另标注 onBehalfOf=department；这只用于导入历史，' +
        '在线办理时代办员仍不能作出这些决定。',
    });
    return {
      filename: 'daiban-ledger-import-template.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64'),
    };
  }

  async run(callerOrNull: Caller | null, input: RunInput) {
    const caller = requireCaller(callerOrNull);
    assertRole(caller, IMPORTERS);
    const started = performance.now();
    const bytes = await this.bytesOf(input.content);
    const reject = (errors: ImportRowError[]) =>
      new DomainError('VALIDATION_FAILED', MSG.importFailed(errors.length), {
        errors: errors.slice(0, MAX_REPORTED_ERRORS),
        total: errors.length,
      });
    let sheet;
    try {
      sheet = await readImportFile(bytes);
    } catch (error) {
      if (error instanceof ImportFileError) throw reject([{ row: 1, column: null, message: error.message }]);
      throw error;
    }
    if (sheet.records.length === 0) throw reject([{ row: 2, column: null, message: MSG.importEmpty }]);
    if (sheet.records.length > IMPORT_MAX_ROWS) {
      throw reject([{ row: 1, column: null, message: MSG.importTooManyRows(IMPORT_MAX_ROWS) }]);
    }
    const now = this.clock.now();
    const errors: ImportRowError[] = [];
    const planned: Array<{ row: number; plan: RowPlan }> = [];
    for (const { row, record } of sheet.records) {
      const result = planRow(row, record, now);
      errors.push(...result.errors);
      if (result.plan) planned.push({ row, plan: result.plan });
    }

    return this.dataSource.transaction(async (manager) => {
      const projects = await this.projects.byIdsOrCodes(
        manager,
        planned.flatMap(({ plan }) => (plan.projectId ? [plan.projectId] : [])),
        planned.flatMap(({ plan }) => (plan.projectCode ? [plan.projectCode] : [])),
      );
      const byId = new Map(projects.map((p) => [p.projectId, p]));
      const byCode = new Map(projects.filter((p) => p.projectCode).map((p) => [p.projectCode!, p]));
      const visible = projects.filter((project) => scopeCovers(caller.scope, project));
      const cases = new Map<string, CaseWithProject>();
      for (const kase of await this.cases.byProjects(
        manager,
        visible.map((p) => p.projectId),
        true,
      )) {
        cases.set(kase.row.projectId, kase);
      }
      const caseIds = [...cases.values()].map((k) => k.row.id);
      const caseItems = new Map<string, Map<string, ItemRow>>();
      for (const item of await this.items.byCases(manager, caseIds, true)) {
        if (!caseItems.has(item.caseId)) caseItems.set(item.caseId, new Map());
        caseItems.get(item.caseId)!.set(item.id, item);
      }
      const pauses = new Map<string, PauseRow[]>();
      const allItemIds = [...caseItems.values()].flatMap((m) => [...m.keys()]);
      for (const pause of await this.items.pauses(manager, allItemIds)) {
        pauses.set(pause.itemId, [...(pauses.get(pause.itemId) ?? []), pause]);
      }
      const resolved: ResolvedRow[] = [];
      const seen = new Map<string, number>();
      for (const { row, plan } of planned) {
        const fail = (column: Parameters<typeof headerOf>[0] | null, message: string) =>
          errors.push({ row, column: column && headerOf(column), message });
        const project = this.projectOf(plan, byId, byCode);
        if (project === 'ambiguous') {
          fail('projectId', MSG.importAmbiguousProject);
          continue;
        }
        if (!project || !scopeCovers(caller.scope, project)) {
          fail(plan.projectId && !plan.projectCode ? 'projectId' : 'projectCode', MSG.importProjectNotFound);
          continue;
        }
        const kase = cases.get(project.projectId);
        if (!kase) {
          fail('projectCode', MSG.importNoCase);
          continue;
        }
        if (kase.row.state !== 'in_progress' || !kase.row.agentUserId) {
          fail('projectCode', MSG.importCaseNotActive);
          continue;
        }
        const item = [...(caseItems.get(kase.row.id)?.values() ?? [])].find(
          (candidate) => candidate.catalogCode === plan.catalogCode,
        );
        if (!item) {
          fail('catalogCode', MSG.importItemNotInCase);
          continue;
        }
        if (seen.has(item.id)) {
          fail('catalogCode', MSG.importDuplicate(seen.get(item.id)!));
          continue;
        }
        seen.set(item.id, row);
        if (item.state !== 'not_started') {
          fail('state', MSG.importItemStarted(stateName(item.state)));
          continue;
        }
        const agent = plan.agent ?? kase.row.agentUserId;
        if (agent !== kase.row.agentUserId || (caller.role === 'agent' && agent !== caller.userId)) {
          fail('agent', MSG.importAgentMismatch);
          continue;
        }
        resolved.push({ row, plan, kase, item, agent });
      }

      // Prerequisites are checked at submission against sibling items, so each case goes in catalog order.
      resolved.sort((a, b) =>
        a.kase.row.id === b.kase.row.id ? a.item.sortOrder - b.item.sortOrder : a.row - b.row,
      );
      const importId = randomUUID();
      const writes = new BatchItemWrites(
        { ledger: this.ledger, seals: this.seals, events: this.events },
        (entry: NewLedgerEntry) => ({
          ...entry,
          fields: {
            ...entry.fields,
            importId,
            importedBy: caller.userId,
            // A department-only decision transcribed from the historical ledger, not decided by the agent.
            ...(departmentOnly(entry.action) ? { onBehalfOf: 'department' } : {}),
          },
        }),
        new Map(resolved.map(({ kase }) => [kase.row.id, kase.row.agentUserId])),
      );
      const calendar = await this.calendars.load(manager);
      let actions = 0;
      let sinceFlush = 0;
      for (const { row, plan, kase, item, agent } of resolved) {
        const siblings = caseItems.get(kase.row.id)!;
        const ctx = {
          item,
          kase,
          pauses: pauses.get(item.id) ?? [],
          calendar,
          siblings: async () => [...siblings.values()],
          writes,
          now,
          historyImport: true,
        };
        const agentCaller = agentOf(kase, agent);
        for (const action of plan.actions) {
          try {
            const { next } = await this.itemsService.apply(ctx, agentCaller, {
              ...action.request,
              itemId: item.id,
            } as Parameters<ItemsService['apply']>[2]);
            ctx.item = next;
            siblings.set(next.id, next);
            actions += 1;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            errors.push({ row, column: headerOf(action.column), message: error.message });
            break;
          }
        }
        sinceFlush += 1;
        if (sinceFlush >= FLUSH_EVERY && errors.length === 0) {
          await writes.flush(manager);
          sinceFlush = 0;
        }
      }
      if (errors.length > 0) {
        errors.sort((a, b) => a.row - b.row);
        throw reject(errors);
      }
      await writes.flush(manager);
      // As after a live action: a case whose items are now all done is handed over, at the last action's time.
      const lastAt = new Map<string, { kase: CaseWithProject; at: Date }>();
      for (const { kase } of resolved) {
        const items = [...caseItems.get(kase.row.id)!.values()];
        const latest = Math.max(
          ...items.map((i) => (i.lastEffectiveAt ? new Date(i.lastEffectiveAt).getTime() : 0)),
        );
        if (items.every((i) => DONE_STATES.includes(i.state)))
          lastAt.set(kase.row.id, { kase, at: new Date(latest) });
      }
      for (const { kase, at } of lastAt.values()) {
        await this.itemsService.handOverCaseWhenDone(manager, kase, agentOf(kase), at, now);
      }
      return {
        rows: sheet.records.length,
        items: resolved.length,
        actions,
        ledgerEntries: writes.counts.ledgerEntries,
        events: writes.counts.events,
        elapsedMs: Math.round(performance.now() - started),
      };
    });
  }

  private projectOf(
    plan: RowPlan,
    byId: Map<string, LocalProject>,
    byCode: Map<string, LocalProject>,
  ): LocalProject | null | 'ambiguous' {
    const fromId = plan.projectId ? (byId.get(plan.projectId) ?? null) : null;
    const fromCode = plan.projectCode ? (byCode.get(plan.projectCode) ?? null) : null;
    if (plan.projectId && plan.projectCode && fromId?.projectId !== fromCode?.projectId) return 'ambiguous';
    return fromId ?? fromCode;
  }

  private async bytesOf(content: RunInput['content']): Promise<Buffer> {
    if ('base64' in content) return Buffer.from(content.base64, 'base64');
    const info = await this.blobs.stat(content.staged);
    if (!info) throw new DomainError('VALIDATION_FAILED', MSG.attachmentNotStaged);
    if (info.size > IMPORT_MAX_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', MSG.importTooLarge(IMPORT_MAX_BYTES / 1024 / 1024));
    }
    return this.blobs.get(content.staged);
  }
}
