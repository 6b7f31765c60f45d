import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller, LedgerEntry } from '@daiban/contracts';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { assertRole, assertVisible, requireCaller } from '../common/caller.util';
import { MSG, actionName, stateName } from '../common/workflow-messages.constant';
import { LedgerRepository } from './ledger.repository';

const READERS = ['admin', 'center_director', 'agent', 'department_officer', 'leader', 'enterprise'] as const;

@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly ledger: LedgerRepository,
  ) {}

  async list(callerOrNull: Caller | null, caseId: string): Promise<LedgerEntry[]> {
    const caller = requireCaller(callerOrNull);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const kase = await this.cases.get(manager, caseId);
      assertVisible(caller, kase && this.casesService.scopeOf(kase), MSG.caseNotFound);
      assertRole(caller, READERS);
      const department = caller.scope.kind === 'department' ? caller.scope.departmentCode : null;
      return this.ledger.list(manager, caseId, department);
    });
  }

  async export(callerOrNull: Caller | null, caseId: string) {
    const entries = await this.list(callerOrNull, caseId);
    // Required on first use, not at start: exceljs and its zip stack cost every idle process ~8 MB of heap.
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.columns = [
      { header: '生效时间', key: 'effectiveAt', width: 26 },
      { header: '录入时间', key: 'recordedAt', width: 26 },
      { header: '事项', key: 'itemName', width: 30 },
      { header: '操作', key: 'action', width: 16 },
      { header: '原状态', key: 'from', width: 12 },
      { header: '新状态', key: 'to', width: 12 },
      { header: '操作人', key: 'actorUserId', width: 20 },
      { header: '角色', key: 'actorRole', width: 16 },
      { header: '内容', key: 'fields', width: 40 },
      { header: '备注', key: 'note', width: 30 },
    ];
    for (const entry of entries) {
      sheet.addRow({
        ...entry,
        itemName: entry.itemName ?? '（代办件）',
        action: actionName(entry.action),
        from: entry.from ? stateName(entry.from) : '',
        to: entry.to ? stateName(entry.to) : '',
        fields: JSON.stringify(entry.fields),
      });
    }
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      filename: `ledger-${caseId}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
    };
  }
}
