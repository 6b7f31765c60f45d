import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import { messages } from '../i18n/messages';

interface PagedTableCardProps<Row> {
  title: string;
  subtitle: string;
  emptyText: string;
  rowKey: keyof Row & string;
  columns: ColumnsType<Row>;
  scrollX: number;
  query: UseQueryResult<{ items: Row[]; total: number }, Error>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** Filters or actions between the subtitle and the table. */
  toolbar?: ReactNode;
  /** `data-testid` of each row, for browser tests. */
  rowTestId?: (row: Row) => string;
}

/** A titled card with a server-paged table: the lists every role's home shows look and page alike. */
export function PagedTableCard<Row extends object>(props: PagedTableCardProps<Row>) {
  const { query, rowTestId } = props;
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {props.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{props.subtitle}</Typography.Paragraph>
      {query.isError ? (
        <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      {props.toolbar}
      <Table<Row>
        rowKey={props.rowKey}
        size="middle"
        columns={props.columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: props.emptyText }}
        scroll={{ x: props.scrollX }}
        onRow={
          rowTestId ? (row) => ({ 'data-testid': rowTestId(row) }) as HTMLAttributes<HTMLElement> : undefined
        }
        pagination={{
          current: props.page,
          pageSize: props.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: messages.common.total,
          onChange: props.onPage,
        }}
      />
    </Card>
  );
}
