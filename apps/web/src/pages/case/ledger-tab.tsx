import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { messages } from '../../i18n/messages';
import { saveDownload } from '../../lib/download';
import { formatDate } from '../../lib/format';

type Ledger = paths['/api/v1/cases/{id}/ledger']['get']['responses'][200]['content']['application/json'];
export type LedgerEntry = Ledger['entries'][number];

const t = messages.ledger;

const SUBJECTS: Record<LedgerEntry['subject'], string> = {
  case: t.caseSubject,
  item: messages.caseTabs.items,
  request: t.requestSubject,
  attachment: t.attachmentSubject,
};

/** A state of the entry's subject in Chinese: items and cases share some names, so items go first. */
const stateLabel = (entry: LedgerEntry, state: string | null): string | null => {
  if (state === null) return null;
  const own = entry.subject === 'case' ? messages.caseStates[state] : messages.itemStates[state];
  return own ?? messages.caseStates[state] ?? state;
};

export function ledgerChange(entry: LedgerEntry): string {
  const from = stateLabel(entry, entry.from);
  const to = stateLabel(entry, entry.to);
  if (from && to && from !== to) return `${from} → ${to}`;
  return to ?? from ?? messages.common.none;
}

const columns: ColumnsType<LedgerEntry> = [
  {
    title: t.effectiveAt,
    dataIndex: 'effectiveAt',
    width: 110,
    render: (value: string) => formatDate(value),
  },
  {
    title: t.subject,
    key: 'subject',
    width: 200,
    ellipsis: true,
    render: (_: unknown, entry: LedgerEntry) => entry.itemName ?? SUBJECTS[entry.subject],
  },
  {
    title: t.action,
    dataIndex: 'action',
    width: 150,
    render: (action: string) => t.actions[action] ?? action,
  },
  {
    title: t.change,
    key: 'change',
    width: 190,
    render: (_: unknown, entry: LedgerEntry) => ledgerChange(entry),
  },
  {
    title: t.actor,
    dataIndex: 'actorRole',
    width: 150,
    render: (role: string) => (messages.roles as Record<string, string>)[role] ?? t.actors[role] ?? role,
  },
  {
    title: t.note,
    dataIndex: 'note',
    ellipsis: true,
    render: (note: string | null) => note ?? messages.common.none,
  },
  {
    title: t.recordedAt,
    dataIndex: 'recordedAt',
    width: 110,
    responsive: ['lg'],
    render: (value: string) => formatDate(value),
  },
];

/** 代办台账: every transition of the case and its items in effective-time order, with the Excel export. */
export function LedgerTab({ caseId }: { caseId: string }) {
  const query = useQuery({
    queryKey: ['case', caseId, 'ledger'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases/{id}/ledger', { params: { path: { id: caseId } } })),
  });
  const exportFile = useMutation({
    mutationFn: async () =>
      saveDownload(
        await api.GET('/api/v1/cases/{id}/ledger', {
          params: { path: { id: caseId }, query: { format: 'xlsx' } },
          parseAs: 'blob',
        }),
        `${t.caseSubject}台账.xlsx`,
      ),
  });
  return (
    <div data-testid="case-ledger">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {query.data ? t.count(query.data.entries.length) : null}
        </Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          loading={exportFile.isPending}
          onClick={() => exportFile.mutate()}
          data-testid="case-ledger-export"
        >
          {exportFile.isPending ? t.exporting : t.export}
        </Button>
      </Flex>
      <ErrorAlert error={query.error} />
      <ErrorAlert error={exportFile.error} />
      <Table<LedgerEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.entries ?? []}
        loading={query.isPending}
        locale={{ emptyText: t.empty }}
        pagination={{
          pageSize: 50,
          showSizeChanger: false,
          showTotal: messages.common.total,
          hideOnSinglePage: true,
        }}
        scroll={{ x: 900 }}
      />
    </div>
  );
}
