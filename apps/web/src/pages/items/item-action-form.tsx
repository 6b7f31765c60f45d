import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import type { Role } from '../../api/me';
import { messages } from '../../i18n/messages';
import {
  ACTION_FIELDS,
  BACKDATING_ROLES,
  actionLabel,
  materialLines,
  toActionBody,
  type ActionFormValues,
  type FieldName,
  type FieldSpec,
  type ItemAction,
  type ItemDetail,
} from './item-actions';

const t = messages.items;
const f = t.fields;
const v = t.validation;

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const beforeToday = (date: Dayjs) => date.isBefore(dayjs(), 'day');
const afterToday = (date: Dayjs) => date.isAfter(dayjs(), 'day');

const required = (spec: FieldSpec, message: string = v.required) =>
  spec.required ? [{ required: true, message }] : [];

/** One form control per field name; labels that depend on the action come from the catalog by action. */
function field(spec: FieldSpec, action: ItemAction, item: ItemDetail): ReactNode {
  const { name } = spec;
  switch (name) {
    case 'receiptNo':
      return (
        <Form.Item key={name} name={name} label={f.receiptNo[action]} rules={required(spec)}>
          <Input maxLength={100} />
        </Form.Item>
      );
    case 'materials':
      return (
        <Form.Item
          key={name}
          name={name}
          label={f.materials[action]}
          extra={f.materialsHint}
          rules={[
            {
              validator: async (_: unknown, text: string | undefined) => {
                if (materialLines(text).length === 0) throw new Error(v.materials);
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
      );
    case 'dueOn':
    case 'commitmentDueOn':
      return (
        <Form.Item key={name} name={name} label={f[name]} rules={required(spec, v.choose)}>
          <DatePicker format="YYYY-MM-DD" disabledDate={beforeToday} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'reason':
      return (
        <Form.Item key={name} name={name} label={f.reason[action]} rules={required(spec)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={action === 'waive' ? 500 : 1000} />
        </Form.Item>
      );
    case 'kind':
      return (
        <Form.Item key={name} name={name} label={f.kind} rules={required(spec, v.choose)}>
          <Select options={options(t.procedureKinds)} style={{ maxWidth: 240 }} />
        </Form.Item>
      );
    case 'estimatedWorkingDays':
      return (
        <Form.Item key={name} name={name} label={f.estimatedWorkingDays} rules={required(spec)}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
      );
    case 'estimate':
      return (
        <Form.Item key={name} name={name} label={f.estimate} rules={required(spec)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={1000} />
        </Form.Item>
      );
    case 'newLimit':
      return (
        <Form.Item
          key={name}
          name={name}
          label={f.newLimit(item.limit, t.units[item.unit] ?? '')}
          rules={[
            ...required(spec),
            {
              validator: async (_: unknown, value: number | null | undefined) => {
                if (value != null && value <= item.limit) throw new Error(v.longerLimit(item.limit));
              },
            },
          ]}
        >
          <InputNumber min={1} max={3650} precision={0} />
        </Form.Item>
      );
    case 'resultDocNo':
      return (
        <Form.Item key={name} name={name} label={f.resultDocNo} rules={required(spec)}>
          <Input maxLength={100} />
        </Form.Item>
      );
    case 'issuedVia':
      return (
        <Form.Item key={name} name={name} label={f.issuedVia} rules={required(spec, v.choose)}>
          <Radio.Group options={options(t.issuedVia)} />
        </Form.Item>
      );
    case 'sealApprover':
      // Asked for only when the park's 2号章 was used: the workflow requires it then and ignores it otherwise.
      return (
        <Form.Item key={name} noStyle dependencies={['issuedVia']}>
          {({ getFieldValue }) =>
            getFieldValue('issuedVia') === 'park_seal_no2' ? (
              <Form.Item name={name} label={f.sealApprover} rules={[{ required: true, message: v.required }]}>
                <Input maxLength={50} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
      );
  }
}

export interface ItemActionFormProps {
  item: ItemDetail;
  action: ItemAction;
  role: Role;
  onDone(): void;
}

/**
 * The form of one item action: exactly its own fields, the effective time for roles that may backdate,
 * and a note. Sends the item's version so a change made meanwhile is refused rather than overwritten.
 */
export function ItemActionForm({ item, action, role, onDone }: ItemActionFormProps) {
  const [form] = Form.useForm<ActionFormValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const label = actionLabel(action, item.state);
  const mutation = useMutation({
    mutationFn: async (values: ActionFormValues) =>
      unwrap(
        await api.POST('/api/v1/items/{id}/actions', {
          params: { path: { id: item.id } },
          body: toActionBody(action, values, item.version),
        }),
      ),
    onSuccess: async () => {
      void message.success(t.actions.done(label));
      onDone();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['items'] }),
        queryClient.invalidateQueries({ queryKey: ['case'] }),
      ]);
    },
  });
  const fields = ACTION_FIELDS[action] as readonly FieldSpec<FieldName>[];

  return (
    <Form<ActionFormValues>
      form={form}
      layout="vertical"
      onFinish={(values) => mutation.mutate(values)}
      data-testid="item-action-form"
      data-action={action}
      style={{ maxWidth: 640 }}
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {label}
      </Typography.Title>
      {fields.map((spec) => field(spec, action, item))}
      {BACKDATING_ROLES.includes(role) ? (
        <Form.Item
          name="at"
          label={f.at}
          extra={f.atHint}
          rules={[
            {
              validator: async (_: unknown, at: Dayjs | null | undefined) => {
                if (at && at.isAfter(dayjs())) throw new Error(v.future);
              },
            },
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={afterToday} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={f.note}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      {mutation.isError ? (
        <Alert
          type="error"
          showIcon
          title={mutation.error.message}
          data-testid="item-action-error"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          loading={mutation.isPending}
          data-testid="item-action-submit"
        >
          {t.actions.submit}
        </Button>
        <Button onClick={onDone} disabled={mutation.isPending} data-testid="item-action-cancel">
          {t.actions.cancel}
        </Button>
      </Space>
    </Form>
  );
}
