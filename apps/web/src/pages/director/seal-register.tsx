import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useCatalogNames } from '../../api/reference';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { messages } from '../../i18n/messages';
import { BOARD_KEY } from './board-queries';

type Register = paths['/api/v1/parks/{id}/seal-register']['get']['responses'][200];
type Entry = Register['content']['application/json']['entries'][number];

const t = messages.seal;

/** 2号章 usage register of the park: every result issued with the park's seal, newest period first. */
export function SealRegister({ parkId }: { parkId: string | null }) {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const names = useCatalogNames();
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: [BOARD_KEY, 'seal', { parkId, from, to }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/parks/{id}/seal-register', {
          params: { path: { id: parkId ?? '' }, query: { from, to } },
        }),
      ),
    enabled: parkId !== null,
    placeholderData: keepPreviousData,
  });
  if (parkId === null) return <Alert type="info" showIcon title={t.noPark} />;
  const columns: ColumnsType<Entry> = [
    { title: t.issuedOn, dataIndex: 'issuedOn', width: 110 },
    { title: t.item, dataIndex: 'itemName', ellipsis: true },
    {
      title: t.project,
      dataIndex: 'projectName',
      ellipsis: true,
      render: (name: string, entry: Entry) => <Link to={`/cases/${entry.caseId}`}>{name}</Link>,
    },
    {
      title: t.department,
      dataIndex: 'departmentCode',
      width: 120,
      responsive: ['md'],
      render: (code: string) => names.departments.get(code) ?? code,
    },
    { title: t.docNo, dataIndex: 'resultDocNo', width: 160 },
    { title: t.approver, dataIndex: 'approver', width: 100 },
  ];
  return (
    <Card data-testid="director-seal-register">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t.range}</span>
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => setRange(value)}
          allowEmpty={[true, true]}
          data-testid="seal-register-range"
        />
      </Space>
      <ErrorAlert error={query.error} />
      <Table<Entry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.entries ?? []}
        loading={query.isFetching}
        locale={{ emptyText: t.empty }}
        pagination={{
          pageSize: 20,
          showSizeChanger: false,
          showTotal: messages.common.total,
          hideOnSinglePage: true,
        }}
        scroll={{ x: 760 }}
      />
    </Card>
  );
}
