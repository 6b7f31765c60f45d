import type { Page } from 'playwright-core';
import { AppShell } from './app-shell';

/** 审计督查: only the audit log (not built yet: its home is the placeholder). */
export class AuditorPages extends AppShell {
  constructor(page: Page) {
    super(page, 'auditor');
  }

  async expectHome(): Promise<void> {
    await this.expectPlaceholderHome();
  }
}
