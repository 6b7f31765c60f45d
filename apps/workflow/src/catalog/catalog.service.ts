import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, type CatalogItem, type CatalogVersion, type Caller } from '@daiban/contracts';
import { assertRole, requireCaller } from '../common/caller.util';
import { MSG } from '../common/workflow-messages.constant';
import { catalogProblems } from './catalog-rules.util';
import { CatalogRepository } from './catalog.repository';

@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogs: CatalogRepository,
  ) {}

  async get(callerOrNull: Caller | null, version?: number): Promise<CatalogVersion> {
    requireCaller(callerOrNull);
    const manager = this.dataSource.manager;
    const found =
      version === undefined
        ? await this.catalogs.current(manager)
        : await this.catalogs.byVersion(manager, version);
    if (!found) throw new DomainError('NOT_FOUND', MSG.catalogNotFound);
    return found;
  }

  async publish(callerOrNull: Caller | null, items: CatalogItem[], note?: string): Promise<CatalogVersion> {
    const caller = requireCaller(callerOrNull);
    assertRole(caller, ['admin']);
    const problems = catalogProblems(items);
    if (problems.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        MSG.catalogInvalid,
        problems.map((message) => ({ field: 'items', message })),
      );
    }
    return this.dataSource.transaction((manager) =>
      this.catalogs.publish(manager, items, note ?? null, caller.userId),
    );
  }
}
