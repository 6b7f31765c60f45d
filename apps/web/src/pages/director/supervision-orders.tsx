import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useCatalogNames } from '../../api/reference';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { PagedTableCard } from '../../components/paged-table-card';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { BOARD_KEY } from './board-queries';
import { FormFooter } from './form-footer';

type OrderList = paths['/api/v1/supervision-orders']['get']['responses'][200]['content']['application/json'];
export type SupervisionOrder = OrderList['items'][number];
type Status = SupervisionOrder['status'];
type OverdueRow =
  paths['/api/v1/reports/overdue']['get']['responses'][200]['content']['application/json']['rows'][number];
type ActionBody = NonNullable<
  paths['/api/v1/supervision-orders/{id}/actions']['post']['requestBody']
>['content']['application/json'];

const t = messages.supervision;
const PAGE_SIZE = 10;
const STATUSES: Status[] = ['issued', 'signed', 'feedback', 'reviewed', 'closed'];
const STATUS_COLORS: Record<Status, string> = {
  issued: 'red',
  signed: 'orange',
  feedback: 'blue',
  reviewed: 'cyan',
  closed: 'default',
};

function OrderActions({ order }: { order: SupervisionOrder }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const act = useMutation({
    mutationFn: async ({ body }: { key: string; body: ActionBody }) =>
      unwrap(
        await api.POST('/api/v1/supervision-orders/{id}/actions', {
          params: { path: { id: order.id } },
          body: { ...body, expectedVersion: order.version },
        }),
      ),
    onSuccess: async () => {
      void message.success(t.acted);
      await queryClient.invalidateQueries({ queryKey: [BOARD_KEY, 'supervision'] });
    },
    onError: (error) => void message.error(error.message),
  });
  const button = (label: string, body: ActionBody, key: string, danger = false) => (
    <Button
      key={key}
      size="small"
      danger={danger}
      loading={act.isPending && act.variables?.key === key}
      disabled={act.isPending}
      onClick={() => act.mutate({ key, body })}
      data-testid={`supervision-${key}-${order.id}`}
    >
      {label}
    </Button>
  );
  if (order.status === 'feedback') {
    return (
      <Space size={4} wrap>
        {button(t.reviewPass, { action: 'review', accepted: true }, 'review-pass')}
        {button(t.reviewReject, { action: 'review', accepted: false }, 'review-reject', true)}
      </Space>
    );
  }
  if (order.status === 'reviewed') return button(t.close, { action: 'close' }, 'close');
  return null;
}

interface CreateValues {
  itemId: string;
  reason: string;
  feedbackDays: number;
}

/** 下发督办单 on one of the park's red or yellow items; the department is the item's own. */
export function CreateSupervisionForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const names = useCatalogNames();
  const [form] = Form.useForm<CreateValues>();
  const overdue = useQuery({
    queryKey: [BOARD_KEY, 'overdue'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/overdue', { params: { query: { pageSize: 200 } } })),
  });
  const title = (row: OverdueRow) =>
    `${names.items.get(row.catalogCode) ?? row.catalogCode}（${row.projectName ?? row.projectId}）`;
  const create = useMutation({
    mutationFn: async (values: CreateValues) => {
      const row = overdue.data?.rows.find((r) => r.itemId === values.itemId);
      if (!row) throw new Error(t.itemRequired);
      return unwrap(
        await api.POST('/api/v1/supervision-orders', {
          body: {
            subject: { kind: 'item', id: row.itemId, title: title(row) },
            deadlineKey: `item.${row.itemId}`,
            toDepartmentCode: row.departmentCode,
            reason: values.reason,
            feedbackDays: values.feedbackDays,
          },
        }),
      );
    },
    onSuccess: async () => {
      void message.success(t.created);
      await queryClient.invalidateQueries({ queryKey: [BOARD_KEY] });
      onDone();
    },
  });
  const options = (overdue.data?.rows ?? []).map((row) => ({
    value: row.itemId,
    label: t.itemOption(
      names.items.get(row.catalogCode) ?? row.catalogCode,
      row.projectName ?? row.projectId,
      messages.lights[row.light],
    ),
  }));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ feedbackDays: 3 }}
      onFinish={(values) => create.mutate(values)}
      data-testid="supervision-create-form"
    >
      <ErrorAlert error={overdue.error} />
      <Form.Item name="itemId" label={t.item} rules={[{ required: true, message: t.itemRequired }]}>
        <Select
          options={options}
          loading={overdue.isPending}
          placeholder={t.itemPlaceholder}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="supervision-create-item"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t.reason}
        rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="supervision-create-reason" />
      </Form.Item>
      <Form.Item name="feedbackDays" label={t.feedbackDays}>
        <InputNumber min={1} max={60} precision={0} />
      </Form.Item>
      <FormFooter
        error={create.error}
        pending={create.isPending}
        submitLabel={t.submit}
        cancelLabel={t.cancel}
        onCancel={onCancel}
        submitTestId="supervision-create-submit"
      />
    </Form>
  );
}

/** 督办单 of the park: filter by status, page on the server, review and close the ones with feedback. */
export function SupervisionOrders() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const names = useCatalogNames();
  const query = useQuery({
    queryKey: [BOARD_KEY, 'supervision', { page, status }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/supervision-orders', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, status } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<SupervisionOrder> = [
    { title: t.number, dataIndex: 'number', width: 150 },
    {
      title: t.subject,
      key: 'subject',
      ellipsis: true,
      render: (_: unknown, order: SupervisionOrder) => (
        <span title={order.reason}>
          {order.subject.title}
          {order.origin === 'automatic' ? <Tag style={{ marginLeft: 8 }}>{t.automatic}</Tag> : null}
        </span>
      ),
    },
    {
      title: t.department,
      dataIndex: 'toDepartmentCode',
      width: 130,
      render: (code: string) => names.departments.get(code) ?? code,
    },
    {
      title: t.status,
      dataIndex: 'status',
      width: 90,
      render: (value: Status) => <Tag color={STATUS_COLORS[value]}>{t.statuses[value] ?? value}</Tag>,
    },
    { title: t.issuedAt, dataIndex: 'issuedAt', width: 110, responsive: ['md'], render: formatDate },
    { title: t.feedbackDue, dataIndex: 'feedbackDueAt', width: 110, render: formatDate },
    {
      title: t.feedback,
      dataIndex: 'feedback',
      ellipsis: true,
      responsive: ['lg'],
      render: (v: string | null) => v ?? messages.common.none,
    },
    {
      title: t.actions,
      key: 'actions',
      width: 170,
      render: (_: unknown, order: SupervisionOrder) => <OrderActions order={order} />,
    },
  ];
  return (
    <div data-testid="director-supervision">
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Select<Status | 'all'>
          value={status ?? 'all'}
          style={{ width: 160 }}
          onChange={(value) => {
            setStatus(value === 'all' ? undefined : value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t.filterAll },
            ...STATUSES.map((value) => ({ value, label: t.statuses[value] })),
          ]}
          data-testid="supervision-status-filter"
        />
        <Button type="primary" onClick={() => setCreating(true)} data-testid="supervision-create">
          {t.create}
        </Button>
      </Flex>
      <PagedTableCard<SupervisionOrder>
        title={t.title}
        subtitle={t.subtitle}
        emptyText={t.empty}
        rowKey="id"
        columns={columns}
        scrollX={900}
        query={query}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
      />
      <Modal
        open={creating}
        title={t.createTitle}
        footer={null}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <CreateSupervisionForm onDone={() => setCreating(false)} onCancel={() => setCreating(false)} />
      </Modal>
    </div>
  );
}
