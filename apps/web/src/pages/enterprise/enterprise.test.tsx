import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearTokens } from '../../auth/session';
import { answer, pickOption, renderApp } from '../../test-app';
import { json, path, type Route } from '../../test-fetch';

// antd forms and tables render slowly under jsdom.
vi.setConfig({ testTimeout: 90_000 });
const slow = { timeout: 20_000 };

afterEach(() => {
  vi.unstubAllGlobals();
  clearTokens();
});

const me = {
  id: 'u2',
  displayName: '陈经理',
  role: 'enterprise',
  scope: { kind: 'enterprise', enterpriseId: 'e1' },
};

const project = (projectId: string, name: string, totalInvestment: string, extra: object = {}) => ({
  projectId,
  name,
  totalInvestment,
  projectCode: null,
  enterpriseId: 'e1',
  parkId: 'park-xslg',
  parkName: '霞山临港产业转移工业园',
  countyCode: '440803',
  countyName: '霞山区',
  industryChain: '先进材料',
  agencyRequired: Number(totalInvestment) > 10000,
  milestones: [],
  ...extra,
});

const item = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  caseId: 'c1',
  projectId: 'p1',
  catalogCode: id,
  catalogVersion: 1,
  name,
  stage: 'land_planning',
  departmentCode: 'zrzy',
  departmentName: '自然资源局',
  state: 'not_started',
  version: 1,
  legalLimit: 20,
  committedLimit: 10,
  limit: 10,
  unit: 'working_days',
  materials: [],
  submittedOn: null,
  acceptedOn: null,
  deemedAccepted: false,
  dueDate: null,
  dueAt: null,
  deadlineVersion: 0,
  provisional: false,
  paused: false,
  workingDaysLeft: null,
  elapsed: null,
  overdueBy: null,
  light: null,
  correctionMaterials: [],
  specialProcedures: [],
  commitment: null,
  deficiency: null,
  resultDocNo: null,
  issuedVia: null,
  waivedReason: null,
  lastEffectiveAt: null,
  ...extra,
});

const theCase = (extra: Record<string, unknown> = {}) => ({
  id: 'c1',
  projectId: 'p1',
  projectName: '年产20万吨高端新材料项目',
  projectCode: null,
  enterpriseId: 'e1',
  parkId: 'park-xslg',
  countyCode: '440803',
  state: 'in_progress',
  version: 4,
  agencyRequired: true,
  greenChannel: false,
  major: true,
  openedBy: 'registry',
  openedAt: '2026-01-05T01:00:00Z',
  coverage: 'whole',
  serviceLevel: 'agency',
  agreementSignedOn: '2026-01-08',
  agentUserId: 'a1',
  catalogVersion: 1,
  terminationReason: null,
  rating: null,
  ratingComment: null,
  items: [],
  ...extra,
});

const projectRoutes = (kase: unknown, more: Route[] = []): Route[] => [
  answer('/api/v1/projects/p1', project('p1', '年产20万吨高端新材料项目', '150000')),
  answer('/api/v1/projects/p1/case', kase),
  ...more,
];

/** The project with a case that one POST changes: the page must show the case as the server has it after. */
function changingCase(
  initial: Record<string, unknown>,
  postPath: string,
  after: Record<string, unknown>,
): Route[] {
  let kase = initial;
  return [
    answer('/api/v1/projects/p1', project('p1', '年产20万吨高端新材料项目', '150000')),
    (req) => (path(req) === '/api/v1/projects/p1/case' ? json(200, kase) : undefined),
    (req) => {
      if (path(req) !== postPath) return undefined;
      kase = { ...kase, ...after };
      return json(200, kase);
    },
  ];
}

describe('my projects', () => {
  it('links each project to its own progress page and offers registering a new one', async () => {
    renderApp(
      '/',
      me,
      (req) =>
        path(req) === '/api/v1/projects'
          ? json(200, {
              items: [
                project('p1', '年产20万吨高端新材料项目', '150000'),
                project('p2', '新材料研发中心项目', '3000'),
              ],
              page: 1,
              pageSize: 10,
              total: 2,
            })
          : undefined,
      answer('/api/v1/projects/p1/case', theCase()),
      answer('/api/v1/projects/p2/case', { code: 'NOT_FOUND', message: '该项目尚无代办件' }, 404),
      answer('/api/v1/parks', { items: [] }),
    );
    expect(await screen.findByText('15 亿元', {}, slow)).toBeTruthy();
    expect(screen.getByText('3,000 万元')).toBeTruthy();
    expect(await screen.findByText('暂未开启全程代办', {}, slow)).toBeTruthy();
    expect(await screen.findByText('办理中', {}, slow)).toBeTruthy();
    const links = screen.getAllByRole('link', { name: '查看办理进度' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/my/projects/p1', '/my/projects/p2']);

    fireEvent.click(screen.getByTestId('enterprise-new-project'));
    expect(await screen.findByTestId('enterprise-register-form', {}, slow)).toBeTruthy();
  });
});

describe('registering a project', () => {
  const parks = answer('/api/v1/parks', {
    items: [
      {
        id: 'park-xslg',
        name: '霞山临港产业转移工业园',
        countyCode: '440803',
        countyName: '霞山区',
        active: true,
        level: 'provincial',
        description: null,
        version: 1,
      },
    ],
  });

  async function fillForm(investment: string) {
    fireEvent.change(await screen.findByTestId('register-name', {}, slow), {
      target: { value: '年产5万吨电池材料项目' },
    });
    fireEvent.change(screen.getByTestId('register-investment'), { target: { value: investment } });
    await pickOption(screen.getByTestId('register-park'), '霞山区 · 霞山临港产业转移工业园');
    await pickOption(screen.getByTestId('register-chain'), '绿色能源');
  }

  it('sends exactly what the API takes and says when the project enters 全程代办', async () => {
    const seen = renderApp(
      '/my/projects/new',
      me,
      parks,
      answer('/api/v1/projects', project('p9', '年产5万吨电池材料项目', '15000'), 201, 'POST'),
    );
    await fillForm('15000');
    // Over 10000 万元 the form says so before it is sent.
    expect(await screen.findByTestId('register-agency-preview', {}, slow)).toBeTruthy();
    expect(screen.getByText(/合计 1\.5 亿元/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('enterprise-register-submit'));

    const result = await screen.findByTestId('enterprise-register-result', {}, slow);
    expect(within(result).getByText('本项目总投资超过1亿元，已纳入全程代办')).toBeTruthy();
    expect(within(result).getByRole('link', { name: '查看项目' }).getAttribute('href')).toBe(
      '/my/projects/p9',
    );
    const post = seen.find((req) => path(req) === '/api/v1/projects' && req.method === 'POST')!;
    expect(await post.json()).toEqual({
      name: '年产5万吨电池材料项目',
      enterpriseId: 'e1',
      parkId: 'park-xslg',
      totalInvestment: '15000',
      industryChain: '绿色能源',
      stage: 'signed',
      projectCode: null,
      plannedDates: {},
      description: null,
    });
  });

  it('does not promise 全程代办 at exactly 1亿元 and shows the API’s field messages', async () => {
    renderApp(
      '/my/projects/new',
      me,
      parks,
      answer(
        '/api/v1/projects',
        {
          code: 'VALIDATION_FAILED',
          message: '请求参数不符合要求',
          details: [{ field: 'projectCode.region', message: '项目代码中的行政区划代码不存在' }],
        },
        400,
        'POST',
      ),
    );
    await fillForm('10000');
    fireEvent.change(screen.getByTestId('register-project-code'), {
      target: { value: '2026-999999-26-03-012345' },
    });
    expect(screen.queryByTestId('register-agency-preview')).toBeNull();
    fireEvent.click(screen.getByTestId('enterprise-register-submit'));
    expect(await screen.findByText('项目代码中的行政区划代码不存在', {}, slow)).toBeTruthy();
    expect(screen.getByText('请求参数不符合要求')).toBeTruthy();
    expect(screen.queryByTestId('enterprise-register-result')).toBeNull();
  });

  it('checks required fields before sending anything', async () => {
    const seen = renderApp('/my/projects/new', me, parks);
    fireEvent.click(await screen.findByTestId('enterprise-register-submit', {}, slow));
    expect(await screen.findByText('请填写项目名称', {}, slow)).toBeTruthy();
    expect(screen.getByText('请填写总投资')).toBeTruthy();
    expect(screen.getByText('请选择所在园区')).toBeTruthy();
    expect(seen.some((req) => req.method === 'POST')).toBe(false);
  });
});

describe('the project timeline', () => {
  const items = [
    item('i4', '施工许可证核发', { stage: 'construction_permit' }),
    item('i1', '用地预审与选址意见书', {
      state: 'handed_over',
      submittedOn: '2026-01-12',
      acceptedOn: '2026-01-13',
      dueDate: '2026-01-27',
      resultDocNo: '湛自然资预〔2026〕8号',
    }),
    item('i2', '建设用地规划许可', {
      state: 'correction_requested',
      submittedOn: '2026-02-02',
      correctionMaterials: ['宗地图（盖章）', '土地出让合同复印件'],
    }),
    item('i3', '环境影响评价审批（报告表）', {
      departmentName: '生态环境局',
      state: 'accepted',
      submittedOn: '2026-03-02',
      acceptedOn: '2026-03-03',
      dueDate: '2026-03-17',
      limit: 10,
      legalLimit: 20,
      elapsed: 12,
      overdueBy: 2,
      workingDaysLeft: -2,
      light: 'red',
    }),
    item('i5', '节能审查', {
      departmentName: '发展改革局',
      state: 'approved_on_commitment',
      commitment: {
        materials: ['节能报告专家评审意见'],
        dueOn: '2026-04-30',
        status: 'pending',
        light: 'green',
      },
    }),
    item('i6', '水土保持方案审批', {
      departmentName: '水务局',
      state: 'waived',
      waivedReason: '园区已完成区域评估',
    }),
  ];
  const plan = {
    caseId: 'c1',
    today: '2026-03-20',
    targetConstructionStart: '2026-06-01',
    forecastConstructionStart: '2026-06-10',
    behindSchedule: true,
    criticalPath: [],
    provisional: false,
    items: [
      {
        itemId: 'i3',
        catalogCode: 'i3',
        name: '环境影响评价审批（报告表）',
        state: 'accepted',
        duration: 10,
        prerequisites: [],
        latestStart: null,
        latestFinish: null,
        expectedStart: '2026-03-03',
        expectedFinish: '2026-03-24',
        done: false,
        critical: true,
        late: true,
      },
    ],
  };
  const ledger = {
    entries: [
      {
        id: 'l1',
        caseId: 'c1',
        itemId: 'i1',
        requestId: null,
        attachmentId: null,
        itemName: '用地预审与选址意见书',
        subject: 'item',
        action: 'approve',
        from: 'accepted',
        to: 'approved',
        actorUserId: 'o1',
        actorRole: 'department_officer',
        effectiveAt: '2026-01-22T03:00:00Z',
        recordedAt: '2026-01-22T03:00:00Z',
        fields: {},
        note: null,
      },
    ],
  };

  it('shows every item in stage order with its dates, who holds it and what is needed from us', async () => {
    renderApp(
      '/my/projects/p1',
      me,
      ...projectRoutes(theCase({ items }), [
        answer('/api/v1/cases/c1/plan', plan),
        answer('/api/v1/cases/c1/ledger', ledger),
      ]),
    );
    expect(await screen.findByTestId('project-agency-included', {}, slow)).toBeTruthy();
    expect(screen.getByText('本项目总投资超过1亿元，已纳入全程代办')).toBeTruthy();
    const timeline = await screen.findByTestId('enterprise-timeline', {}, slow);
    const entries = within(timeline).getAllByTestId('timeline-entry');
    // Stage order: the construction-permit item comes last although the case lists it first.
    expect(entries.map((entry) => entry.getAttribute('data-item-id'))).toEqual([
      'i1',
      'i2',
      'i3',
      'i5',
      'i6',
      'i4',
    ]);
    expect(entries.map((entry) => entry.getAttribute('data-state'))).toEqual([
      'handed_over',
      'correction_requested',
      'accepted',
      'approved_on_commitment',
      'waived',
      'not_started',
    ]);
    expect(within(timeline).getByText('共 6 项：已办结 1 项，免于办理 1 项')).toBeTruthy();
    expect(
      within(timeline)
        .getAllByTestId('timeline-stage')
        .map((stage) => stage.textContent),
    ).toEqual(['用地规划阶段', '施工许可阶段']);

    const [done, correction, late, commitment, waived, notStarted] = entries;
    expect(within(done).getByText('实际办结：2026-01-22')).toBeTruthy();
    expect(within(done).getByText('批文号：湛自然资预〔2026〕8号')).toBeTruthy();
    expect(within(done).getByTestId('timeline-holder').textContent).toBe('已办结');

    expect(within(correction).getByTestId('timeline-holder').textContent).toBe('企业（需要您处理）');
    const need = within(correction).getByTestId('timeline-need-correction');
    expect(within(need).getByText('宗地图（盖章）')).toBeTruthy();
    expect(within(need).getByText('土地出让合同复印件')).toBeTruthy();

    expect(within(late).getByTestId('timeline-holder').textContent).toBe('审批部门（生态环境局）');
    expect(within(late).getByText('受理：2026-03-03')).toBeTruthy();
    expect(within(late).getByText('时限 10 个工作日（法定 20 个工作日）')).toBeTruthy();
    expect(within(late).getByText('应办结：2026-03-17')).toBeTruthy();
    expect(within(late).getByText('预计办结：2026-03-24')).toBeTruthy();
    expect(within(late).getByText('已超期 2 个工作日')).toBeTruthy();
    expect(within(late).getByText('红灯')).toBeTruthy();

    const due = within(commitment).getByTestId('timeline-need-commitment');
    expect(within(due).getByText('承诺制批准：请在 2026-04-30 前补交以下材料：')).toBeTruthy();
    expect(within(due).getByText('节能报告专家评审意见')).toBeTruthy();

    expect(within(waived).getByText('免于办理：园区已完成区域评估')).toBeTruthy();
    expect(within(waived).getByTestId('timeline-holder').textContent).toBe('无需办理');
    expect(within(waived).queryByText('尚未开始办理')).toBeNull();

    expect(within(notStarted).getByText('尚未开始办理')).toBeTruthy();
    expect(within(notStarted).getByTestId('timeline-holder').textContent).toBe('代办员');
  });

  it('shows the API’s message when the project cannot be read', async () => {
    renderApp(
      '/my/projects/nope',
      me,
      answer('/api/v1/projects/nope', { code: 'NOT_FOUND', message: '项目不存在' }, 404),
      answer('/api/v1/projects/nope/case', { code: 'NOT_FOUND', message: '该项目尚无代办件' }, 404),
    );
    expect(await screen.findByText('项目不存在', {}, slow)).toBeTruthy();
  });
});

describe('the agreement and the rating', () => {
  it('signs the 委托代办协议 of a case awaiting it', async () => {
    const seen = renderApp(
      '/my/projects/p1',
      me,
      ...changingCase(
        theCase({ state: 'awaiting_agreement', agreementSignedOn: null, serviceLevel: null, version: 1 }),
        '/api/v1/cases/c1/agreement',
        { state: 'agreement_signed', agreementSignedOn: '2026-03-20', serviceLevel: 'agency' },
      ),
    );
    fireEvent.click(await screen.findByTestId('agreement-sign', {}, slow));
    expect(await screen.findByTestId('agreement-signed', {}, slow)).toBeTruthy();
    expect(screen.getByText(/已于 2026-03-20 签署/)).toBeTruthy();
    const post = seen.find((req) => path(req) === '/api/v1/cases/c1/agreement')!;
    const body = (await post.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ coverage: 'whole', serviceLevel: 'agency', expectedVersion: 1 });
    expect(body.signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('rates the service once every item is handed over, and shows the rating afterwards', async () => {
    const seen = renderApp(
      '/my/projects/p1',
      me,
      ...changingCase(theCase({ state: 'handed_over', version: 9 }), '/api/v1/cases/c1/actions', {
        state: 'closed',
        rating: 4,
        ratingComment: '代办员很负责',
      }),
    );
    const card = await screen.findByTestId('rating-card', {}, slow);
    fireEvent.click(within(card).getByTestId('rating-submit'));
    expect(await within(card).findByText('请选择评分', {}, slow)).toBeTruthy();

    const stars = within(card).getAllByRole('radio');
    fireEvent.click(stars[3]);
    fireEvent.change(within(card).getByRole('textbox'), { target: { value: '代办员很负责' } });
    fireEvent.click(within(card).getByTestId('rating-submit'));
    expect(await screen.findByTestId('rating-done', {}, slow)).toBeTruthy();
    expect(screen.getByText('您的评价：4 星')).toBeTruthy();
    const post = seen.find((req) => path(req) === '/api/v1/cases/c1/actions')!;
    expect(await post.json()).toEqual({
      action: 'close',
      rating: 4,
      comment: '代办员很负责',
      expectedVersion: 9,
    });
    await waitFor(() => expect(screen.queryByTestId('rating-card')).toBeNull());
  });
});
