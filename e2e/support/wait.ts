import type { Locator, Page } from 'playwright-core';

/**
 * Read models follow events, so a page may first show the state before: reload until `target`
 * shows (the live stream would refresh it too; a reload does not depend on it).
 */
export async function reloadUntilVisible(page: Page, target: Locator, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await target.first().waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await page.reload();
    }
  }
}
