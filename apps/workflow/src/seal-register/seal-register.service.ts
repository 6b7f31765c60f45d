import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import { DomainError, type Caller, type SealRegisterEntry } from '@daiban/contracts';
import { assertRole, requireCaller } from '../common/caller.util';
import { MSG } from '../common/workflow-messages.constant';
import { SealRegisterRepository } from './seal-register.repository';

@Injectable()
export class SealRegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seals: SealRegisterRepository,
  ) {}

  async list(
    callerOrNull: Caller | null,
    filter: { parkId: string; from?: string; to?: string },
  ): Promise<SealRegisterEntry[]> {
    const caller = requireCaller(callerOrNull);
    // Another park's register does not exist for a park-scoped caller; county and city scopes filter by rows.
    if (caller.scope.kind === 'park' && caller.scope.parkId !== filter.parkId) {
      throw new DomainError('NOT_FOUND', MSG.parkNotFound);
    }
    if (caller.scope.kind === 'enterprise' || caller.scope.kind === 'none') {
      throw new DomainError('NOT_FOUND', MSG.parkNotFound);
    }
    assertRole(caller, ['admin', 'center_director', 'agent', 'department_officer', 'leader', 'auditor']);
    const scope = scopeCondition(
      caller.scope,
      { parkId: 'park_id', countyCode: 'county_code', departmentCode: 'department_code' },
      4,
    );
    return this.seals.list(this.dataSource.manager, {
      ...filter,
      scopeSql: scope.sql,
      scopeParams: scope.params,
    });
  }
}
