import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../api/me';
import { createQueryClient, Providers } from '../../providers';
import { json, path, stubFetch, type Route } from '../../test-fetch';
import type { ItemAction, ItemDetail } from './item-actions';
import { itemDetail } from './item-fixtures';
import { ItemActions } from './item-page';

/** findBy/waitFor: above testing-library's 1 s default, for a shared, busy machine. */
const slow = { timeout: 5_000 };

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderActions(item: ItemDetail, role: Role, ...routes: Route[]) {
  const seen = stubFetch(...routes);
  render(
    <MemoryRouter>
      <Providers client={createQueryClient()}>
        <ItemActions item={item} role={role} />
      </Providers>
    </MemoryRouter>,
  );
  return seen;
}

/** Open one action's form and read its field labels in order. */
async function openForm(action: ItemAction): Promise<{ form: HTMLElement; labels: string[] }> {
  fireEvent.click(await screen.findByTestId(`item-action-${action}`, {}, slow));
  const form = await screen.findByTestId('item-action-form', {}, slow);
  const labels = [...form.querySelectorAll('.ant-form-item-label label')].map((label) => label.textContent);
  return { form, labels: labels as string[] };
}

const posted = (seen: Request[]) => seen.filter((req) => path(req) === '/api/v1/items/i1/actions');

describe('the item action buttons', () => {
  it('offers exactly the actions the API allows, a resubmission named as such', async () => {
    renderActions(
      itemDetail({ state: 'correction_requested', allowedActions: ['submit', 'waive'] }),
      'agent',
    );
    const card = await screen.findByTestId('item-actions', {}, slow);
    const buttons = within(card).getAllByRole('button');
    expect(buttons.map((button) => button.getAttribute('data-testid'))).toEqual([
      'item-action-submit',
      'item-action-waive',
    ]);
    expect(buttons.map((button) => button.textContent?.replace(/\s/g, ''))).toEqual([
      '补正后重新提交',
      '免于办理',
    ]);
    expect(screen.queryByTestId('item-action-form')).toBeNull();
  });

  it('says so when the caller can do nothing now', async () => {
    renderActions(itemDetail({ allowedActions: [] }), 'department_officer');
    expect(await screen.findByText('当前状态下您没有可办理的操作', {}, slow)).toBeTruthy();
  });
});

describe('each action form has exactly the fields its action takes', () => {
  const officerForms: Array<[ItemAction, Partial<ItemDetail>, string[]]> = [
    ['request_correction', {}, ['需补正的材料（一次性告知）']],
    ['accept', {}, ['受理通知书编号']],
    ['accept_with_deficiency', {}, ['容缺后补的材料', '容缺材料补齐期限']],
    ['not_accept', {}, ['不予受理的理由']],
    [
      'start_special_procedure',
      { state: 'accepted' },
      ['特别程序类型', '预计所需工作日', '书面告知内容（所需时间及理由）'],
    ],
    ['extend', { state: 'accepted' }, ['延期后的办理时限（现为 10 个工作日）', '延期理由']],
    ['approve', { state: 'accepted' }, ['批准文号 / 证照编号', '出件方式']],
    [
      'approve_on_commitment',
      { state: 'accepted' },
      ['批准文号 / 证照编号', '出件方式', '承诺后补的材料', '承诺履行期限'],
    ],
    ['deny', { state: 'accepted' }, ['不予批准的理由']],
    ['clear_deficiency', { state: 'accepted_with_deficiency' }, []],
  ];
  it.each(officerForms)('officer: %s', async (action, extra, fields) => {
    renderActions(itemDetail({ ...extra, allowedActions: [action] }), 'department_officer');
    const { labels } = await openForm(action);
    // Officers cannot backdate, so they are not asked for an effective time.
    expect(labels).toEqual([...fields, '备注']);
  });

  const agentForms: Array<[ItemAction, string, string[]]> = [
    ['prepare', 'not_started', []],
    ['submit', 'preparing', ['申报回执编号']],
    ['collect_result', 'approved', []],
    ['hand_over', 'result_collected', ['企业签收单编号']],
    ['waive', 'preparing', ['免于办理的理由']],
  ];
  it.each(agentForms)(
    'agent: %s, with the effective time for recording what happened earlier',
    async (action, state, fields) => {
      renderActions(itemDetail({ state: state as ItemDetail['state'], allowedActions: [action] }), 'agent');
      const { labels } = await openForm(action);
      expect(labels).toEqual([...fields, '实际发生时间', '备注']);
    },
  );

  it('asks for the 2号章 approver only when the park seal issued the result', async () => {
    const seen = renderActions(
      itemDetail({ state: 'accepted', allowedActions: ['approve'] }),
      'department_officer',
      (req) =>
        path(req) === '/api/v1/items/i1/actions' ? json(200, itemDetail({ state: 'approved' })) : undefined,
    );
    const { form } = await openForm('approve');
    expect(within(form).queryByText('“2号章”审批人')).toBeNull();
    fireEvent.change(within(form).getByLabelText('批准文号 / 证照编号'), {
      target: { value: '霞发改备〔2026〕8号' },
    });
    fireEvent.click(within(form).getByLabelText('园区“2号章”'));
    expect(await within(form).findByText('“2号章”审批人', {}, slow)).toBeTruthy();
    fireEvent.click(within(form).getByTestId('item-action-submit'));
    expect(await within(form).findByText('请填写此项', {}, slow)).toBeTruthy();
    expect(posted(seen)).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('“2号章”审批人'), { target: { value: '陈主任' } });
    fireEvent.click(within(form).getByTestId('item-action-submit'));
    await waitFor(() => expect(posted(seen)).toHaveLength(1));
    expect(await posted(seen)[0].json()).toEqual({
      action: 'approve',
      expectedVersion: 3,
      resultDocNo: '霞发改备〔2026〕8号',
      issuedVia: 'park_seal_no2',
      sealApprover: '陈主任',
    });
  });
});

describe('submitting an action form', () => {
  it('sends the materials one per line with the item version and closes the form', async () => {
    const seen = renderActions(itemDetail(), 'department_officer', (req) =>
      path(req) === '/api/v1/items/i1/actions'
        ? json(200, itemDetail({ state: 'correction_requested' }))
        : undefined,
    );
    const { form } = await openForm('request_correction');
    fireEvent.change(within(form).getByLabelText('需补正的材料（一次性告知）'), {
      target: { value: '营业执照副本\n\n 项目选址红线图 ' },
    });
    fireEvent.change(within(form).getByLabelText('备注'), { target: { value: '请于五日内补齐' } });
    fireEvent.click(within(form).getByTestId('item-action-submit'));
    await waitFor(() => expect(posted(seen)).toHaveLength(1));
    const request = posted(seen)[0];
    expect(request.method).toBe('POST');
    expect(await request.json()).toEqual({
      action: 'request_correction',
      expectedVersion: 3,
      materials: ['营业执照副本', '项目选址红线图'],
      note: '请于五日内补齐',
    });
    await waitFor(() => expect(screen.queryByTestId('item-action-form')).toBeNull());
  });

  it('checks required fields before asking the API', async () => {
    const seen = renderActions(
      itemDetail({ state: 'accepted', allowedActions: ['deny', 'extend'] }),
      'department_officer',
    );
    const { form } = await openForm('deny');
    fireEvent.click(within(form).getByTestId('item-action-submit'));
    expect(await within(form).findByText('请填写此项', {}, slow)).toBeTruthy();

    const extend = await openForm('extend');
    fireEvent.change(within(extend.form).getByLabelText('延期后的办理时限（现为 10 个工作日）'), {
      target: { value: '8' },
    });
    fireEvent.change(within(extend.form).getByLabelText('延期理由'), { target: { value: '需专家论证' } });
    fireEvent.click(within(extend.form).getByTestId('item-action-submit'));
    expect(await within(extend.form).findByText('延期后的时限须多于现在的 10', {}, slow)).toBeTruthy();
    expect(posted(seen)).toHaveLength(0);
  });

  it('shows the API’s Chinese message when the action is refused and keeps the form', async () => {
    renderActions(itemDetail({ state: 'accepted', allowedActions: ['deny'] }), 'department_officer', (req) =>
      path(req) === '/api/v1/items/i1/actions'
        ? json(409, { code: 'VERSION_CONFLICT', message: '事项已被他人更新，请刷新后重试' })
        : undefined,
    );
    const { form } = await openForm('deny');
    fireEvent.change(within(form).getByLabelText('不予批准的理由'), { target: { value: '不符合产业政策' } });
    fireEvent.click(within(form).getByTestId('item-action-submit'));
    const error = await screen.findByTestId('item-action-error', {}, slow);
    expect(error.textContent).toContain('事项已被他人更新，请刷新后重试');
    expect(screen.getByTestId('item-action-form')).toBeTruthy();
  });
});
