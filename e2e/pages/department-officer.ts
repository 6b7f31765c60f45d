import type { Page } from 'playwright-core';
import { landed } from '../support/pending';
import { CaseRolePages } from './case-roles';

/** 部门专办员: its department's items (wt-items: the officer's list home and the item page). */
export class DepartmentOfficerPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'department_officer');
  }

  async expectHome(): Promise<void> {
    if (landed('itemActions')) await this.page.getByTestId('item-filters').waitFor();
    else await this.expectPlaceholderHome();
  }
}
