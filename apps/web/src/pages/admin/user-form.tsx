import { Form, Input, Modal, Select, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { roleLabel, type Role } from '../../api/me';
import { messages } from '../../i18n/messages';
import { useAdminMutation, type User } from './admin-api';
import { FormFooter } from './admin-ui';
import { ROLE_SCOPE_KINDS, ScopeFields, scopeFrom, scopeValues, type ScopeValues } from './scope-fields';

const t = messages.users;
export const ROLES = Object.keys(messages.roles) as Role[];
const roleOptions = ROLES.map((value) => ({ value, label: roleLabel(value) }));

interface UserFormValues extends ScopeValues {
  username: string;
  displayName: string;
  role: Role;
  phone?: string;
  email?: string;
  password: string;
}

const PHONE = /^1[3-9]\d{9}$/;
const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Create (no `user`) or change role, scope, name and contacts of one user. */
export function UserFormModal({ user, onClose }: { user: User | null | 'new'; onClose: () => void }) {
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch('role', form);
  const editing = user !== null && user !== 'new' ? user : null;

  const save = useAdminMutation({
    mutationFn: async (values: UserFormValues) => {
      const common = {
        displayName: values.displayName.trim(),
        role: values.role,
        scope: scopeFrom(values),
        phone: blankToUndefined(values.phone),
        email: blankToUndefined(values.email),
      };
      if (editing) {
        return unwrap(
          await api.PATCH('/api/v1/users/{id}', { params: { path: { id: editing.id } }, body: common }),
        );
      }
      return unwrap(
        await api.POST('/api/v1/users', {
          body: { ...common, username: values.username.trim(), password: values.password },
        }),
      );
    },
    invalidates: ['users'],
    success: (saved) => (editing ? messages.admin.saved : t.created(saved.displayName)),
    onSuccess: onClose,
  });

  const onRoleChange = (next: Role) => form.setFieldsValue({ scopeKind: ROLE_SCOPE_KINDS[next][0] });
  const initial: Partial<UserFormValues> | undefined = editing
    ? { displayName: editing.displayName, role: editing.role, ...scopeValues(editing.scope) }
    : undefined;

  return (
    <Modal
      open={user !== null}
      title={editing ? t.editTitle(editing.displayName) : t.create}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      {editing ? <Typography.Paragraph type="secondary">{t.editHint}</Typography.Paragraph> : null}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        data-testid="admin-user-form"
      >
        {editing ? null : (
          <Form.Item
            name="username"
            label={t.username}
            rules={[
              { required: true, message: t.required(t.username) },
              { pattern: USERNAME, message: t.usernameInvalid },
            ]}
          >
            <Input autoComplete="off" data-testid="admin-user-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t.displayName}
          rules={[{ required: true, message: t.required(t.displayName) }]}
        >
          <Input data-testid="admin-user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t.role} rules={[{ required: true, message: t.requiredSelect(t.role) }]}>
          <Select data-testid="admin-user-role" options={roleOptions} onChange={onRoleChange} />
        </Form.Item>
        <ScopeFields role={role} />
        <Form.Item name="phone" label={t.phone} rules={[{ pattern: PHONE, message: t.phoneInvalid }]}>
          <Input data-testid="admin-user-phone" inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t.email} rules={[{ type: 'email', message: t.emailInvalid }]}>
          <Input data-testid="admin-user-email" />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t.password}
            extra={t.passwordHint}
            rules={[{ required: true, message: t.required(t.password) }]}
          >
            <Input.Password autoComplete="new-password" data-testid="admin-user-password" />
          </Form.Item>
        )}
        <FormFooter onCancel={onClose} loading={save.isPending} testId="admin-user-submit" />
      </Form>
    </Modal>
  );
}
