import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@daiban/calendar';
import {
  DEFAULT_YEAR_TARGETS,
  DomainError,
  yearTargetsSchema,
  type Caller,
  type TargetsView,
  type UnitTargets,
  type YearTargets,
} from '@daiban/contracts';
import { requireAdmin, requireTargetsReader } from '../common/report-access.util';
import { MSG } from '../common/reporting-messages.constant';

interface TargetsRow {
  year: number;
  targets: unknown;
  version: number;
  updated_at: Date;
  updated_by: string;
}

/** Annual targets are reporting's own data (an admin sets them), so a rebuild of the read models keeps them. */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller | null, year: number): Promise<TargetsView> {
    requireTargetsReader(caller);
    return this.view(this.db.manager, year);
  }

  async put(
    callerOrNull: Caller | null,
    year: number,
    expectedVersion: number,
    targets: YearTargets,
  ): Promise<TargetsView> {
    const caller = requireAdmin(callerOrNull);
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('report_targets'), $1)`, [year]);
      const current = await this.view(manager, year);
      if (current.version !== expectedVersion)
        throw new DomainError('VERSION_CONFLICT', MSG.targetsVersionConflict, { version: current.version });
      await manager.query(
        `INSERT INTO report_targets (year, targets, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO UPDATE SET targets = EXCLUDED.targets, version = EXCLUDED.version,
           updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [year, JSON.stringify(targets), expectedVersion + 1, this.clock.now(), caller.userId],
      );
      return this.view(manager, year);
    });
  }

  /** The year's targets, or the defaults of DOMAIN.md when none were set. */
  async forYear(year: number, manager: EntityManager = this.db.manager): Promise<YearTargets> {
    return (await this.view(manager, year)).targets;
  }

  private async view(manager: EntityManager, year: number): Promise<TargetsView> {
    const rows: TargetsRow[] = await manager.query(`SELECT * FROM report_targets WHERE year = $1`, [year]);
    const row = rows[0];
    if (!row) return { year, version: 0, targets: DEFAULT_YEAR_TARGETS, updatedAt: null, updatedBy: null };
    return {
      year,
      version: row.version,
      targets: yearTargetsSchema.parse(row.targets),
      updatedAt: row.updated_at.toISOString(),
      updatedBy: row.updated_by,
    };
  }
}

export function countyTargets(targets: YearTargets, countyCode: string): UnitTargets {
  return { ...targets.countyDefaults, ...targets.counties[countyCode] };
}

/** Parks have no targets by default: their measures are shown without a light. */
export function parkTargets(targets: YearTargets, parkId: string): Partial<UnitTargets> {
  return targets.parks[parkId] ?? {};
}
