import {
  listEnterprises,
  listProjects,
  registerEnterprise,
  registerProject,
  type Caller,
  type RpcDefinition,
  type RpcRequest,
  type RpcResponse,
} from '@daiban/contracts';
import { DEMO_PLACES } from './demo-seed';

/** Request-reply as the seed needs it: the running gateway's RpcClient, or a bare NATS connection. */
export interface DemoRpc {
  call<D extends RpcDefinition>(def: D, data: RpcRequest<D>, caller: Caller): Promise<RpcResponse<D>>;
}

/**
 * The registry lets only park staff register enterprises and projects (the admin manages reference
 * data) and only a center director sets the green channel, so the seed acts as each park's service
 * center under a system user id that the ledgers show as `demo-seed`.
 */
const parkCenter = (parkId: string): Caller => ({
  userId: 'demo-seed',
  role: 'center_director',
  scope: { kind: 'park', parkId },
});

export interface DemoEnterprise {
  name: string;
  creditCode: string;
  legalRepresentative: string;
  parkId: string;
  contacts: Array<{ name: string; title?: string; phone: string }>;
  projects: Array<{
    name: string;
    totalInvestment: string;
    industryChain: RpcRequest<typeof registerProject>['industryChain'];
    greenChannel?: boolean;
    constructionStartOn?: string;
  }>;
}

/** Credit codes carry a valid GB 32100 checksum; the amounts are 万元 (150000 = 15亿). */
export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  {
    name: '湛江示范新材料有限公司',
    creditCode: '91440803MA5D0001X2',
    legalRepresentative: '陈示范',
    parkId: DEMO_PLACES.xiashanPark,
    contacts: [{ name: '林经理', title: '项目经理', phone: '13900000011' }],
    projects: [
      // Over 1亿: the registry marks it agencyRequired and the workflow opens its 代办件 from the event.
      {
        name: '年产20万吨高端新材料项目',
        totalInvestment: '150000',
        industryChain: '先进材料',
        constructionStartOn: '2026-09-30',
      },
      { name: '新材料研发中心项目', totalInvestment: '3000', industryChain: '先进材料' },
      {
        name: '应急物资仓储改造项目',
        totalInvestment: '8000',
        industryChain: '先进材料',
        greenChannel: true,
      },
    ],
  },
  {
    name: '湛江麻章示范食品有限公司',
    creditCode: '91440811MA5D0002XM',
    legalRepresentative: '吴示范',
    parkId: DEMO_PLACES.mazhangPark,
    contacts: [{ name: '黄主管', phone: '13900000022' }],
    projects: [{ name: '预制菜中央厨房项目', totalInvestment: '12000', industryChain: '农海产品加工' }],
  },
];

export interface DemoDataResult {
  enterprises: Array<{ id: string; name: string; created: boolean }>;
  projects: Array<{
    id: string;
    name: string;
    agencyRequired: boolean;
    greenChannel: boolean;
    created: boolean;
  }>;
}

/** Find-or-create by credit code (enterprises) and by name within the enterprise (projects): re-runnable. */
export async function seedDemoData(
  rpc: DemoRpc,
  enterprises: DemoEnterprise[] = DEMO_ENTERPRISES,
): Promise<DemoDataResult> {
  const result: DemoDataResult = { enterprises: [], projects: [] };
  for (const spec of enterprises) {
    const caller = parkCenter(spec.parkId);
    const found = await rpc.call(
      listEnterprises,
      { q: spec.creditCode, page: 1, pageSize: 2, order: 'desc', sort: 'createdAt' },
      caller,
    );
    const existing = found.items.find((e) => e.creditCode === spec.creditCode);
    const enterprise =
      existing ??
      (await rpc.call(
        registerEnterprise,
        {
          name: spec.name,
          creditCode: spec.creditCode,
          legalRepresentative: spec.legalRepresentative,
          homeParkId: spec.parkId,
          contacts: spec.contacts.map((c) => ({ ...c, title: c.title ?? null })),
        },
        caller,
      ));
    result.enterprises.push({ id: enterprise.id, name: enterprise.name, created: !existing });
    for (const project of spec.projects) {
      const same = await rpc.call(
        listProjects,
        {
          enterpriseId: enterprise.id,
          q: project.name,
          page: 1,
          pageSize: 10,
          order: 'desc',
          sort: 'createdAt',
        },
        caller,
      );
      const hit = same.items.find((p) => p.name === project.name);
      const view =
        hit ??
        (await rpc.call(
          registerProject,
          {
            name: project.name,
            enterpriseId: enterprise.id,
            parkId: spec.parkId,
            totalInvestment: project.totalInvestment,
            industryChain: project.industryChain,
            stage: 'signed',
            plannedDates: project.constructionStartOn
              ? { constructionStartOn: project.constructionStartOn }
              : {},
            greenChannel: project.greenChannel ?? false,
            major: false,
            attributes: {},
          },
          caller,
        ));
      result.projects.push({
        id: view.projectId,
        name: view.name,
        agencyRequired: view.agencyRequired,
        greenChannel: view.greenChannel,
        created: !hit,
      });
    }
  }
  return result;
}
