import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell';

/** 系统管理员: the admin home's entries and the menu's `nav-<key>`. */
export class AdminPages extends AppShell {
  constructor(page: Page) {
    super(page, 'admin');
  }

  async expectHome(): Promise<void> {
    await this.page.locator('[data-testid^="admin-home-"]').first().waitFor();
  }

  nav(key: string): Locator {
    return this.page.getByTestId(`nav-${key}`);
  }
}
