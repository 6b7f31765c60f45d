import type { Locator, Page } from 'playwright-core';
import { reloadUntilVisible } from '../support/wait';
import { m } from './app-shell';
import { CaseRolePages } from './case-roles';

/** 代办员: the worklist home, the case page, the item page and its actions. */
export class AgentPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'agent');
  }

  async expectHome(): Promise<void> {
    await this.page.getByText(m.worklist.title).waitFor();
  }

  worklistRow(itemName: string, projectName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: itemName }).filter({ hasText: projectName });
  }

  /** Waits for the item in the worklist (it arrives with the assignment's event), reloading meanwhile. */
  async expectWorklistItem(itemName: string, projectName: string, light?: 'red' | 'yellow' | 'green') {
    const row = light
      ? this.worklistRow(itemName, projectName).filter({ hasText: m.lights[light] })
      : this.worklistRow(itemName, projectName);
    await reloadUntilVisible(this.page, row);
  }

  /** From a worklist row to the case: the project's name links to it (the item's name to the item page). */
  async openCaseFrom(itemName: string, projectName: string): Promise<void> {
    await this.worklistRow(itemName, projectName).getByRole('link', { name: projectName }).click();
    await this.casePage.expectOpen(projectName);
  }

  /** The item's name in the worklist opens the item page. */
  async openItemFrom(itemName: string, projectName: string): Promise<void> {
    await this.worklistRow(itemName, projectName).getByTestId('worklist-item-link').click();
    await this.itemPage.state.waitFor();
  }
}
