import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
// Relative imports only: jest loads global setups without its moduleNameMapper.
import { APPS, ROOT, runNode, startBuiltStack, type BuiltStack } from '../libs/testing/src/built-stack';
import testingGlobalSetup from '../libs/testing/src/global-setup';
import { testNames } from '../libs/testing/src/test-names';
import { ARTIFACTS_DIR, CHROMIUM_PATH, E2E_ENV } from './support/run-state';

/** The whole run (stack start, seed, every browser test, teardown) is cut off after this. */
const RUN_LIMIT_MS = Number(process.env.E2E_RUN_LIMIT_S ?? 480) * 1000;

export interface E2eRun {
  stack: BuiltStack;
  watchdog: NodeJS.Timeout;
}

/** Jest runs the global setup and teardown in one process: the run passes between them here. */
export const runSlot = globalThis as typeof globalThis & { daibanE2eRun?: E2eRun };

const BUILT = [
  ...APPS.map((app) => `dist/apps/${app}/src/main.js`),
  'dist/scripts/provision.js',
  'dist/scripts/seed-demo.js',
  'apps/web/dist/index.html',
];

/** Another checkout whose built stack to test (`npm run build && npm run build:web` there), to align
 * the page objects with a branch before it lands; this repository by default. */
const STACK_ROOT = process.env.E2E_STACK_ROOT ?? ROOT;

/** Free ports are picked before the apps bind them, so another process may take one meanwhile. */
async function startStack(): Promise<BuiltStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startBuiltStack({
        root: STACK_ROOT,
        names: testNames(),
        env: {
          NODE_ENV: 'test',
          // Every test signs in through the login form, from 127.0.0.1.
          LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
          API_RATE_LIMIT_PER_MINUTE: '100000',
        },
      });
    } catch (error) {
      if (attempt < 3 && String(error).includes('EADDRINUSE')) continue;
      throw error;
    }
  }
}

/**
 * Starts the five built apps (serving the built web app) on a private database, event namespace,
 * BullMQ prefix and free ports, and seeds the demo users the tests sign in as.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  const missing = BUILT.filter((file) => !existsSync(join(STACK_ROOT, file)));
  if (missing.length)
    throw new Error(`missing ${missing.join(', ')}: run \`npm run build && npm run build:web\` first`);
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await testingGlobalSetup();
  const stack = await startStack();
  const watchdog = setTimeout(() => {
    process.stderr.write(`\ne2e: the run exceeded ${RUN_LIMIT_MS / 1000} s; stopping the stack\n`);
    void stack.stop().finally(() => process.exit(1));
  }, RUN_LIMIT_MS);
  runSlot.daibanE2eRun = { stack, watchdog };
  try {
    await runNode([join(STACK_ROOT, 'dist/scripts/seed-demo.js')], stack.env, 120_000);
  } catch (error) {
    clearTimeout(watchdog);
    await stack.stop();
    throw error;
  }
  process.env[E2E_ENV.baseUrl] = stack.baseUrl;
  process.env[E2E_ENV.databaseUrl] = stack.env.DATABASE_URL;
  process.stdout.write(
    `\ne2e: stack ready at ${stack.baseUrl} in ${(stack.coldStartMs / 1000).toFixed(1)} s\n`,
  );
}
