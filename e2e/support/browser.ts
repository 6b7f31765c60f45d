import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH, artifactPath, e2eBaseUrl } from './run-state';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/** Waits for the UI: long enough for a cold page on two busy cores, short enough to fail clearly. */
export const UI_TIMEOUT_MS = 15_000;

/**
 * One Chromium with a fresh profile for a test file. Each signed-in user gets a tab of its own: the
 * web app keeps its session in memory and sessionStorage, which are per tab.
 */
export class E2eBrowser {
  private readonly tabs = new Map<string, Page>();

  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<E2eBrowser> {
    const profileDir = mkdtempSync(join(tmpdir(), 'daiban-e2e-chromium-'));
    try {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_FLAGS,
        baseURL: e2eBaseUrl(),
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1366, height: 860 },
        timeout: 60_000,
      });
      context.setDefaultTimeout(UI_TIMEOUT_MS);
      return new E2eBrowser(context, profileDir);
    } catch (error) {
      rmSync(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The tab named `key`, opened on first use. */
  async tab(key: string): Promise<Page> {
    const open = this.tabs.get(key);
    if (open && !open.isClosed()) return open;
    const page = await this.context.newPage();
    this.tabs.set(key, page);
    return page;
  }

  async closeTab(key: string): Promise<void> {
    await this.tabs.get(key)?.close();
    this.tabs.delete(key);
  }

  /** A screenshot of every open tab, named after the test that failed. */
  async screenshotAll(prefix: string): Promise<string[]> {
    const saved: string[] = [];
    for (const [key, page] of this.tabs) {
      if (page.isClosed()) continue;
      const path = artifactPath(`FAILED-${prefix}-${key}`);
      await page.screenshot({ path, fullPage: true, timeout: 5_000 }).then(
        () => saved.push(path),
        () => undefined,
      );
    }
    return saved;
  }

  async close(): Promise<void> {
    this.tabs.clear();
    await this.context.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
