import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Flex, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { PagedTableCard } from '../../components/paged-table-card';
import { messages } from '../../i18n/messages';
import { formatWanYuan } from '../../lib/format';
import { useProjectCase } from './enterprise-queries';

type ProjectPage = paths['/api/v1/projects']['get']['responses'][200]['content']['application/json'];
type Project = ProjectPage['items'][number];

const t = messages.projects;
const PAGE_SIZE = 10;

function CaseState({ projectId }: { projectId: string }) {
  const query = useProjectCase(projectId);
  if (query.isPending) return <Typography.Text type="secondary">{messages.common.loading}</Typography.Text>;
  if (query.isError) return <Typography.Text type="danger">{query.error.message}</Typography.Text>;
  if (query.data === null) return <Typography.Text type="secondary">{t.noCase}</Typography.Text>;
  return <Tag color="blue">{messages.caseStates[query.data.state] ?? query.data.state}</Tag>;
}

const columns: ColumnsType<Project> = [
  {
    title: t.name,
    dataIndex: 'name',
    ellipsis: true,
    render: (name: string, project: Project) => <Link to={`/my/projects/${project.projectId}`}>{name}</Link>,
  },
  {
    title: t.investment,
    dataIndex: 'totalInvestment',
    width: 140,
    render: (value: string) => formatWanYuan(value),
  },
  { title: t.park, dataIndex: 'parkName', width: 180, responsive: ['md'] },
  {
    title: t.progress,
    key: 'case',
    width: 220,
    render: (_: unknown, project: Project) => (
      <Space wrap size={4}>
        <CaseState projectId={project.projectId} />
        <Link to={`/my/projects/${project.projectId}`}>{t.viewCase}</Link>
      </Space>
    ),
  },
];

/** 企业 home: my projects, each with the way to its approvals timeline, and registering a new one. */
export function EnterpriseProjects() {
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['projects', { page, pageSize: PAGE_SIZE }],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="enterprise-new-project"
          onClick={() => void navigate('/my/projects/new')}
        >
          {messages.enterprise.newProject}
        </Button>
      </Flex>
      <PagedTableCard<Project>
        title={t.title}
        subtitle={t.subtitle}
        emptyText={t.empty}
        rowKey="projectId"
        columns={columns}
        scrollX={640}
        query={query}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
      />
    </Space>
  );
}
