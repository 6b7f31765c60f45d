import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ComponentType } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { PagedTableCard } from '../../components/paged-table-card';
import { messages } from '../../i18n/messages';
import { formatWanYuan } from '../../lib/format';
import { AssignAgentForm } from './assign-agent-form';
import {
  agentName,
  BOARD_KEY,
  useAgents,
  useProjectCase,
  type CaseView,
  type Project,
} from './board-queries';

const t = messages.cases;
const PAGE_SIZE = 10;
const FLAGS = ['greenChannel', 'major'] as const;
/** The case states in which the workflow accepts `assign_agent`. */
const ASSIGNABLE = new Set<CaseView['state']>(['agreement_signed', 'in_progress', 'suspended']);

function ProjectCell({ project }: { project: Project }) {
  const theCase = useProjectCase(project.projectId);
  const testId = `director-project-${project.projectId}`;
  return theCase.data ? (
    <Link to={`/cases/${theCase.data.id}`} data-testid={testId}>
      {project.name}
    </Link>
  ) : (
    <Typography.Text data-testid={testId}>{project.name}</Typography.Text>
  );
}

function StateCell({ projectId }: { projectId: string }) {
  const theCase = useProjectCase(projectId);
  if (theCase.isPending) return <Typography.Text type="secondary">{messages.common.loading}</Typography.Text>;
  if (theCase.isError) return <Typography.Text type="danger">{theCase.error.message}</Typography.Text>;
  if (theCase.data === null) return <Typography.Text type="secondary">{t.noCase}</Typography.Text>;
  return (
    <Tag data-testid={`director-case-state-${theCase.data.id}`}>
      {messages.caseStates[theCase.data.state] ?? theCase.data.state}
    </Tag>
  );
}

function AgentCell({ projectId }: { projectId: string }) {
  const theCase = useProjectCase(projectId);
  const agents = useAgents();
  if (!theCase.data) return null;
  const { agentUserId } = theCase.data;
  if (agentUserId === null) return <Typography.Text type="warning">{t.unassigned}</Typography.Text>;
  return <span>{agentName(agents.data?.rows, agentUserId) ?? messages.agents.unnamed}</span>;
}

function AssignCell({ projectId }: { projectId: string }) {
  const theCase = useProjectCase(projectId);
  const agents = useAgents();
  const [open, setOpen] = useState(false);
  const caseView = theCase.data;
  if (!caseView || !ASSIGNABLE.has(caseView.state)) return null;
  return (
    <>
      <Button
        size="small"
        type={caseView.agentUserId ? 'default' : 'primary'}
        onClick={() => setOpen(true)}
        data-testid={`director-assign-${caseView.id}`}
      >
        {caseView.agentUserId ? t.reassign : t.assign}
      </Button>
      <Modal
        open={open}
        title={messages.assign.title(caseView.projectName)}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <AssignAgentForm
          caseView={caseView}
          agents={agents.data?.rows ?? []}
          onDone={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        />
      </Modal>
    </>
  );
}

/** 绿色通道 / 重大项目 live on the project (registry); only a center director may set them. */
function FlagSwitches({ project }: { project: Project }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const update = useMutation({
    mutationFn: async (flags: { greenChannel?: boolean; major?: boolean }) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: project.projectId } },
          body: { version: project.version, ...flags },
        }),
      ),
    onSuccess: async () => {
      void message.success(t.flagSaved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [BOARD_KEY] }),
        queryClient.invalidateQueries({ queryKey: ['project-case', project.projectId] }),
      ]);
    },
    onError: (error) => void message.error(error.message),
  });
  return (
    <Space orientation="vertical" size={4}>
      {FLAGS.map((flag) => (
        <Space size={4} key={flag}>
          <Switch
            size="small"
            checked={project[flag]}
            loading={update.isPending}
            onChange={(on) => update.mutate(flag === 'major' ? { major: on } : { greenChannel: on })}
            aria-label={t[flag]}
            data-testid={`director-${flag === 'greenChannel' ? 'green' : 'major'}-${project.projectId}`}
          />
          <span>{t[flag]}</span>
        </Space>
      ))}
    </Space>
  );
}

/** A column whose cell reads the row's case (one shared query per project). */
const caseCell = (Cell: ComponentType<{ projectId: string }>) => (_: unknown, project: Project) => (
  <Cell projectId={project.projectId} />
);

const columns: ColumnsType<Project> = [
  {
    title: t.project,
    key: 'name',
    ellipsis: true,
    render: (_: unknown, project: Project) => <ProjectCell project={project} />,
  },
  {
    title: t.investment,
    dataIndex: 'totalInvestment',
    width: 120,
    responsive: ['lg'],
    render: (value: string) => formatWanYuan(value),
  },
  { title: t.state, key: 'state', width: 120, render: caseCell(StateCell) },
  { title: t.agent, key: 'agent', width: 120, render: caseCell(AgentCell) },
  {
    title: t.flags,
    key: 'flags',
    width: 130,
    render: (_: unknown, project: Project) => <FlagSwitches project={project} />,
  },
  { title: t.actions, key: 'actions', width: 90, render: caseCell(AssignCell) },
];

/** The park's projects (the caller's scope) with their case, agent and flags. */
export function ParkCases() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [BOARD_KEY, 'projects', { page, pageSize: PAGE_SIZE }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/projects', {
          params: { query: { page, pageSize: PAGE_SIZE, sort: 'totalInvestment', order: 'desc' } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <div data-testid="director-cases">
      <PagedTableCard<Project>
        title={t.title}
        subtitle={t.subtitle}
        emptyText={t.empty}
        rowKey="projectId"
        columns={columns}
        scrollX={720}
        query={query}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
      />
    </div>
  );
}
