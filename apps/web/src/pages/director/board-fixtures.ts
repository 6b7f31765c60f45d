import { fireEvent, waitFor } from '@testing-library/react';
import { answer } from '../../test-app';
import { json, path, type Route } from '../../test-fetch';
import { theCase } from '../case/case-fixtures';

export const agents = {
  asOf: '2026-03-18T02:00:00Z',
  rows: [
    {
      agentUserId: 'a1',
      agentName: '李代办',
      openCases: 3,
      closedCases: 5,
      openItems: 12,
      overdueItems: 1,
      yellowItems: 2,
      ratingCount: 4,
      averageRating: 4.5,
    },
    {
      agentUserId: 'a2',
      agentName: '张代办',
      openCases: 1,
      closedCases: 0,
      openItems: 4,
      overdueItems: 0,
      yellowItems: 0,
      ratingCount: 0,
      averageRating: null,
    },
  ],
};

/** The park's agents from the users: a3 has no case yet, so reporting does not know it. */
export const parkAgents = {
  items: [
    { id: 'a1', displayName: '李代办', phone: '138****5678' },
    { id: 'a2', displayName: '张代办', phone: null },
    { id: 'a3', displayName: '王新人', phone: '139****0001' },
  ],
};

/** A row of `GET /cases`: the case `theCase()` of project p1 without its items, with light counts. */
export const caseEntry = (extra: Record<string, unknown> = {}) => {
  const { id, projectId, projectName, projectCode, enterpriseId, parkId, countyCode, state, version } =
    theCase();
  const { agencyRequired, greenChannel, major, openedAt, agentUserId } = theCase();
  return {
    ...{ id, projectId, projectName, projectCode, enterpriseId, parkId, countyCode, state, version },
    ...{ agencyRequired, greenChannel, major, openedAt, agentUserId },
    lights: { green: 2, yellow: 1, red: 1 },
    ...extra,
  };
};

export const project = (projectId: string, name: string, extra: Record<string, unknown> = {}) => ({
  projectId,
  version: 2,
  name,
  projectCode: null,
  enterpriseId: 'e1',
  enterpriseName: '湛江示范新材料有限公司',
  parkId: 'park-xslg',
  parkName: '霞山临港产业转移工业园',
  countyCode: '440803',
  countyName: '霞山区',
  totalInvestment: '150000',
  industryChain: '先进材料',
  investmentTier: 'from_10_to_50yi',
  stage: 'signed',
  status: 'preparing',
  agencyRequired: true,
  taskForceRequired: true,
  major: false,
  greenChannel: true,
  plannedDates: { signedOn: null, landAcquiredOn: null, constructionStartOn: null, productionStartOn: null },
  attributes: {},
  description: null,
  serviceTier: null,
  responsibleDepartmentCode: null,
  responsibleUserId: null,
  createdAt: '2026-01-05T01:00:00Z',
  updatedAt: '2026-01-05T01:00:00Z',
  ...extra,
});

export const overview = {
  asOf: '2026-03-18T02:00:00Z',
  projects: { total: 2, investmentWan: '153000', byStatus: [], byChain: [], byCounty: [], byPark: [] },
  cases: {
    byState: [
      { key: 'in_progress', label: '办理中', count: 2 },
      { key: 'awaiting_agreement', label: '待签署协议', count: 1 },
    ],
  },
  items: { byLight: { green: 8, yellow: 3, red: 1 }, decided: 4, decidedOnTime: 3, onTimeRate: 75 },
  thisQuarter: { year: 2026, quarter: 1, newStarts: 0, newProduction: 0 },
};

export const order = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  number: `DB-2026-00${id.slice(-1)}`,
  origin: 'manual',
  status,
  version: 2,
  subject: { kind: 'item', id: 'i1', title: '建设用地规划许可（年产20万吨高端新材料项目）' },
  deadlineKey: 'item.i1',
  place: { enterpriseId: 'e1', parkId: 'park-xslg', countyCode: '440803', departmentCodes: ['zrzy'] },
  toDepartmentCode: 'zrzy',
  issuerLevel: 'park',
  issuedByUserId: 'd1',
  reason: '超期 2 个工作日',
  feedbackDays: 3,
  feedbackDueAt: '2026-03-23T15:59:59Z',
  feedback: status === 'feedback' ? '已安排专人加快办理' : null,
  reviewNote: null,
  issuedAt: '2026-03-18T02:00:00Z',
  signedAt: null,
  feedbackAt: null,
  reviewedAt: null,
  closedAt: null,
  ...extra,
});

export const catalog = {
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: null,
  note: null,
  items: [
    { code: 'jsydghxk', name: '建设用地规划许可', departmentCode: 'zrzy', departmentName: '自然资源局' },
  ],
};

/** The board's reads: overview, agents, the park's case list, two projects (one with a case), the catalog. */
export const boardRoutes: Route[] = [
  answer('/api/v1/reports/overview', overview),
  answer('/api/v1/reports/agents', agents),
  answer('/api/v1/parks/park-xslg/agents', parkAgents),
  answer('/api/v1/cases', { items: [caseEntry()], page: 1, pageSize: 10, total: 1 }),
  answer('/api/v1/projects/p1', project('p1', '年产20万吨高端新材料项目')),
  answer('/api/v1/projects', {
    items: [
      project('p1', '年产20万吨高端新材料项目'),
      project('p2', '新材料研发中心项目', { greenChannel: false }),
    ],
    page: 1,
    pageSize: 10,
    total: 2,
  }),
  answer('/api/v1/projects/p1/case', theCase()),
  answer('/api/v1/projects/p2/case', { code: 'NOT_FOUND', message: '该项目尚无代办件' }, 404),
  answer('/api/v1/catalog', catalog),
];

interface Captured {
  route: Route;
  bodies: unknown[];
}

/** A POST/PATCH to `pathname` answered with `answer(body)`; the bodies are collected in order. */
export function capture(method: string, pathname: string, answer: (body: unknown) => Response): Captured {
  const bodies: unknown[] = [];
  return {
    bodies,
    route: async (req) => {
      if (req.method !== method || path(req) !== pathname) return undefined;
      const body: unknown = await req.json();
      bodies.push(body);
      return answer(body);
    },
  };
}

export const ok = (body: unknown) => () => json(200, body);

/** Opens an antd Select and picks the option whose text contains `text`. */
export async function chooseOption(select: HTMLElement, text: string): Promise<void> {
  const trigger = select.querySelector('input') ?? select;
  fireEvent.mouseDown(trigger);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((el) =>
      el.textContent?.includes(text),
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}
