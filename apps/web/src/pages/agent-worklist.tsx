import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { messages } from '../i18n/messages';
import { formatDate } from '../lib/format';
import { lightTag } from '../lib/light-tag';
import { workingDaysText } from '../lib/working-days';

type ItemPage = paths['/api/v1/items']['get']['responses'][200]['content']['application/json'];
type Item = ItemPage['items'][number];

const PAGE_SIZE = 20;
const t = messages.worklist;

const columns: ColumnsType<Item> = [
  { title: t.light, dataIndex: 'light', width: 90, render: (light: Item['light']) => lightTag(light) },
  {
    title: t.item,
    dataIndex: 'name',
    ellipsis: true,
    render: (name: string, item: Item) => <Link to={`/cases/${item.caseId}`}>{name}</Link>,
  },
  { title: t.project, dataIndex: 'projectName', ellipsis: true, responsive: ['md'] },
  { title: t.department, dataIndex: 'departmentName', width: 140, responsive: ['lg'] },
  {
    title: t.state,
    dataIndex: 'state',
    width: 110,
    render: (state: string) => messages.itemStates[state] ?? state,
  },
  { title: t.dueDate, dataIndex: 'dueDate', width: 120, render: (date: string | null) => formatDate(date) },
  {
    title: t.workingDaysLeft,
    key: 'left',
    width: 170,
    render: (_: unknown, item: Item) => workingDaysText(item),
  },
];

/** 代办员 home: the open items of my cases, most urgent first, paged by the server. */
export function AgentWorklist() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['items', { mine: true, page, pageSize: PAGE_SIZE }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/items', { params: { query: { mine: 'true', page, pageSize: PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
      {query.isError ? (
        <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<Item>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: t.empty }}
        scroll={{ x: 720 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: messages.common.total,
          onChange: setPage,
        }}
      />
    </Card>
  );
}
