import type { Locator, Page } from 'playwright-core';
import type { CaseState, ItemState } from '@daiban/contracts';
import { reloadUntilVisible } from '../support/wait';
import { chooseOption, m, searchOption } from './app-shell';
import { CaseRolePages } from './case-roles';

export interface NewProject {
  name: string;
  /** 万元 */
  totalInvestment: string;
  projectCode: string;
  industryChain: string;
  /** Typed into the park select to find it. */
  parkName: string;
}

/** 企业: 我的项目, the registration form, the project page (agreement, timeline). */
export class EnterprisePages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'enterprise');
  }

  async expectHome(): Promise<void> {
    await this.page.getByText(m.projects.title).waitFor();
  }

  projectRow(name: string): Locator {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  /**
   * 全程代办: the project's row leads to its progress and no longer says "暂未开启全程代办" (the
   * workflow opens the case from the registry's event, a moment after the registration).
   */
  async expectInAgency(projectName: string): Promise<void> {
    const row = this.projectRow(projectName).filter({ hasNotText: m.projects.noCase });
    await reloadUntilVisible(this.page, row.getByRole('link', { name: m.projects.viewCase }));
  }

  /** 查看办理进度 opens the project page (`/my/projects/:id`). */
  async openProgress(projectName: string): Promise<void> {
    await this.projectRow(projectName).getByRole('link', { name: m.projects.viewCase }).click();
    await this.expectProgressOpen(projectName);
  }

  async expectProgressOpen(projectName: string): Promise<void> {
    await this.page.getByTestId('case-state').waitFor();
    await this.page.getByText(projectName).first().waitFor();
  }

  /** `enterprise-new-project` opens `/my/projects/new`. */
  async registerProject(project: NewProject): Promise<void> {
    await this.page.getByTestId('enterprise-new-project').click();
    await this.page.waitForURL('**/my/projects/new');
    const form = this.page.getByTestId('enterprise-register-form');
    await form.getByTestId('register-name').fill(project.name);
    await form.getByTestId('register-project-code').fill(project.projectCode);
    await form.getByTestId('register-investment').fill(project.totalInvestment);
    await searchOption(this.page, form.getByTestId('register-park'), project.parkName);
    await chooseOption(this.page, form.getByTestId('register-chain'), project.industryChain);
    await form.getByTestId('enterprise-register-submit').click();
    await this.page.getByTestId('enterprise-agency-included').waitFor();
  }

  /** The project page, where the agreement is signed and the timeline shown. */
  async gotoProject(projectId: string): Promise<void> {
    await this.page.goto(`/my/projects/${projectId}`);
    await this.page.getByTestId('case-state').waitFor();
  }

  /** The case's state on the project page (reloading while the workflow's events catch up). */
  async expectCaseState(state: CaseState): Promise<void> {
    await reloadUntilVisible(
      this.page,
      this.page.locator(`[data-testid="case-state"][data-state="${state}"]`),
    );
  }

  async signAgreement(): Promise<void> {
    await this.page.getByTestId('agreement-sign').click();
    await this.page.getByTestId('agreement-signed').waitFor();
  }

  /** The item's entry on the timeline shows `state` (reloading while events catch up). */
  async expectTimelineState(itemId: string, state: ItemState): Promise<void> {
    const entry = this.page
      .getByTestId('enterprise-timeline')
      .locator(`[data-testid="timeline-entry"][data-item-id="${itemId}"][data-state="${state}"]`);
    await reloadUntilVisible(this.page, entry);
  }
}
