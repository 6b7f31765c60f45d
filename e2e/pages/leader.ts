import type { Locator, Page } from 'playwright-core';
import { reloadUntilVisible } from '../support/wait';
import { AppShell } from './app-shell';

/** 领导: the cockpit and the notifications of escalated items. */
export class LeaderPages extends AppShell {
  constructor(page: Page) {
    super(page, 'leader');
  }

  async expectHome(): Promise<void> {
    await this.page.getByTestId('leader-cockpit').waitFor();
  }

  get redLights(): Locator {
    return this.page.getByTestId('leader-light-red');
  }

  get countySwitch(): Locator {
    return this.page.getByTestId('leader-county-switch');
  }

  /** The project's overdue item shows red: a red row in the overdue table, and red lights counted. */
  async expectOverdueRed(projectName: string): Promise<void> {
    const row = this.page
      .getByTestId('leader-overdue-table')
      .locator('[data-testid="leader-overdue-row"][data-light="red"]')
      .filter({ hasText: projectName });
    await reloadUntilVisible(this.page, row);
    await this.redLights.filter({ hasText: /[1-9]/ }).waitFor();
  }

  /** An urgent escalation about the item in the bell (reminder.* templates: 【…超期…】「title」). */
  async expectEscalationNotice(itemName: string): Promise<Locator> {
    const deadline = performance.now() + 20_000;
    for (;;) {
      const rows = await this.openNotifications();
      const hit = rows.filter({ hasText: /超期/ }).filter({ hasText: itemName });
      if (await hit.count()) return hit.first();
      if (performance.now() > deadline) throw new Error(`no escalation about ${itemName} in the bell`);
      await this.closeNotifications();
      await this.page.reload();
      await this.expectSignedIn();
    }
  }
}
