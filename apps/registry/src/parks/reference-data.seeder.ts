import type { EntityManager, QueryRunner } from 'typeorm';
import { SEED_COUNTIES, SEED_PARKS } from './reference-data.constant';

/**
 * Inserts what is missing and never overwrites: re-running changes nothing, and an admin's later
 * edits to a seeded park survive. Returns how many rows it inserted.
 */
export async function seedReferenceData(db: QueryRunner | EntityManager): Promise<number> {
  let inserted = 0;
  for (const [i, c] of SEED_COUNTIES.entries()) {
    const rows: unknown[] = await db.query(
      `INSERT INTO counties (code, name, kind, sort_order) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [c.code, c.name, c.kind, i + 1],
    );
    inserted += rows.length;
  }
  for (const p of SEED_PARKS) {
    const rows: unknown[] = await db.query(
      `INSERT INTO parks (id, name, county_code, level, description, active, version)
       VALUES ($1, $2, $3, $4, NULLIF($5, ''), true, 1)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [p.id, p.name, p.countyCode, p.level, p.description],
    );
    inserted += rows.length;
  }
  return inserted;
}
