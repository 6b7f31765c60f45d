import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { api, unwrap } from '../../api/client';
import { useCatalog, type Catalog } from '../../api/reference';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { useAdminMutation } from './admin-api';
import { PageHeader } from './admin-ui';

const t = messages.catalog;
type CatalogItem = Catalog['items'][number];
type Limits = Record<string, Pick<CatalogItem, 'legalLimit' | 'committedLimit'>>;

const yesNo = (value: boolean) =>
  value ? <Tag color="green">{messages.admin.yes}</Tag> : <Tag>{messages.admin.no}</Tag>;

/**
 * 事项目录: every published version read-only; the current one can be republished with changed time limits
 * (the API publishes whole versions; items already started keep the version they started with).
 */
export function CatalogPage() {
  const current = useCatalog();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const shown = useCatalog(version, version !== undefined);
  const catalog = version === undefined ? current : shown;
  const [limits, setLimits] = useState<Limits | null>(null);
  const [note, setNote] = useState('');
  const latest = current.data?.version;
  const viewingLatest = version === undefined || version === latest;

  const publish = useAdminMutation({
    mutationFn: async (body: { items: CatalogItem[]; note?: string }) =>
      unwrap(await api.POST('/api/v1/catalog', { body })),
    invalidates: ['catalog'],
    success: (published) => t.published(published.version),
    onSuccess: () => {
      setLimits(null);
      setNote('');
      setVersion(undefined);
    },
  });

  const startEditing = () =>
    setLimits(
      Object.fromEntries(
        (current.data?.items ?? []).map((item) => [
          item.code,
          { legalLimit: item.legalLimit, committedLimit: item.committedLimit },
        ]),
      ),
    );
  const setLimit = (code: string, field: keyof Limits[string], value: number | null) =>
    setLimits((all) =>
      all
        ? { ...all, [code]: { ...all[code], [field]: field === 'committedLimit' ? (value ?? 1) : value } }
        : all,
    );
  const submit = () => {
    if (!current.data || !limits) return;
    const items = current.data.items.map((item) => ({ ...item, ...limits[item.code] }));
    publish.mutate({ items, note: note.trim() || undefined });
  };

  const names = new Map(current.data?.items.map((item) => [item.code, item.name]));
  const limitColumn = (field: 'legalLimit' | 'committedLimit', title: string) => ({
    title,
    key: field,
    width: 120,
    render: (_: unknown, item: CatalogItem) =>
      limits ? (
        <InputNumber
          min={field === 'committedLimit' ? 1 : 0}
          precision={0}
          value={limits[item.code]?.[field] ?? null}
          aria-label={`${item.name} ${title}`}
          data-testid={`catalog-${field}-${item.code}`}
          onChange={(value) => setLimit(item.code, field, value)}
        />
      ) : item[field] === null ? (
        messages.common.none
      ) : (
        `${item[field]} ${t.units[item.unit]}`
      ),
  });
  const columns: ColumnsType<CatalogItem> = [
    { title: t.code, dataIndex: 'code', width: 150, ellipsis: true },
    { title: t.name, dataIndex: 'name', width: 220, ellipsis: true },
    {
      title: t.stage,
      dataIndex: 'stage',
      width: 140,
      render: (stage: string) => messages.stages[stage] ?? stage,
    },
    { title: t.department, dataIndex: 'departmentName', width: 140, ellipsis: true },
    limitColumn('legalLimit', t.legalLimit),
    limitColumn('committedLimit', t.committedLimit),
    { title: t.commitment, dataIndex: 'commitmentAllowed', width: 100, render: yesNo },
    { title: t.deficiency, dataIndex: 'deficiencyAllowed', width: 90, render: yesNo },
    {
      title: t.prerequisites,
      dataIndex: 'prerequisites',
      ellipsis: true,
      render: (prerequisites: CatalogItem['prerequisites']) =>
        prerequisites.map((p) => names.get(p.code) ?? p.code).join('、') || messages.common.none,
    },
  ];

  const data = catalog.data;
  return (
    <Card>
      <PageHeader
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Space wrap>
            <Select
              value={version ?? latest}
              onChange={(next: number) => {
                setVersion(next);
                setLimits(null);
              }}
              style={{ width: 160 }}
              aria-label={t.version}
              data-testid="catalog-version"
              options={Array.from({ length: latest ?? 0 }, (_, i) => (latest ?? 0) - i).map((v) => ({
                value: v,
                label: t.versionOption(v, v === latest),
              }))}
            />
            {viewingLatest && !limits ? (
              <Button onClick={startEditing} disabled={!current.data} data-testid="catalog-edit">
                {t.edit}
              </Button>
            ) : null}
          </Space>
        }
      />
      {catalog.isError ? <Alert type="error" showIcon title={catalog.error.message} /> : null}
      {data ? (
        <Typography.Paragraph data-testid="catalog-summary">
          {[
            t.versionOption(data.version, data.version === latest),
            `${t.publishedAt} ${formatDate(data.createdAt)}`,
            t.itemCount(data.items.length),
            data.note ? `${t.note}：${data.note}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Paragraph>
      ) : null}
      {limits ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Typography.Text>{t.publishNote}</Typography.Text>
          <Input
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t.publishNoteHint}
            aria-label={t.publishNote}
            style={{ width: 420, maxWidth: '100%' }}
            data-testid="catalog-note"
          />
          <Button type="primary" loading={publish.isPending} onClick={submit} data-testid="catalog-publish">
            {t.publish}
          </Button>
          <Button onClick={() => setLimits(null)}>{messages.admin.cancel}</Button>
        </Space>
      ) : null}
      <Table<CatalogItem>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={catalog.isFetching}
        locale={{ emptyText: t.empty }}
        pagination={false}
        scroll={{ x: 1200 }}
        onRow={(item) => ({ 'data-testid': `catalog-row-${item.code}` }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
