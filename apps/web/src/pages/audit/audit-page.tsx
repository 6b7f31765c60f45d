import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { api, unwrap } from '../../api/client';
import { messages } from '../../i18n/messages';
import { formatDateTime } from '../../lib/format';
import type { AuditEntry } from '../admin/admin-api';

const t = messages.audit;
const LIMIT = 50;
const RESULT_COLORS: Record<string, string> = { success: 'green', failure: 'orange', denied: 'red' };
const ROLE_NAMES: Record<string, string> = messages.roles;

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  action?: string;
  actorId?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditEntry['result'];
}

type AuditQuery = Omit<FilterValues, 'range'> & { from?: string; to?: string };

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The chosen days are whole days in China time. */
function queryOf(values: FilterValues): AuditQuery {
  const [start, end] = values.range ?? [];
  return {
    from: start ? `${start.format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: end ? `${end.format('YYYY-MM-DD')}T23:59:59.999+08:00` : undefined,
    action: blank(values.action),
    actorId: blank(values.actorId),
    objectType: blank(values.objectType),
    objectId: blank(values.objectId),
    result: values.result,
  };
}

const columns: ColumnsType<AuditEntry> = [
  { title: t.at, dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
  {
    title: t.actor,
    key: 'actor',
    width: 220,
    ellipsis: true,
    render: (_: unknown, entry: AuditEntry) =>
      [entry.actorId, entry.actorRole === null ? null : (ROLE_NAMES[entry.actorRole] ?? entry.actorRole)]
        .filter(Boolean)
        .join(' · ') || messages.common.none,
  },
  { title: t.action, dataIndex: 'action', width: 200, ellipsis: true },
  {
    title: t.object,
    key: 'object',
    width: 260,
    ellipsis: true,
    render: (_: unknown, entry: AuditEntry) =>
      [entry.objectType, entry.objectId].filter(Boolean).join(' ') || messages.common.none,
  },
  {
    title: t.result,
    dataIndex: 'result',
    width: 90,
    render: (result: string) => <Tag color={RESULT_COLORS[result]}>{t.results[result] ?? result}</Tag>,
  },
  { title: t.errorCode, dataIndex: 'errorCode', width: 150, ellipsis: true, responsive: ['xl'] },
  { title: t.ip, dataIndex: 'ip', width: 130, responsive: ['lg'] },
];

/** 审计日志: newest first, filtered, paged by keyset (`nextBefore`), details in an expandable row. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditQuery>({});
  /** The `before` cursor of every page so far; the first page has none. */
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const before = cursors[cursors.length - 1];
  const [form] = Form.useForm<FilterValues>();

  const query = useQuery({
    queryKey: ['audit', { ...filters, before }],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/audit', { params: { query: { ...filters, before, limit: LIMIT } } })),
    placeholderData: keepPreviousData,
  });
  const search = (values: FilterValues) => {
    setFilters(queryOf(values));
    setCursors([undefined]);
  };
  const nextBefore = query.data?.nextBefore ?? null;

  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
      <Form<FilterValues> form={form} layout="inline" onFinish={search} data-testid="audit-filters">
        <Form.Item name="range" label={t.dateRange} style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="action" label={t.action} style={{ marginBottom: 12 }}>
          <Input allowClear style={{ width: 160 }} data-testid="audit-action" />
        </Form.Item>
        <Form.Item name="actorId" label={t.actorId} style={{ marginBottom: 12 }}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="objectType" label={t.objectType} style={{ marginBottom: 12 }}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="objectId" label={t.objectId} style={{ marginBottom: 12 }}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="result" style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t.allResults}
            style={{ width: 120 }}
            options={Object.entries(t.results).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t.search}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            {t.clear}
          </Button>
        </Space>
      </Form>
      {query.isError ? (
        <Alert type="error" showIcon title={query.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{ emptyText: t.empty }}
        pagination={false}
        scroll={{ x: 1340 }}
        onRow={(entry) => ({ 'data-testid': `audit-row-${entry.id}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (entry) => entry.details !== null || entry.correlationId !== null,
          expandedRowRender: (entry) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify({ correlationId: entry.correlationId, ...entry.details }, null, 2)}
            </pre>
          ),
        }}
      />
      <Space style={{ marginTop: 16 }} wrap>
        <Button disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
          {t.firstPage}
        </Button>
        <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t.prevPage}
        </Button>
        <Typography.Text data-testid="audit-page-no">{t.pageNo(cursors.length)}</Typography.Text>
        <Button
          disabled={nextBefore === null}
          onClick={() => nextBefore && setCursors([...cursors, nextBefore])}
          data-testid="audit-next"
        >
          {t.nextPage}
        </Button>
      </Space>
    </Card>
  );
}
