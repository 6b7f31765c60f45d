import type { MigrationInterface, QueryRunner } from 'typeorm';
import { seedReferenceData } from '../parks/reference-data.seeder';

/** Counties, zones and parks of 湛江; the seeder only inserts what is missing. */
export class SeedReferenceData1764300000001 implements MigrationInterface {
  name = 'SeedReferenceData1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await seedReferenceData(q);
  }

  async down(): Promise<void> {
    // Reference rows may already be referenced by projects; removing them is never safe.
  }
}
