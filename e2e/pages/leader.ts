import type { Locator, Page } from 'playwright-core';
import { waitingFor } from '../support/pending';
import { AppShell } from './app-shell';
import { reloadUntilVisible } from '../support/wait';

/** 领导: the cockpit (wt-ent) and the notifications of escalated items. */
export class LeaderPages extends AppShell {
  constructor(page: Page) {
    super(page, 'leader');
  }

  async expectHome(): Promise<void> {
    if (waitingFor(['leaderCockpit']).length) await this.expectPlaceholderHome();
    else await this.redLights.waitFor();
  }

  get redLights(): Locator {
    return this.page.getByTestId('leader-light-red');
  }

  get overdueTable(): Locator {
    return this.page.getByTestId('leader-overdue-table');
  }

  get countySwitch(): Locator {
    return this.page.getByTestId('leader-county-switch');
  }

  /** The overdue item shows red in the cockpit: counted among the red lights and listed as overdue. */
  async expectOverdueRed(itemName: string): Promise<void> {
    await reloadUntilVisible(this.page, this.overdueTable.getByRole('row').filter({ hasText: itemName }));
    await this.redLights.filter({ hasText: /[1-9]/ }).waitFor();
  }

  /** An urgent escalation about the item in the bell (reminder.escalate_* templates: 【超期…】「title」). */
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
