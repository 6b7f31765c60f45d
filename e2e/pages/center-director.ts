import type { Page } from 'playwright-core';
import { reloadUntilVisible } from '../support/wait';
import { searchOption } from './app-shell';
import { CaseRolePages } from './case-roles';

/** 园区企业服务中心主任: the park board (its home) with the park's cases and the assign form. */
export class CenterDirectorPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'center_director');
  }

  async expectHome(): Promise<void> {
    await this.page.getByTestId('director-board').waitFor();
    await this.page.getByTestId('director-summary').waitFor();
  }

  /**
   * On the board's case list (newest first) 分派 opens the form in a dialog; the agent is found by
   * typing its name into the select, which filters the park's agents by their label.
   */
  async assignAgent(caseId: string, agentName: string): Promise<void> {
    await this.goHome();
    await this.page.getByTestId('director-tab-cases').click();
    // The case becomes assignable with the agreement, which the board's list follows.
    await reloadUntilVisible(this.page, this.page.getByTestId(`director-assign-${caseId}`));
    await this.page.getByTestId(`director-assign-${caseId}`).click();
    const form = this.page.getByTestId('assign-agent-form');
    await searchOption(this.page, form.getByTestId('assign-agent-select'), agentName);
    await form.getByTestId('assign-agent-submit').click();
    await form.waitFor({ state: 'hidden' });
  }
}
