/**
 * Pages of the flows (issue 8) by who builds them and the test ids they promised. The page objects in
 * e2e/pages/ already use these ids; a step that needs a page listed in NOT_YET is reported as skipped
 * with the reason. When a page lands in main, delete its key from NOT_YET (and adjust its page object
 * if the markup differs); `E2E_PENDING=none npm run test:e2e` runs every step regardless.
 */
export const PAGES = {
  enterpriseNewProject: 'wt-ent 企业新建项目 [data-testid=enterprise-new-project]',
  agreementSign: 'wt-ent 签署委托代办协议 [data-testid=agreement-sign]',
  enterpriseTimeline: 'wt-ent 办理进度时间轴 [data-testid=enterprise-timeline]',
  leaderCockpit:
    'wt-ent 领导驾驶舱 [data-testid=leader-light-red, leader-overdue-table, leader-county-switch]',
  directorAssign: 'wt-case 主任看板 / 分派代办员 [director assign form]',
  caseLedger: 'wt-case 代办件台账与倒排工期 [data-testid=case-tab-ledger, case-plan-chart]',
  itemActions:
    'wt-items 事项页与操作表单 [data-testid=item-action-<action>, item-action-form, item-action-submit, item-state]',
  adminNav: 'wt-admin 管理导航 [data-testid=nav-<key>]',
} as const;
export type PageKey = keyof typeof PAGES;

const NOT_YET: readonly PageKey[] = [
  'enterpriseNewProject',
  'agreementSign',
  'enterpriseTimeline',
  'leaderCockpit',
  'directorAssign',
  'caseLedger',
  'itemActions',
  'adminNav',
];

/** The pages among `needs` this branch does not have yet. */
export function waitingFor(needs: readonly PageKey[]): PageKey[] {
  if (process.env.E2E_PENDING === 'none') return [];
  return needs.filter((page) => NOT_YET.includes(page));
}
