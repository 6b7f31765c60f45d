import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { roleLabel, scopeLabel, type Role } from '../../api/me';
import { referenceNames, useCatalog, useCounties, useParks } from '../../api/reference';
import { PagedTableCard } from '../../components/paged-table-card';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { useAdminMutation, type User } from './admin-api';
import { FormFooter } from './admin-ui';
import { ROLES, UserFormModal } from './user-form';

const t = messages.users;
const PAGE_SIZE = 20;

interface Filters {
  q: string;
  role?: Role;
  enabled?: 'true' | 'false';
}

/** 用户管理: server-paged list with search and filters; create, change, disable, reset, reveal. */
export function UsersPage() {
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [revealing, setRevealing] = useState<User | null>(null);
  const names = referenceNames(useParks().data, useCounties().data, useCatalog().data);

  const query = useQuery({
    queryKey: ['users', { ...filters, page }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: {
            query: {
              q: filters.q || undefined,
              role: filters.role,
              enabled: filters.enabled,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const filter = (next: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(1);
  };

  const toggle = useAdminMutation({
    mutationFn: async (user: User) =>
      unwrap(
        await api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { enabled: !user.enabled },
        }),
      ),
    invalidates: ['users'],
    success: (saved) => (saved.enabled ? t.enabledDone : t.disabledDone)(saved.displayName),
  });

  const columns: ColumnsType<User> = [
    { title: t.username, dataIndex: 'username', width: 130, ellipsis: true },
    { title: t.displayName, dataIndex: 'displayName', width: 110, ellipsis: true },
    { title: t.role, dataIndex: 'role', width: 150, render: (role: Role) => roleLabel(role) },
    {
      title: t.scope,
      key: 'scope',
      width: 220,
      ellipsis: true,
      render: (_: unknown, user: User) => scopeLabel(user.scope, names),
    },
    {
      title: t.phone,
      dataIndex: 'phone',
      width: 170,
      render: (phone: string | null, user: User) => (
        <Space size={4}>
          <span>{phone ?? messages.common.none}</span>
          {phone || user.email ? (
            <Button
              type="link"
              size="small"
              data-testid={`admin-user-reveal-${user.username}`}
              onClick={() => setRevealing(user)}
            >
              {t.reveal}
            </Button>
          ) : null}
        </Space>
      ),
    },
    {
      title: t.status,
      key: 'status',
      width: 100,
      render: (_: unknown, user: User) => (
        <Space size={4}>
          {user.enabled ? <Tag color="green">{t.enabled}</Tag> : <Tag>{t.disabled}</Tag>}
          {user.locked ? <Tag color="red">{t.locked}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t.createdAt,
      dataIndex: 'createdAt',
      width: 110,
      responsive: ['xxl'],
      render: (at: string) => formatDate(at),
    },
    {
      title: t.actions,
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_: unknown, user: User) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            data-testid={`admin-user-edit-${user.username}`}
            onClick={() => setEditing(user)}
          >
            {messages.admin.edit}
          </Button>
          {user.enabled ? (
            <Popconfirm
              title={t.confirmDisable(user.displayName)}
              okText={t.disable}
              okButtonProps={{ danger: true, 'data-testid': 'admin-user-disable-confirm' } as ButtonProps}
              cancelText={messages.admin.cancel}
              onConfirm={() => toggle.mutate(user)}
            >
              <Button type="link" size="small" danger data-testid={`admin-user-toggle-${user.username}`}>
                {t.disable}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              data-testid={`admin-user-toggle-${user.username}`}
              onClick={() => toggle.mutate(user)}
            >
              {t.enable}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            data-testid={`admin-user-reset-${user.username}`}
            onClick={() => setResetting(user)}
          >
            {t.resetPassword}
          </Button>
        </Space>
      ),
    },
  ];

  const toolbar = (
    <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t.search}
          style={{ width: 240 }}
          data-testid="admin-user-search"
          onSearch={(q) => filter({ q: q.trim() })}
        />
        <Select
          allowClear
          placeholder={t.allRoles}
          style={{ width: 180 }}
          options={ROLES.map((value) => ({ value, label: roleLabel(value) }))}
          onChange={(role?: Role) => filter({ role })}
        />
        <Select
          allowClear
          placeholder={t.allStatus}
          style={{ width: 120 }}
          options={[
            { value: 'true', label: t.enabled },
            { value: 'false', label: t.disabled },
          ]}
          onChange={(enabled?: 'true' | 'false') => filter({ enabled })}
        />
      </Space>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        data-testid="admin-user-create"
        onClick={() => setEditing('new')}
      >
        {t.create}
      </Button>
    </Space>
  );

  return (
    <>
      <PagedTableCard<User>
        title={t.title}
        subtitle={t.subtitle}
        emptyText={t.empty}
        rowKey="id"
        columns={columns}
        scrollX={1100}
        query={query}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        toolbar={toolbar}
        rowTestId={(user) => `admin-user-row-${user.username}`}
      />
      <UserFormModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <RevealModal user={revealing} onClose={() => setRevealing(null)} />
    </>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const reset = useAdminMutation({
    mutationFn: async ({ id, password }: { id: string; password: string }) =>
      unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { password } })),
    invalidates: ['users'],
    success: (saved) => t.resetDone(saved.displayName),
    onSuccess: onClose,
  });
  return (
    <Modal
      open={user !== null}
      title={user ? t.resetTitle(user.displayName) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form<{ password: string }>
        layout="vertical"
        data-testid="admin-user-reset-form"
        onFinish={({ password }) => user && reset.mutate({ id: user.id, password })}
      >
        <Form.Item
          name="password"
          label={t.newPassword}
          extra={t.passwordHint}
          rules={[{ required: true, message: t.required(t.newPassword) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <FormFooter onCancel={onClose} loading={reset.isPending} submitText={t.resetPassword} />
      </Form>
    </Modal>
  );
}

/** The full phone and e-mail, only with a stated reason; the gateway writes it to the audit log. */
function RevealModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [shown, setShown] = useState<{ phone?: string | null; email?: string | null } | null>(null);
  const reveal = useAdminMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      unwrap(
        await api.POST('/api/v1/users/{id}/reveal', {
          params: { path: { id } },
          body: { fields: ['phone', 'email'], reason },
        }),
      ),
    invalidates: ['audit'],
    onSuccess: setShown,
  });
  const close = () => {
    setShown(null);
    onClose();
  };
  return (
    <Modal
      open={user !== null}
      title={user ? t.revealTitle(user.displayName) : ''}
      onCancel={close}
      footer={null}
      destroyOnHidden
    >
      {shown ? (
        <Descriptions column={1} bordered size="small" title={t.revealed} data-testid="admin-user-revealed">
          <Descriptions.Item label={t.phone}>{shown.phone ?? messages.common.none}</Descriptions.Item>
          <Descriptions.Item label={t.email}>{shown.email ?? messages.common.none}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Form<{ reason: string }>
          layout="vertical"
          data-testid="admin-user-reveal-form"
          onFinish={({ reason }) => user && reveal.mutate({ id: user.id, reason: reason.trim() })}
        >
          <Form.Item
            name="reason"
            label={t.revealReason}
            extra={t.revealReasonHint}
            rules={[{ required: true, whitespace: true, min: 2, message: t.revealReasonRequired }]}
          >
            <Input />
          </Form.Item>
          <FormFooter onCancel={close} loading={reveal.isPending} submitText={t.reveal} />
        </Form>
      )}
    </Modal>
  );
}
