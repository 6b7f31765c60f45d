import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Descriptions, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { QueryView } from '../components/query-view';
import { messages } from '../i18n/messages';
import { formatDate } from '../lib/format';
import { lightTag } from '../lib/light-tag';
import { workingDaysText } from '../lib/working-days';
import { LedgerTab } from './case/ledger-tab';
import { NoticeList } from './case/notice-list';

// ECharts weighs a megabyte: the plan tab loads it when first opened.
const PlanTab = lazy(() => import('./case/plan-tab').then((module) => ({ default: module.PlanTab })));

export type CaseDetail = paths['/api/v1/cases/{id}']['get']['responses'][200]['content']['application/json'];
type CaseItem = CaseDetail['items'][number];
type Stage = CaseItem['stage'];

const t = messages.casePage;
const tabs = messages.caseTabs;
const TABS = ['items', 'ledger', 'plan', 'notice'] as const;
type TabKey = (typeof TABS)[number];
const STAGES: readonly Stage[] = ['land_planning', 'engineering_permit', 'construction_permit', 'completion'];

const columns: ColumnsType<CaseItem> = [
  { title: t.light, dataIndex: 'light', width: 90, render: (light: CaseItem['light']) => lightTag(light) },
  {
    title: t.item,
    dataIndex: 'name',
    ellipsis: true,
    render: (name: string, item: CaseItem) => <Link to={`/items/${item.id}`}>{name}</Link>,
  },
  { title: t.department, dataIndex: 'departmentName', width: 150 },
  {
    title: t.itemState,
    dataIndex: 'state',
    width: 110,
    render: (state: string) => messages.itemStates[state] ?? state,
  },
  { title: t.dueDate, dataIndex: 'dueDate', width: 120, render: (date: string | null) => formatDate(date) },
  {
    title: t.workingDaysLeft,
    key: 'left',
    width: 170,
    render: (_: unknown, item: CaseItem) => workingDaysText(item),
  },
];

/** Items of a case by stage, in the order the stages happen; stages without items are left out. */
export function groupByStage(items: readonly CaseItem[]): { stage: Stage; items: CaseItem[] }[] {
  return STAGES.map((stage) => ({ stage, items: items.filter((item) => item.stage === stage) })).filter(
    (group) => group.items.length > 0,
  );
}

function ItemsByStage({ items }: { items: readonly CaseItem[] }) {
  const groups = groupByStage(items);
  if (groups.length === 0) return <Empty description={t.empty} />;
  return (
    <Collapse
      defaultActiveKey={groups.map((group) => group.stage)}
      items={groups.map((group) => ({
        key: group.stage,
        label: (
          <Space>
            <span>{messages.stages[group.stage] ?? group.stage}</span>
            <Typography.Text type="secondary">{t.itemCount(group.items.length)}</Typography.Text>
          </Space>
        ),
        children: (
          <Table<CaseItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={group.items}
            pagination={false}
            scroll={{ x: 640 }}
          />
        ),
      }))}
    />
  );
}

function coverageText(detail: CaseDetail): string {
  if (!detail.coverage) return messages.common.none;
  const coverage = detail.coverage === 'whole' ? tabs.coverageWhole : tabs.coverageItems;
  return detail.serviceLevel === 'accompany' ? `${coverage}（${tabs.serviceAccompany}）` : coverage;
}

function CaseFacts({ detail }: { detail: CaseDetail }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      style={{ marginBottom: 16 }}
      data-testid="case-facts"
    >
      <Descriptions.Item label={t.state}>
        <span data-testid="case-state">{messages.caseStates[detail.state] ?? detail.state}</span>
        {detail.greenChannel ? (
          <Tag color="green" style={{ marginLeft: 8 }} data-testid="case-flag-green-channel">
            {t.greenChannel}
          </Tag>
        ) : null}
        {detail.major ? (
          <Tag color="volcano" data-testid="case-flag-major">
            {t.major}
          </Tag>
        ) : null}
        {detail.agencyRequired ? <Tag color="blue">{tabs.agencyRequired}</Tag> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t.opened}>{formatDate(detail.openedAt)}</Descriptions.Item>
      <Descriptions.Item label={t.agreement}>
        <span data-testid="case-agreement">
          {detail.agreementSignedOn
            ? t.agreementSigned(formatDate(detail.agreementSignedOn))
            : t.agreementPending}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={tabs.coverage}>{coverageText(detail)}</Descriptions.Item>
      <Descriptions.Item label={tabs.agent}>
        {detail.agentUserId ? tabs.agentAssigned : tabs.agentNone}
      </Descriptions.Item>
      <Descriptions.Item label={tabs.projectCode}>
        {detail.projectCode ?? tabs.projectCodeNone}
      </Descriptions.Item>
      {detail.terminationReason ? (
        <Descriptions.Item label={messages.caseStates.terminated}>
          {tabs.terminated(detail.terminationReason)}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

const tabLabel = (key: TabKey) => <span data-testid={`case-tab-${key}`}>{tabs[key]}</span>;

export function CaseView({ detail }: { detail: CaseDetail }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const requested = params.get('tab');
  const active: TabKey = TABS.find((key) => key === requested) ?? 'items';
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.title(detail.projectName)}
      </Typography.Title>
      <CaseFacts detail={detail} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams(key === 'items' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'items', label: tabLabel('items'), children: <ItemsByStage items={detail.items} /> },
          { key: 'ledger', label: tabLabel('ledger'), children: <LedgerTab caseId={detail.id} /> },
          {
            key: 'plan',
            label: tabLabel('plan'),
            children: (
              <Suspense fallback={<Spin description={messages.common.loading} />}>
                <PlanTab caseId={detail.id} />
              </Suspense>
            ),
          },
          {
            key: 'notice',
            label: tabLabel('notice'),
            children: (
              <>
                <Button
                  icon={<PrinterOutlined />}
                  style={{ marginBottom: 12 }}
                  onClick={() => void navigate(`/cases/${detail.id}/notice`)}
                  data-testid="case-notice-print-link"
                >
                  {messages.notice.printView}
                </Button>
                <NoticeList detail={detail} />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The case with its items, shared by the case page and the printable notice (one cache entry). */
export function useCase(id: string) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
  });
}

/** `/cases/:id`: the case's facts, its items by stage, 台账, 倒排工期 and 一次性告知. */
export function CasePage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Link to="/">{t.back}</Link>
      <QueryView query={query}>{(detail) => <CaseView detail={detail} />}</QueryView>
    </Space>
  );
}
