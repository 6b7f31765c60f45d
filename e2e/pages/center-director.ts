import type { Page } from 'playwright-core';
import { landed } from '../support/pending';
import { CaseRolePages } from './case-roles';

/** 园区企业服务中心主任: the park board with its cases and the assign form (wt-case). */
export class CenterDirectorPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'center_director');
  }

  async expectHome(): Promise<void> {
    if (landed('directorAssign')) await this.page.getByTestId('director-summary').waitFor();
    else await this.expectPlaceholderHome();
  }

  /** On the board's case list: 分派 opens the form; the agent is found by typing its name. */
  async assignAgent(caseId: string, agentName: string): Promise<void> {
    await this.goHome();
    await this.page.getByTestId('director-tab-cases').click();
    await this.page.getByTestId(`director-assign-${caseId}`).click();
    const form = this.page.getByTestId('assign-agent-form');
    await form.getByTestId('assign-agent-select').click();
    await this.page.keyboard.type(agentName);
    await this.page.keyboard.press('Enter');
    await form.getByTestId('assign-agent-submit').click();
    await form.waitFor({ state: 'hidden' });
  }
}
