import type { Locator, Page } from 'playwright-core';
import { waitingFor } from '../support/pending';
import { AppShell } from './app-shell';

/** 系统管理员: the admin pages behind `nav-<key>` (wt-admin). */
export class AdminPages extends AppShell {
  constructor(page: Page) {
    super(page, 'admin');
  }

  async expectHome(): Promise<void> {
    if (waitingFor(['adminNav']).length) await this.expectPlaceholderHome();
    else await this.page.locator('[data-testid^="nav-"]').first().waitFor();
  }

  nav(key: string): Locator {
    return this.page.getByTestId(`nav-${key}`);
  }
}
