import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { referenceNames, useCatalogNames, useParks, type CatalogNames } from '../../api/reference';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { lightTag } from '../../lib/light-tag';
import { ExportButton } from './export-button';
import { type OverdueRow } from './leader-queries';

const t = messages.leader.overdue;
const PAGE_SIZE = 10;
type LightFilter = 'all' | 'red' | 'yellow';

function columns(names: CatalogNames, parkName: (id: string) => string) {
  const result: ColumnsType<OverdueRow> = [
    {
      title: t.light,
      dataIndex: 'light',
      width: 80,
      render: (light: OverdueRow['light']) => lightTag(light),
    },
    {
      title: t.project,
      dataIndex: 'projectName',
      width: 220,
      render: (_: unknown, row: OverdueRow) => {
        const name = row.projectName ?? row.projectCode ?? row.projectId;
        return (
          <Space size={4} wrap>
            {row.caseId ? (
              <Link to={`/cases/${row.caseId}`} data-testid="leader-overdue-project">
                {name}
              </Link>
            ) : (
              <span>{name}</span>
            )}
            {row.major ? <Tag color="volcano">{t.major}</Tag> : null}
          </Space>
        );
      },
    },
    {
      title: t.item,
      dataIndex: 'catalogCode',
      width: 200,
      render: (code: string) => names.items.get(code) ?? code,
    },
    {
      title: t.department,
      dataIndex: 'departmentCode',
      width: 130,
      render: (code: string) => names.departments.get(code) ?? code,
    },
    {
      title: t.park,
      dataIndex: 'parkName',
      width: 170,
      responsive: ['lg'],
      // Reporting learns park names from park edits only; the seeded parks come from the reference list.
      render: (name: string | null, row) => name ?? parkName(row.parkId),
    },
    {
      title: t.agent,
      dataIndex: 'agentName',
      width: 90,
      responsive: ['lg'],
      render: (name: string | null) => name ?? messages.common.none,
    },
    { title: t.dueDate, dataIndex: 'dueDate', width: 110, render: (date: string | null) => formatDate(date) },
    {
      title: t.overdueDays,
      dataIndex: 'workingDaysOverdue',
      width: 110,
      render: (days: number) =>
        days > 0 ? <Typography.Text type="danger">{t.days(days)}</Typography.Text> : t.days(days),
    },
    {
      title: t.supervision,
      dataIndex: 'supervisionOrder',
      width: 90,
      render: (order: OverdueRow['supervisionOrder']) =>
        order ? <Tag color="orange">{t.supervisionLevel(order.level)}</Tag> : t.noSupervision,
    },
    {
      title: t.ledger,
      key: 'ledger',
      width: 90,
      render: (_: unknown, row: OverdueRow) =>
        row.caseId ? <Link to={`/cases/${row.caseId}?tab=ledger`}>{t.ledger}</Link> : messages.common.none,
    },
  ];
  return result;
}

/** 超期清单: red and yellow items, paged by the server, each leading to its case and ledger. */
export function OverdueCard({ countyCode }: { countyCode: string | undefined }) {
  const [light, setLight] = useState<LightFilter>('all');
  const [major, setMajor] = useState(false);
  const [page, setPage] = useState(1);
  const names = useCatalogNames();
  const parks = useParks();
  const filters = {
    light: light === 'all' ? undefined : light,
    major: major ? ('true' as const) : undefined,
    countyCode,
  };
  const query = useQuery({
    queryKey: ['reports', 'overdue', { ...filters, page }],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/reports/overdue', {
          params: { query: { ...filters, sort: 'dueDate', order: 'asc', page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  const reset =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  return (
    <Card
      title={t.title}
      extra={<ExportButton path="/api/v1/reports/overdue" query={filters} testId="leader-export-overdue" />}
    >
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Segmented<LightFilter>
          value={light}
          onChange={reset(setLight)}
          options={[
            { value: 'all', label: t.all },
            { value: 'red', label: t.red },
            { value: 'yellow', label: t.yellow },
          ]}
          data-testid="leader-overdue-light"
        />
        <Checkbox checked={major} onChange={(event) => reset(setMajor)(event.target.checked)}>
          {t.majorOnly}
        </Checkbox>
        <Typography.Text type="secondary">{t.subtitle}</Typography.Text>
      </Flex>
      {query.isError ? (
        <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <div data-testid="leader-overdue-table">
        <Table<OverdueRow>
          rowKey="itemId"
          size="small"
          columns={columns(names, referenceNames(parks.data).park)}
          dataSource={query.data?.rows ?? []}
          loading={query.isFetching}
          locale={{ emptyText: t.empty }}
          scroll={{ x: 1000 }}
          onRow={(row) =>
            ({ 'data-testid': 'leader-overdue-row', 'data-light': row.light }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: query.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: messages.common.total,
            onChange: setPage,
          }}
        />
      </div>
    </Card>
  );
}
