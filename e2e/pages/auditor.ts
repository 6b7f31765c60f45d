import type { Page } from 'playwright-core';
import { landed } from '../support/pending';
import { AppShell } from './app-shell';

/** 审计督查: the audit log is its home (wt-admin). */
export class AuditorPages extends AppShell {
  constructor(page: Page) {
    super(page, 'auditor');
  }

  async expectHome(): Promise<void> {
    if (landed('auditLog')) await this.page.getByTestId('audit-filters').waitFor();
    else await this.expectPlaceholderHome();
  }
}
