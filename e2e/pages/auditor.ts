import type { Page } from 'playwright-core';
import { AppShell } from './app-shell';

/** 审计督查: the audit log is its home. */
export class AuditorPages extends AppShell {
  constructor(page: Page) {
    super(page, 'auditor');
  }

  async expectHome(): Promise<void> {
    await this.page.getByTestId('audit-filters').waitFor();
  }
}
