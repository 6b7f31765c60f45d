/**
 * Pages of the flows (issue 8) by the worktree building them and the test ids they use (read from
 * those worktrees on 2026-11-27). The page objects in e2e/pages/ already use these ids; a step that
 * needs a page listed in NOT_YET is reported as skipped with the reason. When a page lands in main,
 * delete its key from NOT_YET (and adjust its page object if the markup changed meanwhile).
 * `E2E_PENDING=none` runs every step regardless; `E2E_LANDED=itemActions,caseLedger` runs those
 * (with `E2E_STACK_ROOT` naming a built checkout of the branch that has them).
 */
export const PAGES = {
  enterpriseNewProject:
    'wt-ent /my/projects/new [enterprise-new-project, enterprise-register-form, register-name, register-project-code, register-investment, register-park, register-chain, enterprise-register-submit, enterprise-agency-included]',
  agreementSign: 'wt-ent /my/projects/:id [agreement-sign, agreement-signed]',
  enterpriseTimeline:
    'wt-ent /my/projects/:id [enterprise-timeline, timeline-entry[data-item-id][data-state]]',
  leaderCockpit:
    'wt-ent 领导驾驶舱 [leader-cockpit, leader-light-red, leader-overdue-table, leader-overdue-row]',
  directorAssign:
    'wt-case 园区看板 [director-board, director-assign-<caseId>, assign-agent-form, assign-agent-select, assign-agent-submit]',
  caseLedger: 'wt-case 代办件 tabs [case-tab-ledger, case-ledger, case-tab-plan, case-plan]',
  itemActions:
    'wt-items /items/:id [worklist-item-link, item-action-<action>, item-action-form, item-action-submit, item-state[data-state]]',
  adminNav: 'wt-admin 管理首页 [admin-home-<key>, nav-<key>]',
  auditLog: 'wt-admin 审计日志 [audit-filters]',
} as const;
export type PageKey = keyof typeof PAGES;

const NOT_YET: readonly PageKey[] = ['directorAssign'];

/** The pages among `needs` this branch does not have yet. */
export function waitingFor(needs: readonly PageKey[]): PageKey[] {
  if (process.env.E2E_PENDING === 'none') return [];
  const landedHere = (process.env.E2E_LANDED ?? '').split(',');
  return needs.filter((page) => NOT_YET.includes(page) && !landedHere.includes(page));
}

/** Whether this branch has the page: page objects pick the markup of before or after it landed. */
export const landed = (page: PageKey): boolean => waitingFor([page]).length === 0;
