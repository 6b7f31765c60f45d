import { Form, Input, Radio, Select } from 'antd';
import type { Role, Scope } from '../../api/me';
import { departmentsOf, useCatalog, useCounties, useParks } from '../../api/reference';
import { messages } from '../../i18n/messages';

const t = messages.scopeForm;

/** Mirrors ROLE_SCOPE_KINDS of libs/auth (the gateway refuses any other pair). */
export const ROLE_SCOPE_KINDS: Record<Role, readonly Scope['kind'][]> = {
  admin: ['city'],
  center_director: ['park'],
  agent: ['park'],
  department_officer: ['department'],
  enterprise: ['enterprise'],
  leader: ['county', 'city'],
  auditor: ['none'],
};

/** The form's flat fields for a scope; `scopeFrom` turns them into the API's shape. */
export interface ScopeValues {
  scopeKind: Scope['kind'];
  countyCode?: string;
  parkId?: string;
  departmentCode?: string;
  departmentCountyCode?: string | null;
  enterpriseId?: string;
}

export function scopeFrom(values: ScopeValues): Scope {
  switch (values.scopeKind) {
    case 'city':
      return { kind: 'city' };
    case 'county':
      return { kind: 'county', countyCode: values.countyCode ?? '' };
    case 'park':
      return { kind: 'park', parkId: values.parkId ?? '' };
    case 'department':
      return {
        kind: 'department',
        departmentCode: values.departmentCode ?? '',
        countyCode: values.departmentCountyCode ?? null,
      };
    case 'enterprise':
      return { kind: 'enterprise', enterpriseId: values.enterpriseId?.trim() ?? '' };
    case 'none':
      return { kind: 'none' };
  }
}

export function scopeValues(scope: Scope): ScopeValues {
  switch (scope.kind) {
    case 'county':
      return { scopeKind: 'county', countyCode: scope.countyCode };
    case 'park':
      return { scopeKind: 'park', parkId: scope.parkId };
    case 'department':
      return {
        scopeKind: 'department',
        departmentCode: scope.departmentCode,
        departmentCountyCode: scope.countyCode,
      };
    case 'enterprise':
      return { scopeKind: 'enterprise', enterpriseId: scope.enterpriseId };
    default:
      return { scopeKind: scope.kind };
  }
}

const selectRule = (field: string) => [{ required: true, message: messages.users.requiredSelect(field) }];

/** The scope part of the user form: which fields show depends on the role and the kind chosen. */
export function ScopeFields({ role }: { role: Role | undefined }) {
  const form = Form.useFormInstance();
  const kind = Form.useWatch<Scope['kind'] | undefined>('scopeKind', form);
  const kinds = role ? ROLE_SCOPE_KINDS[role] : [];
  const counties = useCounties();
  const parks = useParks(kind === 'park');
  const catalog = useCatalog(undefined, kind === 'department');
  const countyOptions = (counties.data ?? []).map((c) => ({ value: c.code, label: c.name }));

  return (
    <>
      {kinds.length > 1 ? (
        <Form.Item name="scopeKind" label={t.kind} rules={selectRule(t.kind)}>
          <Radio.Group
            data-testid="admin-user-scope-kind"
            options={kinds.map((value) => ({ value, label: t.kinds[value] }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="scopeKind" hidden>
          <Input />
        </Form.Item>
      )}
      {kind === 'county' ? (
        <Form.Item name="countyCode" label={t.county} rules={selectRule(t.county)}>
          <Select
            data-testid="admin-user-county"
            options={countyOptions}
            loading={counties.isPending}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      ) : null}
      {kind === 'park' ? (
        <Form.Item name="parkId" label={t.park} rules={selectRule(t.park)}>
          <Select
            data-testid="admin-user-park"
            loading={parks.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(parks.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.countyName}）` }))}
          />
        </Form.Item>
      ) : null}
      {kind === 'department' ? (
        <>
          <Form.Item name="departmentCode" label={t.department} rules={selectRule(t.department)}>
            <Select
              data-testid="admin-user-department"
              loading={catalog.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={departmentsOf(catalog.data).map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
          <Form.Item name="departmentCountyCode" label={t.departmentCounty} extra={t.departmentCountyHint}>
            <Select data-testid="admin-user-department-county" allowClear options={countyOptions} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'enterprise' ? <EnterpriseField /> : null}
    </>
  );
}

/**
 * The admin may not read enterprises (三权分立: the registry admits only park staff, leaders and the
 * enterprise), and asking anyway would write a denied access to the audit log: the id is typed in.
 */
function EnterpriseField() {
  return (
    <Form.Item
      name="enterpriseId"
      label={t.enterpriseId}
      extra={t.enterpriseIdHint}
      rules={[{ required: true, whitespace: true, message: messages.users.required(t.enterpriseId) }]}
    >
      <Input data-testid="admin-user-enterprise" autoComplete="off" />
    </Form.Item>
  );
}
