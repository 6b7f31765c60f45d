import type { Locator, Page } from 'playwright-core';
import { m, uiName } from './app-shell';
import { CaseRolePages } from './case-roles';
import { reloadUntilVisible } from '../support/wait';

export interface NewProject {
  name: string;
  /** 万元 */
  totalInvestment: string;
  projectCode: string;
  industryChain: string;
}

/** 企业: 我的项目 (web/src/pages/enterprise-projects.tsx), the case page, and wt-ent's forms and timeline. */
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

  /** 全程代办: the project's row links to its case (the workflow opens it from the registry's event). */
  async expectInAgency(projectName: string): Promise<void> {
    await reloadUntilVisible(
      this.page,
      this.projectRow(projectName).getByRole('link', { name: m.projects.viewCase }),
    );
  }

  async openCase(projectName: string): Promise<void> {
    await this.projectRow(projectName).getByRole('link', { name: m.projects.viewCase }).click();
    await this.casePage.expectOpen(projectName);
  }

  /** wt-ent: `enterprise-new-project` opens the registration form. */
  async registerProject(project: NewProject): Promise<void> {
    await this.page.getByTestId('enterprise-new-project').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('项目名称').fill(project.name);
    await dialog.getByLabel(/总投资/).fill(project.totalInvestment);
    await dialog.getByLabel('项目代码').fill(project.projectCode);
    await dialog.getByLabel('产业链').click();
    await this.page.getByRole('option', { name: project.industryChain }).click();
    await dialog.getByRole('button', { name: uiName('提交') }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** wt-ent: `agreement-sign` on the case page signs the agency agreement for the chosen items. */
  async signAgreement(itemNames: readonly string[]): Promise<void> {
    await this.page.getByTestId('agreement-sign').click();
    const dialog = this.page.getByRole('dialog');
    for (const name of itemNames) await dialog.getByRole('checkbox', { name }).check();
    await dialog.getByRole('button', { name: uiName('签署') }).click();
    await this.page.getByText(/已签署/).waitFor();
  }

  /** wt-ent: the case's steps, newest last, as the enterprise sees them. */
  get timeline(): Locator {
    return this.page.getByTestId('enterprise-timeline');
  }

  async expectTimelineEntries(texts: readonly string[]): Promise<void> {
    for (const text of texts) await reloadUntilVisible(this.page, this.timeline.getByText(text));
  }
}
