import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { PagedTableCard } from '../components/paged-table-card';
import { messages } from '../i18n/messages';
import { formatWanYuan } from '../lib/format';

type ProjectPage = paths['/api/v1/projects']['get']['responses'][200]['content']['application/json'];
type Project = ProjectPage['items'][number];

const t = messages.projects;
const PAGE_SIZE = 10;

/** The project's case, or null when none is open (404). */
function useProjectCase(projectId: string) {
  return useQuery({
    queryKey: ['project-case', projectId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/projects/{id}/case', { params: { path: { id: projectId } } });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

function CaseLink({ projectId }: { projectId: string }) {
  const query = useProjectCase(projectId);
  if (query.isPending) return <Typography.Text type="secondary">{messages.common.loading}</Typography.Text>;
  if (query.isError) return <Typography.Text type="danger">{query.error.message}</Typography.Text>;
  if (query.data === null) return <Typography.Text type="secondary">{t.noCase}</Typography.Text>;
  return <Link to={`/cases/${query.data.id}`}>{t.viewCase}</Link>;
}

const columns: ColumnsType<Project> = [
  { title: t.name, dataIndex: 'name', ellipsis: true },
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
    width: 160,
    render: (_: unknown, project: Project) => <CaseLink projectId={project.projectId} />,
  },
];

/** 企业 home: my projects, each with a link to how its approvals are going. */
export function EnterpriseProjects() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['projects', { page, pageSize: PAGE_SIZE }],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <PagedTableCard<Project>
      title={t.title}
      subtitle={t.subtitle}
      emptyText={t.empty}
      rowKey="projectId"
      columns={columns}
      scrollX={600}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
    />
  );
}
