import type { CaseView, ItemAction, ItemState, ItemView, Role } from '@daiban/contracts';
import { shanghaiDateOf } from '@daiban/calendar';
import { DEMO_PLACES } from '../apps/gateway/src/identity/demo-seed';
import { AgentPages } from './pages/agent';
import { m } from './pages/app-shell';
import { CenterDirectorPages } from './pages/center-director';
import { DepartmentOfficerPages } from './pages/department-officer';
import { EnterprisePages } from './pages/enterprise';
import type { ActionField } from './pages/item-page';
import { demoUser } from './support/api';
import { browserTest, pageStep, useBrowser } from './support/browser-test';
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
  /** The action's API body beyond `action` (contracts: itemActionRequestSchema). */
  body: Record<string, unknown>;
  /** The same in the item page's form (wt-items' labels, apps/web/src/i18n/items.ts there). */
  fields: ActionField[];
}

const STEPS: Step[] = [
  { role: 'agent', action: 'prepare', then: 'preparing', body: {}, fields: [] },
  { role: 'agent', action: 'submit', then: 'submitted', body: {}, fields: [] },
  {
    role: 'department_officer',
    action: 'request_correction',
    then: 'correction_requested',
    body: { materials: ['项目备案申请表（加盖公章）'] },
    fields: [{ label: '需补正的材料（一次性告知）', value: '项目备案申请表（加盖公章）' }],
  },
  { role: 'agent', action: 'submit', then: 'submitted', body: {}, fields: [] },
  { role: 'department_officer', action: 'accept', then: 'accepted', body: {}, fields: [] },
  {
    role: 'department_officer',
    action: 'approve',
    then: 'approved',
    body: { resultDocNo: '湛发改备〔2026〕702号', issuedVia: 'department' },
    fields: [
      { label: '批准文号 / 证照编号', value: '湛发改备〔2026〕702号' },
      { label: '出件方式', value: '部门出件', kind: 'radio' },
    ],
  },
  { role: 'agent', action: 'collect_result', then: 'result_collected', body: {}, fields: [] },
  {
    role: 'agent',
    action: 'hand_over',
    then: 'handed_over',
    body: { receiptNo: 'E2E-HO-702' },
    fields: [{ label: '企业签收单编号', value: 'E2E-HO-702' }],
  },
];

describe('全程代办: registration → assignment → one item from submission to hand-over', () => {
  const browser = useBrowser();
  const users = new FlowUsers();
  let projectId = '';
  let kase: CaseView;
  let item: ItemView;

  pageStep('the enterprise registers a project over 1亿', ['enterpriseNewProject'], browser, {
    ui: async () => {
      const enterprise = new EnterprisePages(await browser().tab('enterprise'));
      await enterprise.signIn('/');
      await enterprise.registerProject(PROJECT);
      projectId = (await users.projectByName(PROJECT.name)).projectId;
    },
    viaApi: async () => {
      const enterprise = await users.as('enterprise');
      const project = await enterprise.post<{ projectId: string; agencyRequired: boolean }>('/projects', {
        name: PROJECT.name,
        enterpriseId: await users.enterpriseId(),
        parkId: DEMO_PLACES.xiashanPark,
        totalInvestment: PROJECT.totalInvestment,
        industryChain: PROJECT.industryChain,
        projectCode: PROJECT.projectCode,
      });
      expect(project.agencyRequired).toBe(true);
      projectId = project.projectId;
    },
  });

  browserTest(
    'the project enters 全程代办: 我的项目 links to its case, awaiting the agreement',
    browser,
    async () => {
      kase = await users.caseOf(projectId);
      expect(kase.agencyRequired).toBe(true);
      const enterprise = new EnterprisePages(await browser().tab('enterprise'));
      if (!(await enterprise.headerUser.isVisible())) await enterprise.signIn('/');
      else await enterprise.goHome();
      await enterprise.expectInAgency(PROJECT.name);
      await enterprise.openProgress(PROJECT.name);
      await enterprise.page.getByText(m.caseStates.awaiting_agreement).first().waitFor();
    },
  );

  // The page signs for the whole catalog; through the API the flow's one item is enough.
  pageStep('the enterprise signs the agency agreement', ['agreementSign'], browser, {
    ui: async () => {
      const enterprise = new EnterprisePages(await browser().tab('enterprise'));
      await enterprise.gotoProject(projectId);
      await enterprise.signAgreement();
    },
    viaApi: async () => {
      kase = await (
        await users.as('enterprise')
      ).post<CaseView>(`/cases/${kase.id}/agreement`, {
        signedOn: shanghaiDateOf(new Date()),
        coverage: 'items',
        itemCodes: [ITEM_CODE],
        serviceLevel: 'agency',
      });
    },
  });

  pageStep('the director assigns the agent', ['directorAssign'], browser, {
    ui: async () => {
      const director = new CenterDirectorPages(await browser().tab('director'));
      await director.signIn('/');
      await director.assignAgent(kase.id, demoUser('agent').displayName);
    },
    viaApi: async () => {
      await (
        await users.as('center_director')
      ).post(`/cases/${kase.id}/actions`, {
        action: 'assign_agent',
        agentUserId: await users.userId('agent'),
      });
    },
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
    pageStep(label, ['itemActions'], browser, {
      ui: async () => {
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
      },
      viaApi: async () => {
        const after = await (
          await users.as(step.role)
        ).post<ItemView>(`/items/${item.id}/actions`, { action: step.action, ...step.body });
        expect(after.state).toBe(step.then);
      },
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

    pageStep(`${index + 1}. the enterprise sees it on its timeline`, ['enterpriseTimeline'], browser, {
      ui: async () => {
        const enterprise = new EnterprisePages(await browser().tab('enterprise'));
        await enterprise.gotoProject(projectId);
        await enterprise.expectTimelineState(item.id, step.then);
      },
    });
  }

  pageStep(
    'the case ledger (台账) records the item, and the plan (倒排工期) shows',
    ['caseLedger'],
    browser,
    {
      ui: async () => {
        const agent = new AgentPages(await browser().tab('agent'));
        await agent.page.goto(`/cases/${kase.id}`);
        const ledger = await agent.casePage.openLedger();
        await ledger.getByRole('row').filter({ hasText: item.name }).first().waitFor();
        await (await agent.casePage.openPlan()).waitFor();
        await agent.screenshot('case-ledger-and-plan');
      },
    },
  );
});
