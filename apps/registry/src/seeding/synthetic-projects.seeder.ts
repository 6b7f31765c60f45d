import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  INDUSTRY_CHAINS,
  creditCodeCheckChar,
  enterpriseRegistered,
  projectRegistered,
  type EventDefinition,
} from '@daiban/contracts';
import { SEED_PARKS } from '../parks/reference-data.constant';
import { toSnapshot, type ProjectRow } from '../projects/project-row.mapper';
import { deriveFlags, type Thresholds } from '../projects/project-rules.util';

/** A uuid-shaped id from a name: re-running a seed produces the same rows and events, so it inserts nothing new. */
function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** mulberry32: small, fast and the same on every machine for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  count: number;
  seed: number;
  thresholds: Thresholds;
  /** The instant written as created/occurred; benchmarks pass a fixed one for reproducible data. */
  at: Date;
  batchSize?: number;
}

function envelope(def: EventDefinition, id: string, aggregateId: string, at: Date, payload: unknown) {
  return {
    id,
    type: def.type,
    version: def.version,
    occurredAt: at.toISOString(),
    aggregateId,
    aggregateVersion: 1,
    actor: { userId: null, role: 'system' },
    correlationId: 'seed',
    causationId: null,
    payload: def.payload.parse(payload),
  };
}

/**
 * Loads `count` synthetic projects (one enterprise per 10) with their registration events, in batched
 * multi-row inserts, one transaction per batch. Deterministic for a seed; a re-run inserts nothing.
 * Returns how many projects it inserted.
 */
export async function seedSyntheticProjects(db: DataSource, options: SeedOptions): Promise<number> {
  const random = prng(options.seed);
  const batchSize = options.batchSize ?? 1000;
  const counties = new Map(SEED_PARKS.map((p) => [p.id, p.countyCode]));
  let inserted = 0;
  for (let start = 0; start < options.count; start += batchSize) {
    const end = Math.min(options.count, start + batchSize);
    const enterprises: unknown[][] = [];
    const projects: ProjectRow[] = [];
    for (let i = start; i < end; i++) {
      const enterpriseIndex = Math.floor(i / 10);
      const enterpriseId = stableUuid(`seed:${options.seed}:enterprise:${enterpriseIndex}`);
      const park = SEED_PARKS[Math.floor(random() * SEED_PARKS.length)];
      if (i % 10 === 0 || i === start) {
        const body = `91440800${String(options.seed % 1000).padStart(3, '0')}${String(enterpriseIndex).padStart(6, '0')}`;
        const code = `${body}${creditCodeCheckChar(body)}`;
        enterprises.push([enterpriseId, `合成企业${options.seed}-${enterpriseIndex}有限公司`, code, park.id]);
      }
      // Log-uniform between 100 and 2,000,000 万元 so every pipeline tier is populated.
      const cents = Math.round(Math.exp(Math.log(100) + random() * Math.log(20000)) * 100);
      const totalInvestment = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      const flags = deriveFlags(totalInvestment, options.thresholds);
      projects.push({
        id: stableUuid(`seed:${options.seed}:project:${i}`),
        version: 1,
        name: `合成项目${options.seed}-${i}`,
        project_code: null,
        enterprise_id: enterpriseId,
        enterprise_name: '',
        park_id: park.id,
        park_name: '',
        county_code: counties.get(park.id)!,
        county_name: '',
        total_investment: totalInvestment,
        industry_chain: INDUSTRY_CHAINS[Math.floor(random() * INDUSTRY_CHAINS.length)],
        stage: random() < 0.2 ? 'pipeline' : 'signed',
        status: 'preparing',
        agency_required: flags.agencyRequired,
        task_force_required: flags.taskForceRequired,
        major: flags.taskForceRequired,
        green_channel: random() < 0.1,
        planned_signed_on: null,
        planned_land_acquired_on: null,
        planned_construction_start_on: null,
        planned_production_start_on: null,
        service_tier: null,
        responsible_user_id: null,
        responsible_department_code: null,
        description: null,
        attributes: {},
        created_at: options.at,
        updated_at: options.at,
      });
    }
    inserted += await db.transaction(async (m) => {
      const newEnterprises: Array<{ id: string; name: string; credit_code: string }> = await m.query(
        `INSERT INTO enterprises (id, name, credit_code, legal_representative, home_park_id, contacts, version, created_by,
           created_at, updated_at)
         SELECT id, name, code, '合成法人', park, '[]', 1, 'seed', $5, $5
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(id, name, code, park)
         ON CONFLICT DO NOTHING RETURNING id, name, credit_code`,
        [0, 1, 2, 3].map((k) => enterprises.map((e) => e[k])).concat([options.at] as never),
      );
      const newProjects: Array<{ id: string }> = await m.query(
        `INSERT INTO projects (id, version, name, enterprise_id, park_id, county_code, total_investment, industry_chain,
           stage, status, agency_required, task_force_required, major, green_channel, attributes, created_by,
           created_at, updated_at)
         SELECT id, 1, name, ent, park, county, inv, chain, stage, 'preparing', agency, tf, tf, green, '{}', 'seed', $12, $12
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[],
             $8::text[], $9::boolean[], $10::boolean[], $11::boolean[])
             AS t(id, name, ent, park, county, inv, chain, stage, agency, tf, green)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          projects.map((p) => p.id),
          projects.map((p) => p.name),
          projects.map((p) => p.enterprise_id),
          projects.map((p) => p.park_id),
          projects.map((p) => p.county_code),
          projects.map((p) => p.total_investment),
          projects.map((p) => p.industry_chain),
          projects.map((p) => p.stage),
          projects.map((p) => p.agency_required),
          projects.map((p) => p.task_force_required),
          projects.map((p) => p.green_channel),
          options.at,
        ],
      );
      const fresh = new Set(newProjects.map((p) => p.id));
      const events = [
        ...newEnterprises.map((e) =>
          envelope(enterpriseRegistered, stableUuid(`event:${e.id}`), e.id, options.at, {
            enterpriseId: e.id,
            name: e.name,
            creditCode: e.credit_code,
            version: 1,
          }),
        ),
        ...projects
          .filter((p) => fresh.has(p.id))
          .map((p) =>
            envelope(projectRegistered, stableUuid(`event:${p.id}`), p.id, options.at, {
              project: toSnapshot(p),
            }),
          ),
      ];
      if (events.length) {
        await m.query(
          `INSERT INTO outbox (id, subject, envelope)
           SELECT id, subject, envelope FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS t(id, subject, envelope)
           ON CONFLICT DO NOTHING`,
          [
            events.map((e) => e.id),
            events.map((e) => `${e.type}.v${e.version}`),
            events.map((e) => JSON.stringify(e)),
          ],
        );
      }
      return newProjects.length;
    });
  }
  return inserted;
}
