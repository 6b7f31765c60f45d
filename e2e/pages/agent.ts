import type { Locator, Page } from 'playwright-core';
import { m } from './app-shell';
import { CaseRolePages } from './case-roles';
import { reloadUntilVisible } from '../support/wait';

/** 代办员: the worklist home (web/src/pages/agent-worklist.tsx), the case page, the item actions. */
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

  async openCaseFrom(itemName: string, projectName: string): Promise<void> {
    await this.worklistRow(itemName, projectName).getByRole('link', { name: itemName }).click();
    await this.casePage.expectOpen(projectName);
  }
}
