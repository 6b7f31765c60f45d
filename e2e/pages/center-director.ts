import type { Page } from 'playwright-core';
import { waitingFor } from '../support/pending';
import { uiName } from './app-shell';
import { CaseRolePages } from './case-roles';

/** 园区企业服务中心主任: the director board and the assign form (wt-case). */
export class CenterDirectorPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'center_director');
  }

  async expectHome(): Promise<void> {
    if (waitingFor(['directorAssign']).length) await this.expectPlaceholderHome();
  }

  /** On the case page: 分派代办员 opens the form; the agent is chosen by display name. */
  async assignAgent(caseId: string, agentName: string): Promise<void> {
    await this.page.goto(`/cases/${caseId}`);
    await this.page.getByRole('button', { name: uiName('分派代办员') }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('代办员').click();
    await this.page.getByRole('option', { name: agentName }).click();
    await dialog.getByRole('button', { name: uiName('确定') }).click();
    await this.page.getByText(agentName).first().waitFor();
  }
}
