import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { PagedTableCard } from '../components/paged-table-card';
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
    <PagedTableCard<Item>
      title={t.title}
      subtitle={t.subtitle}
      emptyText={t.empty}
      rowKey="id"
      columns={columns}
      scrollX={720}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
    />
  );
}
