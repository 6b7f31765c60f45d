import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { api, unwrap } from '../../api/client';
import { referenceNames, useCounties, useParks } from '../../api/reference';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { useAdminMutation, type ChannelTarget, type ChannelTargetBody } from './admin-api';
import { FormFooter, PageHeader } from './admin-ui';

const t = messages.channels;
type Kind = ChannelTarget['kind'];
type ScopeKind = ChannelTarget['scopeKind'];

interface ChannelFormValues {
  kind: Kind;
  scopeKind: ScopeKind;
  scopeId: string;
  enabled: boolean;
  url?: string;
  secret?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  from?: string;
  user?: string;
  password?: string;
}

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function bodyOf(values: ChannelFormValues): ChannelTargetBody {
  const target = { scopeKind: values.scopeKind, scopeId: values.scopeId, enabled: values.enabled };
  if (values.kind === 'smtp') {
    return {
      ...target,
      kind: 'smtp',
      config: {
        host: values.host?.trim() ?? '',
        port: values.port ?? 465,
        secure: values.secure ?? false,
        from: values.from?.trim() ?? '',
        user: blank(values.user),
        password: blank(values.password),
      },
    };
  }
  return {
    ...target,
    kind: values.kind,
    config: { url: values.url?.trim() ?? '', secret: blank(values.secret) },
  };
}

/** 消息推送: the group robots and mail servers of each park or county. */
export function NotificationTargetsPage() {
  const [editing, setEditing] = useState<ChannelTarget | 'new' | null>(null);
  const parks = useParks();
  const counties = useCounties();
  const names = referenceNames(parks.data, counties.data);
  const query = useQuery({
    queryKey: ['notification-targets'],
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/notification-targets')).items,
  });
  const remove = useAdminMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/admin/notification-targets/{id}', { params: { path: { id } } })),
    invalidates: ['notification-targets'],
    success: () => t.removed,
  });

  const columns: ColumnsType<ChannelTarget> = [
    { title: t.kind, dataIndex: 'kind', width: 170, render: (kind: Kind) => t.kinds[kind] },
    {
      title: t.scope,
      key: 'scope',
      ellipsis: true,
      render: (_: unknown, target: ChannelTarget) =>
        `${t.scopeKinds[target.scopeKind]}：${
          target.scopeKind === 'park' ? names.park(target.scopeId) : names.county(target.scopeId)
        }`,
    },
    { title: t.summary, dataIndex: 'summary', ellipsis: true },
    {
      title: t.enabled,
      key: 'flags',
      width: 150,
      render: (_: unknown, target: ChannelTarget) => (
        <Space size={4}>
          {target.enabled ? (
            <Tag color="green">{messages.users.enabled}</Tag>
          ) : (
            <Tag>{messages.users.disabled}</Tag>
          )}
          {target.hasSecret ? <Tag>{t.hasSecret}</Tag> : null}
        </Space>
      ),
    },
    { title: t.updatedAt, dataIndex: 'updatedAt', width: 110, render: (at: string) => formatDate(at) },
    {
      title: messages.users.actions,
      key: 'actions',
      width: 130,
      render: (_: unknown, target: ChannelTarget) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(target)}>
            {messages.admin.edit}
          </Button>
          <Popconfirm
            title={messages.admin.confirmRemove}
            okText={messages.admin.remove}
            cancelText={messages.admin.cancel}
            onConfirm={() => remove.mutate(target.id)}
          >
            <Button type="link" size="small" danger>
              {messages.admin.remove}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <PageHeader
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="channel-create"
          >
            {t.add}
          </Button>
        }
      />
      {query.isError ? (
        <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<ChannelTarget>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data ?? []}
        loading={query.isFetching}
        locale={{ emptyText: t.empty }}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(target) => ({ 'data-testid': `channel-row-${target.id}` }) as HTMLAttributes<HTMLElement>}
      />
      <ChannelModal target={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function ChannelModal({ target, onClose }: { target: ChannelTarget | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<ChannelFormValues>();
  const kind = Form.useWatch('kind', form);
  const scopeKind = Form.useWatch('scopeKind', form);
  const parks = useParks();
  const counties = useCounties();
  const existing = target !== null && target !== 'new' ? target : null;
  const save = useAdminMutation({
    mutationFn: async (values: ChannelFormValues) =>
      unwrap(await api.POST('/api/v1/admin/notification-targets', { body: bodyOf(values) })),
    invalidates: ['notification-targets'],
    success: () => t.saved,
    onSuccess: onClose,
  });
  const required = (field: string) => [{ required: true, message: messages.users.required(field) }];
  const scopeOptions =
    scopeKind === 'county'
      ? (counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))
      : (parks.data ?? []).map((p) => ({ value: p.id, label: p.name }));

  return (
    <Modal open={target !== null} title={t.editTitle} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t.sameKey}</Typography.Paragraph>
      <Form<ChannelFormValues>
        form={form}
        layout="vertical"
        data-testid="channel-form"
        initialValues={
          existing
            ? {
                kind: existing.kind,
                scopeKind: existing.scopeKind,
                scopeId: existing.scopeId,
                enabled: existing.enabled,
              }
            : { kind: 'wecom', scopeKind: 'park', enabled: true, port: 465, secure: true }
        }
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="kind" label={t.kind} rules={required(t.kind)}>
          <Radio.Group options={Object.entries(t.kinds).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="scopeKind" label={t.scopeKind} rules={required(t.scopeKind)}>
          <Radio.Group
            options={Object.entries(t.scopeKinds).map(([value, label]) => ({ value, label }))}
            onChange={() => form.setFieldsValue({ scopeId: undefined })}
          />
        </Form.Item>
        <Form.Item name="scopeId" label={t.scope} rules={required(t.scope)}>
          <Select options={scopeOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        {kind === 'smtp' ? (
          <>
            <Form.Item name="host" label={t.host} rules={required(t.host)}>
              <Input />
            </Form.Item>
            <Space wrap>
              <Form.Item name="port" label={t.port} rules={required(t.port)}>
                <InputNumber min={1} max={65535} precision={0} />
              </Form.Item>
              <Form.Item name="secure" label={t.secure} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Form.Item name="from" label={t.from} rules={required(t.from)}>
              <Input />
            </Form.Item>
            <Form.Item name="user" label={t.user}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t.password}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="url"
              label={t.url}
              rules={[...required(t.url), { type: 'url', message: t.urlInvalid }]}
            >
              <Input inputMode="url" />
            </Form.Item>
            <Form.Item name="secret" label={t.secret} extra={t.secretHint}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="enabled" label={t.enabled} valuePropName="checked">
          <Switch />
        </Form.Item>
        <FormFooter onCancel={onClose} loading={save.isPending} testId="channel-submit" />
      </Form>
    </Modal>
  );
}
