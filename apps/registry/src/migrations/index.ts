import { RegistryTables1764300000000 } from './1764300000000-registry-tables.migration';
import { SeedReferenceData1764300000001 } from './1764300000001-seed-reference-data.migration';

/** Registry's own migrations, in order (the messaging tables come first, from libs/messaging). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const REGISTRY_MIGRATIONS: Function[] = [RegistryTables1764300000000, SeedReferenceData1764300000001];
