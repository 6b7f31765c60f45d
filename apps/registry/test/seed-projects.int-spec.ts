import { projectRegistered, type ProjectSnapshot } from '@daiban/contracts';
import { seedSyntheticProjects } from '../src/seeding/synthetic-projects.seeder';
import { startRegistry, type RegistryHarness } from './registry-harness';

describe('synthetic project seeding (benchmark hook)', () => {
  let h: RegistryHarness;
  beforeAll(async () => {
    h = await startRegistry();
  });
  afterAll(async () => {
    await h?.close();
  });

  const options = {
    count: 2500,
    seed: 7,
    thresholds: { agencyWan: '10000', taskForceWan: '50000' },
    at: new Date('2026-01-05T01:00:00Z'),
  };

  it('loads N projects with one registration event each, deterministically, and a re-run adds nothing', async () => {
    expect(await seedSyntheticProjects(h.db, options)).toBe(2500);
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM projects`);
    expect(n).toBe(2500);
    const events: Array<{ envelope: { payload: { project: ProjectSnapshot } } }> = await h.db.query(
      `SELECT envelope FROM outbox WHERE subject = $1`,
      [projectRegistered.subject],
    );
    expect(events).toHaveLength(2500);
    for (const e of events.slice(0, 50)) projectRegistered.payload.parse(e.envelope.payload);
    const agency = events.filter((e) => e.envelope.payload.project.agencyRequired).length;
    expect(agency).toBeGreaterThan(0);
    const before = await h.db.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(await seedSyntheticProjects(h.db, options)).toBe(0);
    expect(await h.db.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual(before);
    const sample = await h.db.query(`SELECT id, total_investment::text FROM projects ORDER BY id LIMIT 3`);
    expect(sample).toHaveLength(3);
  });
});
