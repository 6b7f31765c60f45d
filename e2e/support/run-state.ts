import { join } from 'node:path';
// Relative imports only: the global setup loads this without jest's moduleNameMapper.
import { ROOT } from '../../libs/testing/src/built-stack';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser downloads are not reachable. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (git-ignored); CI keeps the folder as the run's evidence. */
export const ARTIFACTS_DIR = join(ROOT, 'artifacts', 'e2e');

/** Set by the global setup once the stack answers; read by every browser test. */
export const E2E_ENV = {
  baseUrl: 'E2E_BASE_URL',
  databaseUrl: 'E2E_DATABASE_URL',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npm run test:e2e\``);
  return value;
}

export const e2eBaseUrl = () => required(E2E_ENV.baseUrl);
export const e2eDatabaseUrl = () => required(E2E_ENV.databaseUrl);

/** Screenshot file names: readable, and safe on any file system. */
export function artifactPath(name: string): string {
  const safe = name
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return join(ARTIFACTS_DIR, `${safe}.png`);
}
