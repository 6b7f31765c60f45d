import type { Page } from 'playwright-core';
import type { Role } from '@daiban/contracts';
import { AppShell } from './app-shell';
import { CasePage } from './case-page';
import { ItemPage } from './item-page';

/** A role that works on cases: the shell with the case page and the item page. */
export class CaseRolePages extends AppShell {
  readonly casePage: CasePage;
  readonly itemPage: ItemPage;

  constructor(page: Page, role: Role) {
    super(page, role);
    this.casePage = new CasePage(page);
    this.itemPage = new ItemPage(page);
  }
}
