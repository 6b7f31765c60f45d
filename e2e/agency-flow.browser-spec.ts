import type { CaseView, ItemAction, ItemState, ItemView, Role } from '@daiban/contracts';
import { AgentPages } from './pages/agent';
import { m } from './pages/app-shell';
import { CenterDirectorPages } from './pages/center-director';
import { DepartmentOfficerPages } from './pages/department-officer';
import { EnterprisePages } from './pages/enterprise';
import type { ActionField } from './pages/item-page';
import { demoUser } from './support/api';
import { browserTest, useBrowser } from './support/browser-test';
import { FlowUsers } from './support/flow-data';

/** Over 1亿 (万元), so the registry marks it agencyRequired and the workflow opens its case. */
const PROJECT = {
  name: 'E2E 年产5万吨海洋生物制品项目',
  totalInvestment: '26000',
  projectCode: '2026-440803-30-03-000702',
  industryChain: '先进材料',
  parkName: '霞山临港',
};
/** 企业投资项目备案 (发改 fgj): the demo department officer's department, no prerequisites. */
const ITEM_CODE = 'investment_filing';

interface Step {
  role: Extract<Role, 'agent' | 'department_officer'>;
  action: ItemAction;
  then: ItemState;
  /** The action form's fields, by their labels (apps/web/src/i18n/items.ts). */
  fields: ActionField[];
}

const STEPS: Step[] = [
  { role: 'agent', action: 'prepare', then: 'preparing', fields: [] },
  { role: 'agent', action: 'submit', then: 'submitted', fields: [] },
  {
    role: 'department_officer',
    action: 'request_correction',
    then: 'correction_requested',
    fields: [{ label: '需补正的材料（一次性告知）', value: '项目备案申请表（加盖公章）' }],
  },
  { role: 'agent', action: 'submit', then: 'submitted', fields: [] },
  { role: 'department_officer', action: 'accept', then: 'accepted', fields: [] },
  {
    role: 'department_officer',
    action: 'approve',
    then: 'approved',
    fields: [
      { label: '批准文号 / 证照编号', value: '湛发改备〔2026〕702号' },
      { label: '出件方式', value: '部门出件', kind: 'radio' },
    ],
  },
  { role: 'agent', action: 'collect_result', then: 'result_collected', fields: [] },
  {
    role: 'agent',
    action: 'hand_over',
    then: 'handed_over',
    fields: [{ label: '企业签收单编号', value: 'E2E-HO-702' }],
  },
];

describe('全程代办: registration → assignment → one item from submission to hand-over', () => {
  const browser = useBrowser();
  const users = new FlowUsers();
  let projectId = '';
  let kase: CaseView;
  let item: ItemView;

  browserTest('the enterprise registers a project over 1亿', browser, async () => {
    const enterprise = new EnterprisePages(await browser().tab('enterprise'));
    await enterprise.signIn('/');
    await enterprise.registerProject(PROJECT);
    projectId = (await users.projectByName(PROJECT.name)).projectId;
  });

  browserTest(
    'the project enters 全程代办: 我的项目 links to its project page, awaiting the agreement',
    browser,
    async () => {
      kase = await users.caseOf(projectId);
      expect(kase.agencyRequired).toBe(true);
      const enterprise = new EnterprisePages(await browser().tab('enterprise'));
      await enterprise.goHome();
      await enterprise.expectInAgency(PROJECT.name);
      await enterprise.openProgress(PROJECT.name);
      expect(new URL(enterprise.page.url()).pathname).toBe(`/my/projects/${projectId}`);
      await enterprise.expectCaseState('awaiting_agreement');
    },
  );

  // The page signs for the whole catalog, the flow's item among it.
  browserTest('the enterprise signs the agency agreement', browser, async () => {
    const enterprise = new EnterprisePages(await browser().tab('enterprise'));
    await enterprise.gotoProject(projectId);
    await enterprise.signAgreement();
    await enterprise.expectCaseState('agreement_signed');
  });

  browserTest('the director assigns the agent on the park board', browser, async () => {
    const director = new CenterDirectorPages(await browser().tab('director'));
    await director.signIn('/');
    await director.assignAgent(kase.id, demoUser('agent').displayName);
  });

  browserTest("the item is in the agent's worklist and opens the case", browser, async () => {
    kase = await (await users.as('agent')).get<CaseView>(`/cases/${kase.id}`);
    expect(kase.agentUserId).toBe(await users.userId('agent'));
    item = kase.items.find((i) => i.catalogCode === ITEM_CODE)!;
    expect(item).toBeDefined();
    const agent = new AgentPages(await browser().tab('agent'));
    await agent.signIn('/');
    await agent.expectWorklistItem(item.name, PROJECT.name);
    await agent.openCaseFrom(item.name, PROJECT.name);
    await agent.casePage.expectItemState(item.name, 'not_started');
  });

  for (const [index, step] of STEPS.entries()) {
    const label = `${index + 1}. ${m.roles[step.role]} ${step.action} → ${m.itemStates[step.then]}`;
    browserTest(label, browser, async () => {
      if (step.role === 'agent') {
        const agent = new AgentPages(await browser().tab('agent'));
        await agent.page.goto(`/cases/${kase.id}`);
        await agent.casePage.openItem(item.name);
        await agent.itemPage.act(step.action, step.fields, step.then);
      } else {
        const officer = new DepartmentOfficerPages(await browser().tab('officer'));
        if (!(await officer.headerUser.isVisible())) await officer.signIn('/');
        await officer.itemPage.goto(item.id);
        await officer.itemPage.act(step.action, step.fields, step.then);
      }
    });

    browserTest(
      `${index + 1}. the enterprise sees ${m.itemStates[step.then]} on its case page`,
      browser,
      async () => {
        const enterprise = new EnterprisePages(await browser().tab('enterprise'));
        await enterprise.page.goto(`/cases/${kase.id}`);
        await enterprise.casePage.expectOpen(PROJECT.name);
        await enterprise.casePage.expectItemState(item.name, step.then);
      },
    );

    browserTest(`${index + 1}. the enterprise sees it on its timeline`, browser, async () => {
      const enterprise = new EnterprisePages(await browser().tab('enterprise'));
      await enterprise.gotoProject(projectId);
      await enterprise.expectTimelineState(item.id, step.then);
    });
  }

  browserTest('the case ledger (台账) records the item, and the plan (倒排工期) shows', browser, async () => {
    const agent = new AgentPages(await browser().tab('agent'));
    await agent.page.goto(`/cases/${kase.id}`);
    const ledger = await agent.casePage.openLedger();
    await ledger.getByRole('row').filter({ hasText: item.name }).first().waitFor();
    await (await agent.casePage.openPlan()).waitFor();
    await agent.screenshot('case-ledger-and-plan');
  });
});
