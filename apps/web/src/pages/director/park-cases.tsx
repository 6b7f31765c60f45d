import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Modal, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { PagedTableCard } from '../../components/paged-table-card';
import { messages } from '../../i18n/messages';
import { formatDate, formatWanYuan } from '../../lib/format';
import { AssignAgentForm } from './assign-agent-form';
import {
  assignableAgents,
  BOARD_KEY,
  useAgents,
  useParkAgents,
  type AssignableAgent,
  type CaseEntry,
  type CaseView,
  type Project,
} from './board-queries';

const t = messages.cases;
const PAGE_SIZE = 10;
const FLAGS = ['greenChannel', 'major'] as const;
/** The case states in which the workflow accepts `assign_agent`. */
const ASSIGNABLE = new Set<CaseView['state']>(['agreement_signed', 'in_progress', 'suspended']);
const CASE_STATES = Object.keys(messages.caseStates) as Array<CaseView['state']>;
const LIGHT_TAGS = [
  { light: 'red', color: 'red' },
  { light: 'yellow', color: 'gold' },
  { light: 'green', color: 'green' },
] as const;

type Flags = { greenChannel: boolean; major: boolean };

/**
 * 绿色通道 / 重大项目 live on the project (registry); only a center director may set them. Without the
 * project's version at hand (a case row), the project is read first, so the change is guarded by the
 * registry's current version and not by the workflow's copy of it.
 */
function FlagSwitches({ projectId, flags, version }: { projectId: string; flags: Flags; version?: number }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [saved, setSaved] = useState<Flags | null>(null);
  const shown = saved ?? flags;
  const update = useMutation({
    mutationFn: async (change: Partial<Flags>) => {
      const current =
        version ??
        unwrap(await api.GET('/api/v1/projects/{id}', { params: { path: { id: projectId } } })).version;
      return unwrap(
        await api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: projectId } },
          body: { version: current, ...change },
        }),
      );
    },
    onSuccess: async (project) => {
      setSaved({ greenChannel: project.greenChannel, major: project.major });
      void message.success(t.flagSaved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [BOARD_KEY] }),
        queryClient.invalidateQueries({ queryKey: ['project-case', projectId] }),
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
            checked={shown[flag]}
            loading={update.isPending}
            onChange={(on) => update.mutate(flag === 'major' ? { major: on } : { greenChannel: on })}
            aria-label={t[flag]}
            data-testid={`director-${flag === 'greenChannel' ? 'green' : 'major'}-${projectId}`}
          />
          <span>{t[flag]}</span>
        </Space>
      ))}
    </Space>
  );
}

function AssignCell({ entry, agents }: { entry: CaseEntry; agents: readonly AssignableAgent[] }) {
  const [open, setOpen] = useState(false);
  if (!ASSIGNABLE.has(entry.state)) return null;
  return (
    <>
      <Button
        size="small"
        type={entry.agentUserId ? 'default' : 'primary'}
        onClick={() => setOpen(true)}
        data-testid={`director-assign-${entry.id}`}
      >
        {entry.agentUserId ? t.reassign : t.assign}
      </Button>
      <Modal
        open={open}
        title={messages.assign.title(entry.projectName)}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <AssignAgentForm
          caseView={entry}
          agents={agents}
          onDone={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        />
      </Modal>
    </>
  );
}

function LightCounts({ entry }: { entry: CaseEntry }) {
  const shown = LIGHT_TAGS.filter(({ light }) => entry.lights[light] > 0);
  if (shown.length === 0) return <Typography.Text type="secondary">{t.noLights}</Typography.Text>;
  return (
    <Space size={2} wrap data-testid={`director-lights-${entry.id}`}>
      {shown.map(({ light, color }) => (
        <Tag key={light} color={color}>
          {t.lightCount(messages.lights[light], entry.lights[light])}
        </Tag>
      ))}
    </Space>
  );
}

function caseColumns(agents: readonly AssignableAgent[]): ColumnsType<CaseEntry> {
  const nameOf = (id: string) => agents.find((agent) => agent.id === id)?.name ?? messages.agents.unnamed;
  return [
    {
      title: t.project,
      key: 'name',
      ellipsis: true,
      render: (_: unknown, entry: CaseEntry) => (
        <Link to={`/cases/${entry.id}`} data-testid={`director-project-${entry.projectId}`}>
          {entry.projectName}
        </Link>
      ),
    },
    {
      title: t.state,
      key: 'state',
      width: 120,
      render: (_: unknown, entry: CaseEntry) => (
        <Tag data-testid={`director-case-state-${entry.id}`}>
          {messages.caseStates[entry.state] ?? entry.state}
        </Tag>
      ),
    },
    {
      title: t.agent,
      key: 'agent',
      width: 120,
      render: (_: unknown, entry: CaseEntry) =>
        entry.agentUserId === null ? (
          <Typography.Text type="warning">{t.unassigned}</Typography.Text>
        ) : (
          <span>{nameOf(entry.agentUserId)}</span>
        ),
    },
    {
      title: t.lights,
      key: 'lights',
      width: 150,
      render: (_: unknown, entry: CaseEntry) => <LightCounts entry={entry} />,
    },
    {
      title: t.openedAt,
      dataIndex: 'openedAt',
      width: 110,
      responsive: ['lg'],
      render: (value: string) => formatDate(value),
    },
    {
      title: t.flags,
      key: 'flags',
      width: 130,
      render: (_: unknown, entry: CaseEntry) => <FlagSwitches projectId={entry.projectId} flags={entry} />,
    },
    {
      title: t.actions,
      key: 'actions',
      width: 90,
      render: (_: unknown, entry: CaseEntry) => <AssignCell entry={entry} agents={agents} />,
    },
  ];
}

const projectColumns: ColumnsType<Project> = [
  {
    title: t.project,
    key: 'name',
    ellipsis: true,
    render: (_: unknown, project: Project) => (
      <Typography.Text data-testid={`director-project-${project.projectId}`}>{project.name}</Typography.Text>
    ),
  },
  {
    title: t.investment,
    dataIndex: 'totalInvestment',
    width: 120,
    render: (value: string) => formatWanYuan(value),
  },
  {
    title: t.flags,
    key: 'flags',
    width: 130,
    render: (_: unknown, project: Project) => (
      <FlagSwitches projectId={project.projectId} flags={project} version={project.version} />
    ),
  },
];

/** The park's cases in one server-paged query (`GET /cases`), filtered by state. */
function CaseList({ parkId }: { parkId: string | null }) {
  const [page, setPage] = useState(1);
  const [state, setState] = useState<CaseView['state'] | undefined>(undefined);
  const workload = useAgents();
  const parkAgents = useParkAgents(parkId);
  const agents = assignableAgents(parkAgents.data?.items, workload.data?.rows);
  const query = useQuery({
    queryKey: [BOARD_KEY, 'cases', { page, pageSize: PAGE_SIZE, state }],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases', { params: { query: { page, pageSize: PAGE_SIZE, state } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <PagedTableCard<CaseEntry>
      title={t.title}
      subtitle={t.subtitle}
      emptyText={state ? t.emptyFiltered : t.emptyCases}
      rowKey="id"
      columns={caseColumns(agents)}
      scrollX={900}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      toolbar={
        <Flex style={{ marginBottom: 12 }}>
          <Select<CaseView['state'] | 'all'>
            value={state ?? 'all'}
            style={{ width: 160 }}
            onChange={(value) => {
              setState(value === 'all' ? undefined : value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t.allStates },
              ...CASE_STATES.map((value) => ({ value, label: messages.caseStates[value] })),
            ]}
            aria-label={t.stateFilter}
            data-testid="director-case-state-filter"
          />
        </Flex>
      }
    />
  );
}

/** Every project of the park, with or without a case: where the flags of the others are set. */
function ProjectList() {
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
    <PagedTableCard<Project>
      title={t.projectsTitle}
      subtitle={t.projectsSubtitle}
      emptyText={t.empty}
      rowKey="projectId"
      columns={projectColumns}
      scrollX={520}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
    />
  );
}

/** The park's cases (state filter, agent, lights, assignment) or all its projects (flags). */
export function ParkCases({ parkId }: { parkId: string | null }) {
  const [view, setView] = useState<'cases' | 'projects'>('cases');
  return (
    <div data-testid="director-cases" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Radio.Group
        value={view}
        optionType="button"
        onChange={(event) => setView(event.target.value as 'cases' | 'projects')}
        options={[
          { value: 'cases', label: <span data-testid="director-view-cases">{t.viewCases}</span> },
          { value: 'projects', label: <span data-testid="director-view-projects">{t.viewProjects}</span> },
        ]}
      />
      {view === 'cases' ? <CaseList parkId={parkId} /> : <ProjectList />}
    </div>
  );
}
