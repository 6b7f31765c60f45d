import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { messages } from '../i18n/messages';
import { formatDate } from '../lib/format';
import { lightTag } from '../lib/light-tag';
import { workingDaysText } from '../lib/working-days';

export type CaseDetail = paths['/api/v1/cases/{id}']['get']['responses'][200]['content']['application/json'];
type CaseItem = CaseDetail['items'][number];
type Stage = CaseItem['stage'];

const t = messages.casePage;
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

export function CaseView({ detail }: { detail: CaseDetail }) {
  const groups = groupByStage(detail.items);
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.title(detail.projectName)}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t.state}>
          {messages.caseStates[detail.state] ?? detail.state}
          {detail.greenChannel ? (
            <Tag color="green" style={{ marginLeft: 8 }}>
              {t.greenChannel}
            </Tag>
          ) : null}
          {detail.major ? <Tag color="volcano">{t.major}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t.opened}>{formatDate(detail.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t.agreement}>
          {detail.agreementSignedOn
            ? t.agreementSigned(formatDate(detail.agreementSignedOn))
            : t.agreementPending}
        </Descriptions.Item>
      </Descriptions>
      {groups.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
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
      )}
    </Card>
  );
}

/** `/cases/:id`: the case with its items grouped by stage. */
export function CasePage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['case', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Link to="/">{t.back}</Link>
      {query.isPending ? (
        <Spin description={messages.common.loading}>
          <div style={{ height: 120 }} />
        </Spin>
      ) : query.isError ? (
        <Alert type="error" showIcon title={query.error.message} />
      ) : (
        <CaseView detail={query.data} />
      )}
    </Space>
  );
}
