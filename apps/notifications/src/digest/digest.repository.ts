import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { scopeCondition } from '@daiban/auth';
import type { DeadlineKind, Scope } from '@daiban/contracts';
import type { TimeLimit } from '@daiban/calendar';

export interface DigestRow {
  kind: DeadlineKind;
  title: string;
  status: 'open' | 'paused';
  dueAt: Date | null;
  yellowAt: Date | null;
  timeLimit: TimeLimit;
}

/** Running deadlines of a scope, read from notifications's own deadlines table. */
@Injectable()
export class DigestRepository {
  async deadlinesIn(m: EntityManager, scope: Scope): Promise<DigestRow[]> {
    const condition = scopeCondition(scope, {
      enterpriseId: 'd.enterprise_id',
      parkId: 'd.park_id',
      countyCode: 'd.county_code',
    });
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT d.kind, d.title, d.status, d.due_at, d.time_limit,
              (SELECT r.fire_at FROM reminder_rungs r
                WHERE r.deadline_key = d.key AND r.version = d.version AND r.rung = 'yellow') AS yellow_at
         FROM deadlines d
        WHERE d.status <> 'closed' AND ${condition.sql}
        ORDER BY d.due_at NULLS LAST, d.key`,
      condition.params,
    );
    return rows.map((r) => ({
      kind: r.kind as DeadlineKind,
      title: r.title as string,
      status: r.status as DigestRow['status'],
      dueAt: (r.due_at as Date | null) ?? null,
      yellowAt: (r.yellow_at as Date | null) ?? null,
      timeLimit: r.time_limit as DigestRow['timeLimit'],
    }));
  }
}
