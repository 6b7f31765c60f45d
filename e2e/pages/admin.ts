import type { Locator, Page } from 'playwright-core';
import { landed } from '../support/pending';
import { AppShell } from './app-shell';

/** 系统管理员: the admin home's entries and the menu's `nav-<key>` (wt-admin). */
export class AdminPages extends AppShell {
  constructor(page: Page) {
    super(page, 'admin');
  }

  async expectHome(): Promise<void> {
    if (landed('adminNav')) await this.page.locator('[data-testid^="admin-home-"]').first().waitFor();
    else await this.expectPlaceholderHome();
  }

  nav(key: string): Locator {
    return this.page.getByTestId(`nav-${key}`);
  }
}
