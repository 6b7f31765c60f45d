import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorAlert } from '../../components/error-alert';
import { messages } from '../../i18n/messages';
import { useAgents, type AgentRow } from './board-queries';

const t = messages.agents;

const count = (warn: 'danger' | 'warning') => (n: number) =>
  n > 0 ? <Typography.Text type={warn}>{n}</Typography.Text> : n;

const columns: ColumnsType<AgentRow> = [
  { title: t.name, dataIndex: 'agentName', render: (name: string | null) => name ?? t.unnamed },
  { title: t.openCases, dataIndex: 'openCases', width: 110, sorter: (a, b) => a.openCases - b.openCases },
  { title: t.openItems, dataIndex: 'openItems', width: 100, sorter: (a, b) => a.openItems - b.openItems },
  {
    title: t.overdueItems,
    dataIndex: 'overdueItems',
    width: 100,
    sorter: (a, b) => a.overdueItems - b.overdueItems,
    render: count('danger'),
  },
  { title: t.yellowItems, dataIndex: 'yellowItems', width: 100, render: count('warning') },
  { title: t.closedCases, dataIndex: 'closedCases', width: 90, responsive: ['md'] },
  {
    title: t.rating,
    key: 'rating',
    width: 130,
    responsive: ['md'],
    render: (_: unknown, row: AgentRow) =>
      row.averageRating === null ? t.noRating : t.ratingValue(row.averageRating, row.ratingCount),
  },
];

/** 代办员工作量: open cases and items, overdue and yellow items, and the enterprises' ratings. */
export function AgentWorkload() {
  const agents = useAgents();
  return (
    <Card data-testid="director-agents">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <ErrorAlert error={agents.error} />
      <Table<AgentRow>
        rowKey="agentUserId"
        size="small"
        columns={columns}
        dataSource={agents.data?.rows ?? []}
        loading={agents.isPending}
        locale={{ emptyText: t.empty }}
        pagination={false}
        scroll={{ x: 640 }}
      />
    </Card>
  );
}
