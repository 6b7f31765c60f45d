import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Rate,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { messages } from '../../i18n/messages';
import { formatDate, formatWanYuan } from '../../lib/format';
import {
  useCaseLedger,
  useCasePlan,
  useProject,
  useProjectCase,
  type CaseDetail,
  type ProjectDetail,
} from './enterprise-queries';
import { ItemTimeline } from './item-timeline';

const t = messages.enterprise;

function Loading() {
  return (
    <Spin description={messages.common.loading}>
      <div style={{ height: 120 }} />
    </Spin>
  );
}

/** A change to the case: on success it says so, and the case and everything keyed under it are read again. */
function useCaseChange<V>(change: (values: V) => Promise<unknown>, success: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => {
      void message.success(success);
      void queryClient.invalidateQueries({ queryKey: ['case'] });
    },
  });
}

function ProjectHeader({ project }: { project: ProjectDetail }) {
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {project.name}
      </Typography.Title>
      {project.agencyRequired ? (
        <Alert
          type="success"
          showIcon
          title={t.project.agencyIncluded}
          data-testid="project-agency-included"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t.project.code}>
          {project.projectCode ?? t.project.noCode}
        </Descriptions.Item>
        <Descriptions.Item label={t.project.investment}>
          {formatWanYuan(project.totalInvestment)}
        </Descriptions.Item>
        <Descriptions.Item label={t.project.park}>{project.parkName}</Descriptions.Item>
        <Descriptions.Item label={t.project.chain}>{project.industryChain}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function OptIn({ project }: { project: ProjectDetail }) {
  const open = useCaseChange(
    async () =>
      unwrap(await api.POST('/api/v1/projects/{id}/case', { params: { path: { id: project.projectId } } })),
    t.project.optInDone,
  );
  if (project.agencyRequired) return <Alert type="info" showIcon title={t.project.noCaseMandatory} />;
  return (
    <Card>
      <Space orientation="vertical">
        <Typography.Text>{t.project.noCase}</Typography.Text>
        {open.isError ? <Alert type="error" showIcon title={open.error.message} /> : null}
        <Button
          type="primary"
          loading={open.isPending}
          onClick={() => open.mutate(undefined)}
          data-testid="case-opt-in"
        >
          {t.project.optIn}
        </Button>
      </Space>
    </Card>
  );
}

interface AgreementValues {
  signedOn: Dayjs;
  serviceLevel: 'agency' | 'accompany';
}

function AgreementCard({ detail }: { detail: CaseDetail }) {
  const a = t.agreement;
  const sign = useCaseChange(
    async (values: AgreementValues) =>
      unwrap(
        await api.POST('/api/v1/cases/{id}/agreement', {
          params: { path: { id: detail.id } },
          body: {
            signedOn: values.signedOn.format('YYYY-MM-DD'),
            coverage: 'whole',
            serviceLevel: values.serviceLevel,
            expectedVersion: detail.version,
          },
        }),
      ),
    a.success,
  );
  if (detail.agreementSignedOn) {
    return (
      <Typography.Text data-testid="agreement-signed">
        {a.signed(
          formatDate(detail.agreementSignedOn),
          detail.serviceLevel ? a.levels[detail.serviceLevel] : null,
        )}
      </Typography.Text>
    );
  }
  if (detail.state !== 'awaiting_agreement') return null;
  return (
    <Card title={a.title} data-testid="agreement-card" style={{ borderColor: '#1f5fbf', marginTop: 16 }}>
      <Typography.Paragraph>{a.intro}</Typography.Paragraph>
      {sign.isError ? (
        <Alert type="error" showIcon title={sign.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<AgreementValues>
        layout="vertical"
        initialValues={{ signedOn: dayjs(), serviceLevel: 'agency' }}
        onFinish={(values) => sign.mutate(values)}
        disabled={sign.isPending}
      >
        <Form.Item name="signedOn" label={a.signedOn} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} />
        </Form.Item>
        <Form.Item name="serviceLevel" label={a.serviceLevel}>
          <Radio.Group
            options={(['agency', 'accompany'] as const).map((level) => ({
              value: level,
              label: a.levels[level],
            }))}
          />
        </Form.Item>
        <Form.Item label={a.coverage}>
          <Typography.Text>{a.coverageWhole}</Typography.Text>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sign.isPending} data-testid="agreement-sign">
          {a.sign}
        </Button>
      </Form>
    </Card>
  );
}

interface RatingValues {
  rating: number;
  comment?: string;
}

function RatingCard({ detail }: { detail: CaseDetail }) {
  const r = t.rating;
  const rate = useCaseChange(
    async (values: RatingValues) =>
      unwrap(
        await api.POST('/api/v1/cases/{id}/actions', {
          params: { path: { id: detail.id } },
          body: {
            action: 'close',
            rating: values.rating,
            comment: values.comment?.trim() || undefined,
            expectedVersion: detail.version,
          },
        }),
      ),
    r.success,
  );
  if (detail.state === 'closed' && detail.rating !== null) {
    return (
      <Card title={r.title} data-testid="rating-done">
        <Space orientation="vertical">
          <Space>
            <Rate disabled value={detail.rating} />
            <Typography.Text>{r.done(detail.rating)}</Typography.Text>
          </Space>
          {detail.ratingComment ? (
            <Typography.Text type="secondary">{detail.ratingComment}</Typography.Text>
          ) : null}
        </Space>
      </Card>
    );
  }
  if (detail.state !== 'handed_over') return null;
  return (
    <Card title={r.title} data-testid="rating-card" style={{ borderColor: '#1f5fbf' }}>
      <Typography.Paragraph>{r.intro}</Typography.Paragraph>
      {rate.isError ? (
        <Alert type="error" showIcon title={rate.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<RatingValues>
        layout="vertical"
        onFinish={(values) => rate.mutate(values)}
        disabled={rate.isPending}
      >
        <Form.Item name="rating" label={r.score} rules={[{ required: true, message: r.scoreRequired }]}>
          <Rate data-testid="rating-stars" />
        </Form.Item>
        <Form.Item name="comment" label={r.comment}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={r.commentPlaceholder} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="rating-submit">
          {r.submit}
        </Button>
      </Form>
    </Card>
  );
}

function CaseSection({ detail }: { detail: CaseDetail }) {
  const plan = useCasePlan(detail.items.length > 0 ? detail.id : undefined);
  const ledger = useCaseLedger(detail.items.length > 0 ? detail.id : undefined);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t.project.caseState}>
            <Tag color="blue" data-testid="case-state" data-state={detail.state}>
              {messages.caseStates[detail.state] ?? detail.state}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t.project.agent}>
            {detail.agentUserId ? t.project.agentAssigned : t.project.agentPending}
          </Descriptions.Item>
          <Descriptions.Item label={messages.casePage.opened}>
            {formatDate(detail.openedAt)}
          </Descriptions.Item>
        </Descriptions>
        {detail.state === 'terminated' ? (
          <Alert type="warning" showIcon title={t.project.terminated(detail.terminationReason)} />
        ) : (
          <AgreementCard detail={detail} />
        )}
      </Card>
      <RatingCard detail={detail} />
      <Card title={t.timeline.title}>
        <Typography.Paragraph type="secondary">{t.timeline.subtitle}</Typography.Paragraph>
        <ItemTimeline items={detail.items} plan={plan.data} ledger={ledger.data?.entries} />
      </Card>
    </Space>
  );
}

/** `/my/projects/:id`: the enterprise's own view of a project, its case, agreement, timeline and rating. */
export function ProjectProgressPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  const kase = useProjectCase(id);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Link to="/">{t.project.back}</Link>
      {project.isPending ? (
        <Loading />
      ) : project.isError ? (
        <Alert type="error" showIcon title={project.error.message} />
      ) : (
        <ProjectHeader project={project.data} />
      )}
      {kase.isPending ? (
        <Loading />
      ) : kase.isError ? (
        <Alert type="error" showIcon title={kase.error.message} />
      ) : kase.data === null ? (
        project.data ? (
          <OptIn project={project.data} />
        ) : null
      ) : (
        <CaseSection detail={kase.data} />
      )}
    </Space>
  );
}
