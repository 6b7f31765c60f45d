import type { Page } from 'playwright-core';
import { CaseRolePages } from './case-roles';

/** 部门专办员: its department's items: the officer's list home and the item page. */
export class DepartmentOfficerPages extends CaseRolePages {
  constructor(page: Page) {
    super(page, 'department_officer');
  }

  async expectHome(): Promise<void> {
    await this.page.getByTestId('item-filters').waitFor();
  }
}
