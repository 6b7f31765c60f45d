import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CatalogItem, CatalogVersion } from '@daiban/contracts';

interface VersionRow {
  version: number;
  items: CatalogItem[];
  note: string | null;
  created_at: Date;
  created_by: string | null;
}

const toView = (row: VersionRow): CatalogVersion => ({
  version: row.version,
  items: row.items,
  note: row.note,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
});

@Injectable()
export class CatalogRepository {
  async current(manager: EntityManager): Promise<CatalogVersion> {
    const rows: VersionRow[] = await manager.query(
      `SELECT * FROM catalog_versions ORDER BY version DESC LIMIT 1`,
    );
    return toView(rows[0]);
  }

  async byVersion(manager: EntityManager, version: number): Promise<CatalogVersion | null> {
    const rows: VersionRow[] = await manager.query(`SELECT * FROM catalog_versions WHERE version = $1`, [
      version,
    ]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** Versions are append-only; the table lock makes two concurrent publishes take consecutive numbers. */
  async publish(
    manager: EntityManager,
    items: readonly CatalogItem[],
    note: string | null,
    userId: string,
  ): Promise<CatalogVersion> {
    await manager.query(`LOCK TABLE catalog_versions IN EXCLUSIVE MODE`);
    const rows: VersionRow[] = await manager.query(
      `INSERT INTO catalog_versions (version, items, note, created_by)
       SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3 FROM catalog_versions RETURNING *`,
      [JSON.stringify(items), note, userId],
    );
    return toView(rows[0]);
  }
}
