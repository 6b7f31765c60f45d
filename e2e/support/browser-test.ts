import { E2eBrowser } from './browser';

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
