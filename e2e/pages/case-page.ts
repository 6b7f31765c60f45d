import type { Locator, Page } from 'playwright-core';
import type { ItemState } from '@daiban/contracts';
import { m } from './app-shell';

/** `/cases/:id` (web/src/pages/case-page.tsx): the case, its items by stage. */
export class CasePage {
  constructor(readonly page: Page) {}

  async expectOpen(projectName: string): Promise<void> {
    await this.page.getByText(m.casePage.title(projectName)).waitFor();
  }

  itemRow(itemName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: itemName });
  }

  async expectItemState(itemName: string, state: ItemState): Promise<void> {
    await this.itemRow(itemName).filter({ hasText: m.itemStates[state] }).waitFor();
  }

  async expectItemLight(itemName: string, light: 'red' | 'yellow' | 'green'): Promise<void> {
    await this.itemRow(itemName).filter({ hasText: m.lights[light] }).waitFor();
  }

  /** The item page: the item's name on the case page links to it. */
  async openItem(itemName: string): Promise<void> {
    await this.itemRow(itemName).getByRole('link', { name: itemName }).click();
  }

  /** The 台账 tab. */
  async openLedger(): Promise<Locator> {
    await this.page.getByTestId('case-tab-ledger').click();
    return this.page.getByTestId('case-ledger');
  }

  /** The 倒排工期 tab; its chart (ECharts) loads on first opening. */
  async openPlan(): Promise<Locator> {
    await this.page.getByTestId('case-tab-plan').click();
    return this.page.getByTestId('case-plan-chart');
  }
}
