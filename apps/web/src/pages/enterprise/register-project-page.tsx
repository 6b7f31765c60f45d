import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api/client';
import { useMe } from '../../api/me';
import { useParks } from '../../api/reference';
import type { paths } from '../../api/schema';
import { messages } from '../../i18n/messages';
import { formatWanYuan } from '../../lib/format';

type RegisterBody = paths['/api/v1/projects']['post']['requestBody']['content']['application/json'];
type Registered = paths['/api/v1/projects']['post']['responses'][201]['content']['application/json'];
type IndustryChain = RegisterBody['industryChain'];

const t = messages.enterprise.register;

/** The API's enum, spelled out so the form can offer it; a new chain in the API is a compile error here. */
const CHAIN_SET: Record<IndustryChain, true> = {
  绿色钢铁: true,
  绿色石化: true,
  绿色能源: true,
  新能源汽车: true,
  海洋生物医药: true,
  数字软件与电子信息: true,
  农海产品加工: true,
  家电: true,
  造纸: true,
  羽绒纺织: true,
  先进材料: true,
  先进装备: true,
  其他: true,
};
const CHAINS = Object.keys(CHAIN_SET) as IndustryChain[];

/** DOMAIN.md: 全程代办 is mandatory strictly above 10000 万元. */
export const AGENCY_THRESHOLD_WAN = 10_000;
const WAN_YUAN = /^\d{1,12}(\.\d{1,2})?$/;
const PROJECT_CODE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;

export function overAgencyThreshold(wan: string | undefined): boolean {
  return wan !== undefined && WAN_YUAN.test(wan) && Number(wan) > AGENCY_THRESHOLD_WAN;
}

interface FormValues {
  name: string;
  projectCode?: string;
  totalInvestment: string;
  parkId: string;
  industryChain: IndustryChain;
  stage: 'signed' | 'pipeline';
  constructionStartOn?: Dayjs | null;
  productionStartOn?: Dayjs | null;
  description?: string;
}

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);

/** A refusal with the API's per-field messages (`details: [{field, message}]`) kept for the form. */
class FieldErrors extends ApiError {
  constructor(
    message: string,
    status: number,
    readonly fields: { field: string; message: string }[],
  ) {
    super(message, status);
  }
}

function fieldDetails(error: unknown): { field: string; message: string }[] {
  const details = (error as { details?: unknown } | undefined)?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is { field: string; message: string } =>
      typeof d === 'object' && d !== null && typeof d.field === 'string' && typeof d.message === 'string',
  );
}

/** The form's field for an API field path (`plannedDates.constructionStartOn`, `projectCode.region`…). */
function formField(apiField: string): keyof FormValues | null {
  const head = apiField.split('.')[0];
  if (head === 'plannedDates') {
    const leaf = apiField.split('.')[1];
    return leaf === 'constructionStartOn' || leaf === 'productionStartOn' ? leaf : null;
  }
  const known: (keyof FormValues)[] = [
    'name',
    'projectCode',
    'totalInvestment',
    'parkId',
    'industryChain',
    'stage',
    'description',
  ];
  return known.includes(head as keyof FormValues) ? (head as keyof FormValues) : null;
}

function RegisteredResult({ project }: { project: Registered }) {
  return (
    <div data-testid="enterprise-register-result">
      <Result
        status="success"
        title={t.success}
        subTitle={project.name}
        extra={[
          <Link key="view" to={`/my/projects/${project.projectId}`}>
            <Button type="primary">{t.viewProject}</Button>
          </Link>,
          <Link key="list" to="/">
            <Button>{t.backToList}</Button>
          </Link>,
        ]}
      >
        {project.agencyRequired ? (
          <Alert
            type="success"
            showIcon
            data-testid="enterprise-agency-included"
            title={t.agencyIncluded}
            description={t.agencyNextStep}
          />
        ) : (
          <Alert type="info" showIcon title={t.voluntary} />
        )}
      </Result>
    </div>
  );
}

/** `/my/projects/new`: the enterprise registers one of its own projects. */
export function RegisterProjectPage() {
  const [form] = Form.useForm<FormValues>();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [registered, setRegistered] = useState<Registered | null>(null);
  const investment = Form.useWatch('totalInvestment', form);
  const parks = useParks();
  const scope = me.data?.scope;
  const enterpriseId = scope?.kind === 'enterprise' ? scope.enterpriseId : null;

  const mutation = useMutation({
    mutationFn: async (values: FormValues) => {
      const body: RegisterBody = {
        name: values.name.trim(),
        enterpriseId: enterpriseId ?? '',
        parkId: values.parkId,
        totalInvestment: values.totalInvestment.trim(),
        industryChain: values.industryChain,
        stage: values.stage,
        projectCode: values.projectCode?.trim() || null,
        plannedDates: {
          constructionStartOn: day(values.constructionStartOn),
          productionStartOn: day(values.productionStartOn),
        },
        description: values.description?.trim() || null,
      };
      const result = await api.POST('/api/v1/projects', { body });
      if (result.error !== undefined || result.data === undefined) {
        throw new FieldErrors(errorMessage(result.error), result.response.status, fieldDetails(result.error));
      }
      return result.data;
    },
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      setRegistered(project);
    },
    onError: (error) => {
      if (!(error instanceof FieldErrors)) return;
      form.setFields(
        error.fields.flatMap((detail) => {
          const name = formField(detail.field);
          return name ? [{ name, errors: [detail.message] }] : [];
        }),
      );
    },
  });

  if (registered) return <RegisteredResult project={registered} />;

  const parkOptions = (parks.data ?? [])
    .filter((park) => park.active)
    .map((park) => ({ value: park.id, label: t.parkOption(park.countyName, park.name) }));
  const over = overAgencyThreshold(investment);

  return (
    <Card style={{ maxWidth: 880 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Link to="/">{t.back}</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        {mutation.isError ? <Alert type="error" showIcon title={mutation.error.message} /> : null}
        {parks.isError ? <Alert type="error" showIcon title={parks.error.message} /> : null}
        <Form<FormValues>
          form={form}
          layout="vertical"
          data-testid="enterprise-register-form"
          initialValues={{ stage: 'signed' }}
          onFinish={(values) => mutation.mutate(values)}
          disabled={mutation.isPending}
        >
          <Form.Item
            name="name"
            label={t.name}
            rules={[{ required: true, whitespace: true, message: t.nameRequired }, { max: 200 }]}
          >
            <Input placeholder={t.namePlaceholder} maxLength={200} data-testid="register-name" />
          </Form.Item>
          <Form.Item
            name="projectCode"
            label={t.projectCode}
            extra={t.projectCodeHelp}
            rules={[{ pattern: PROJECT_CODE, message: t.projectCodeFormat }]}
          >
            <Input maxLength={24} data-testid="register-project-code" />
          </Form.Item>
          <Form.Item
            name="totalInvestment"
            label={t.investment}
            extra={
              investment && WAN_YUAN.test(investment)
                ? t.investmentPreview(formatWanYuan(investment))
                : t.investmentHelp
            }
            rules={[
              { required: true, message: t.investmentRequired },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value) return;
                  if (!WAN_YUAN.test(value.trim()) || Number(value) <= 0) throw new Error(t.investmentFormat);
                },
              },
            ]}
          >
            <Input inputMode="decimal" suffix={t.investmentUnit} data-testid="register-investment" />
          </Form.Item>
          {over ? (
            <Alert
              type="info"
              showIcon
              title={t.agencyPreview}
              data-testid="register-agency-preview"
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form.Item name="parkId" label={t.park} rules={[{ required: true, message: t.parkRequired }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={parkOptions}
              loading={parks.isPending}
              data-testid="register-park"
            />
          </Form.Item>
          <Form.Item
            name="industryChain"
            label={t.industryChain}
            rules={[{ required: true, message: t.industryChainRequired }]}
          >
            <Select
              options={CHAINS.map((chain) => ({ value: chain, label: chain }))}
              data-testid="register-chain"
            />
          </Form.Item>
          <Form.Item name="stage" label={t.stage}>
            <Radio.Group
              options={(['signed', 'pipeline'] as const).map((stage) => ({
                value: stage,
                label: t.stages[stage],
              }))}
            />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="constructionStartOn" label={t.plannedConstructionStart}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="productionStartOn" label={t.plannedProductionStart}>
              <DatePicker format="YYYY-MM-DD" />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t.description}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t.descriptionPlaceholder} />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={mutation.isPending}
              disabled={!enterpriseId}
              data-testid="enterprise-register-submit"
            >
              {t.submit}
            </Button>
            <Button onClick={() => void navigate('/')}>{t.cancel}</Button>
          </Space>
        </Form>
      </Space>
    </Card>
  );
}
