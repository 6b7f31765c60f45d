import type { Page } from 'playwright-core';
import { waitingFor } from '../support/pending';
import { CaseRolePages } from './case-roles';

/** 部门专办员: its department's items; acts on them through the item page (wt-items). */
export class DepartmentOfficerPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'department_officer');
  }

  async expectHome(): Promise<void> {
    if (waitingFor(['itemActions']).length) await this.expectPlaceholderHome();
  }

  async gotoItem(itemId: string): Promise<void> {
    await this.page.goto(`/items/${itemId}`);
    await this.itemPage.state.waitFor();
  }
}
