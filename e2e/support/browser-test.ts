import { E2eBrowser } from './browser';
import { PAGES, waitingFor, type PageKey } from './pending';

/** A step's own limit; jest's is a little longer so the failure screenshot is still taken. */
const STEP_TIMEOUT_MS = 45_000;

/** Opens one browser for the describe block it is called in, and closes it after. */
export function useBrowser(): () => E2eBrowser {
  let browser: E2eBrowser | undefined;
  beforeAll(async () => {
    browser = await E2eBrowser.launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser did not start (see beforeAll)');
    return browser;
  };
}

/**
 * A test that screenshots every open tab when it fails or runs out of time, into artifacts/e2e/.
 * Jest gives a timed-out test no chance to clean up, hence the step's own, shorter limit.
 */
export function browserTest(
  name: string,
  browser: () => E2eBrowser,
  body: () => Promise<void>,
  timeoutMs = STEP_TIMEOUT_MS,
): void {
  it(
    name,
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`step timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([body(), timedOut]);
      } catch (error) {
        const shots = await browser().screenshotAll(`${expect.getState().currentTestName ?? name}`);
        if (error instanceof Error && shots.length) error.message += `\nscreenshots: ${shots.join(', ')}`;
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    timeoutMs + 15_000,
  );
}

/**
 * A step whose page is still being built elsewhere (support/pending.ts): reported as skipped with
 * what it waits for. `viaApi` (optional) does the same step through the API meanwhile, as a test of
 * its own that says so, so the later steps of a flow still get their data.
 */
export function pageStep(
  name: string,
  needs: readonly PageKey[],
  browser: () => E2eBrowser,
  steps: { ui: () => Promise<void>; viaApi?: () => Promise<void> },
  timeoutMs?: number,
): void {
  const waiting = waitingFor(needs);
  if (!waiting.length) {
    browserTest(name, browser, steps.ui, timeoutMs);
    return;
  }
  const why = waiting.map((page) => PAGES[page]).join('; ');
  it.skip(`${name} — WAITING FOR ${why}`, steps.ui);
  if (steps.viaApi)
    browserTest(`${name} — via the API until that page lands`, browser, steps.viaApi, timeoutMs);
}
