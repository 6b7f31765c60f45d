import type { CaseView, ItemView } from '@daiban/contracts';
import { pollUntil } from '@daiban/testing';
import { DEMO_ENTERPRISES } from '../apps/gateway/src/identity/demo-data';
import { AgentPages } from './pages/agent';
import { LeaderPages } from './pages/leader';
import { browserTest, useBrowser } from './support/browser-test';
import { FlowUsers } from './support/flow-data';

/** The seeded 15亿 project (its case is opened by the seed); 企业投资项目备案 is a 发改 item without prerequisites. */
const PROJECT = DEMO_ENTERPRISES[0].projects[0].name;
const ITEM_CODE = 'investment_filing';

describe('a backdated overdue item turns red for the leader', () => {
  const browser = useBrowser();
  const users = new FlowUsers();
  let item: ItemView;

  // The UI records actions as of now; only the API takes a past effective time (`at`, agents only),
  // which is how a late-recorded acceptance makes an item overdue at once.
  browserTest(
    'setup through the API: the agent records a submission and acceptance in September',
    browser,
    async () => {
      const project = await users.projectByName(PROJECT);
      const opened = await users.caseOf(project.projectId);
      // The seed registers it without a project code, which submitting an item requires.
      await (
        await users.as('enterprise')
      ).request('PATCH', `/projects/${project.projectId}`, {
        version: project.version,
        projectCode: '2026-440803-30-03-000703',
      });
      // The workflow keeps its own copy of the code, from the registry's event, and checks it on submit.
      await pollUntil(
        async () => (await (await users.as('enterprise')).get<CaseView>(`/cases/${opened.id}`)).projectCode,
        { timeoutMs: 20_000, intervalMs: 250, message: "the project code in the workflow's copy" },
      );
      await (
        await users.as('enterprise')
      ).post<CaseView>(`/cases/${opened.id}/agreement`, {
        signedOn: '2026-08-31',
        coverage: 'items',
        itemCodes: [ITEM_CODE],
        serviceLevel: 'agency',
      });
      const kase = await (
        await users.as('center_director')
      ).post<CaseView>(`/cases/${opened.id}/actions`, {
        action: 'assign_agent',
        agentUserId: await users.userId('agent'),
      });
      const itemId = kase.items.find((i) => i.catalogCode === ITEM_CODE)!.id;
      const agent = await users.as('agent');
      const act = (action: string, at: string) =>
        agent.post<ItemView>(`/items/${itemId}/actions`, { action, at });
      await act('prepare', '2026-09-01T01:00:00Z');
      await act('submit', '2026-09-01T02:00:00Z');
      item = await act('accept', '2026-09-02T02:00:00Z');
      expect(item).toMatchObject({ state: 'accepted', light: 'red' });
      expect(item.overdueBy).toBeGreaterThan(3);
    },
  );

  browserTest("the item is red in the agent's worklist", browser, async () => {
    const agent = new AgentPages(await browser().tab('agent'));
    await agent.signIn('/');
    await agent.expectWorklistItem(item.name, PROJECT, 'red');
  });

  browserTest("the county leader's bell carries the escalation", browser, async () => {
    const leader = new LeaderPages(await browser().tab('leader'));
    await leader.signIn('/');
    const notice = await leader.expectEscalationNotice(item.name);
    expect(await notice.textContent()).toContain('紧急');
    await leader.screenshot('leader-escalation-notification');
  });

  browserTest('the leader cockpit shows it red and in the overdue table', browser, async () => {
    const leader = new LeaderPages(await browser().tab('leader'));
    if (!(await leader.headerUser.isVisible())) await leader.signIn('/');
    else await leader.goHome();
    await leader.expectOverdueRed(PROJECT);
    await leader.screenshot('leader-cockpit-overdue');
  });
});
