import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { PagedTableCard } from '../../components/paged-table-card';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { lightTag } from '../../lib/light-tag';
import { workingDaysText } from '../../lib/working-days';
import { ItemFilters, NO_FILTERS, filterParams, type ItemFilterValues } from './item-filters';

type ItemPage = paths['/api/v1/items']['get']['responses'][200]['content']['application/json'];
export type ListedItem = ItemPage['items'][number];

const PAGE_SIZE = 20;
const t = messages.worklist;

function itemColumns(showDepartment: boolean): ColumnsType<ListedItem> {
  const columns: ColumnsType<ListedItem> = [
    {
      title: t.light,
      dataIndex: 'light',
      width: 90,
      render: (light: ListedItem['light']) => lightTag(light),
    },
    {
      title: t.item,
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, item: ListedItem) => (
        <Link to={`/items/${item.id}`} data-testid="worklist-item-link" data-item-id={item.id}>
          {name}
        </Link>
      ),
    },
    {
      title: t.project,
      dataIndex: 'projectName',
      ellipsis: true,
      responsive: ['md'],
      render: (projectName: string, item: ListedItem) => (
        <Space size={4}>
          <Link to={`/cases/${item.caseId}`}>{projectName}</Link>
          {item.greenChannel ? <Tag color="green">{messages.items.officer.greenChannel}</Tag> : null}
          {item.major ? <Tag color="volcano">{messages.items.officer.major}</Tag> : null}
        </Space>
      ),
    },
  ];
  if (showDepartment) {
    columns.push({ title: t.department, dataIndex: 'departmentName', width: 140, responsive: ['lg'] });
  }
  columns.push(
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
      render: (_: unknown, item: ListedItem) => workingDaysText(item),
    },
  );
  return columns;
}

export interface ItemListCardProps {
  title: string;
  subtitle: string;
  emptyText: string;
  /** Only the items of the calling agent's cases. */
  mine: boolean;
  showDepartment: boolean;
  /** `data-testid` of every row; the item's link in it carries `data-item-id`. */
  rowTestId: string;
}

/** A worklist of items, most urgent first, filtered and paged by the server; names open the item page. */
export function ItemListCard(props: ItemListCardProps) {
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<ItemFilterValues>(NO_FILTERS);
  const params = {
    ...(props.mine ? { mine: 'true' as const } : {}),
    ...filterParams(filters),
    page,
    pageSize: PAGE_SIZE,
  };
  const query = useQuery({
    queryKey: ['items', params],
    queryFn: async () => unwrap(await api.GET('/api/v1/items', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  return (
    <PagedTableCard<ListedItem>
      title={props.title}
      subtitle={props.subtitle}
      emptyText={props.emptyText}
      rowKey="id"
      columns={itemColumns(props.showDepartment)}
      scrollX={props.showDepartment ? 820 : 720}
      query={query}
      page={page}
      pageSize={PAGE_SIZE}
      onPage={setPage}
      toolbar={
        <ItemFilters
          value={filters}
          showDepartment={props.showDepartment}
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
        />
      }
      rowTestId={() => props.rowTestId}
    />
  );
}
