import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, authFetch, errorMessage, unwrap } from '../../api/client';
import { useMe, type Role } from '../../api/me';
import type { paths } from '../../api/schema';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { lightTag } from '../../lib/light-tag';
import { workingDaysText } from '../../lib/working-days';
import { DANGEROUS_ACTIONS, actionLabel, type ItemAction, type ItemDetail } from './item-actions';
import { ItemActionForm } from './item-action-form';

type LedgerEntry =
  paths['/api/v1/cases/{id}/ledger']['get']['responses'][200]['content']['application/json']['entries'][number];
type Attachment =
  paths['/api/v1/attachments']['get']['responses'][200]['content']['application/json']['attachments'][number];
type Reminders =
  paths['/api/v1/items/{id}/reminders']['get']['responses'][200]['content']['application/json'];

const t = messages.items;
const stateName = (state: string | null) =>
  state ? (messages.itemStates[state] ?? state) : messages.common.none;

/** The gateway lets only these roles read an item's reminder schedule; others are not asked (no 403 noise). */
const REMINDER_READERS: readonly Role[] = ['agent', 'center_director', 'admin'];

function Loading() {
  return (
    <Spin description={messages.common.loading}>
      <div style={{ height: 80 }} />
    </Spin>
  );
}

interface RowContent {
  key: string;
  title: string;
  description: string;
  extra?: ReactNode;
}

/** A plain list of titled rows (antd 6 deprecates List). */
function Rows({ rows, empty, testId }: { rows: RowContent[]; empty: string; testId: string }) {
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <Flex vertical gap={12}>
      {rows.map((row) => (
        <Flex key={row.key} justify="space-between" align="center" gap={8} data-testid={testId}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text ellipsis style={{ display: 'block' }}>
              {row.title}
            </Typography.Text>
            <Typography.Text type="secondary">{row.description}</Typography.Text>
          </div>
          {row.extra}
        </Flex>
      ))}
    </Flex>
  );
}

function clockTag(item: ItemDetail) {
  if (item.paused) return <Tag color="purple">{t.page.clockPaused}</Tag>;
  if (item.dueDate === null) return <Tag>{t.page.clockNotStarted}</Tag>;
  return <Tag color="blue">{t.page.clockRunning}</Tag>;
}

function SideClock({ clock }: { clock: NonNullable<ItemDetail['commitment']> }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{clock.materials.join('、')}</span>
      <Space size={4}>
        {clock.status === 'pending' ? lightTag(clock.light) : null}
        <Typography.Text type="secondary">
          {t.page.sideClock(formatDate(clock.dueOn), t.sideClockStatus[clock.status] ?? clock.status)}
        </Typography.Text>
      </Space>
    </Space>
  );
}

/** Name, department, state, light, due date, days left, the clock, and whatever the item has picked up. */
export function ItemHeader({ item }: { item: ItemDetail }) {
  const p = t.page;
  const unit = t.units[item.unit] ?? '';
  const rows: NonNullable<DescriptionsProps['items']> = [
    { key: 'department', label: p.department, children: item.departmentName },
    {
      key: 'state',
      label: p.state,
      children: (
        <Space size={4} wrap>
          <Tag color="blue" data-testid="item-state" data-state={item.state}>
            {stateName(item.state)}
          </Tag>
          {item.deemedAccepted ? <Tag color="orange">{p.deemedAccepted}</Tag> : null}
        </Space>
      ),
    },
    { key: 'light', label: p.light, children: <span data-testid="item-light">{lightTag(item.light)}</span> },
    {
      key: 'dueDate',
      label: p.dueDate,
      children: (
        <Space size={4} wrap>
          <span data-testid="item-due-date">{formatDate(item.dueDate)}</span>
          {item.provisional ? <Tag color="gold">{p.provisional}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'left',
      label: p.workingDaysLeft,
      children: <span data-testid="item-days-left">{workingDaysText(item)}</span>,
    },
    { key: 'clock', label: p.clock, children: <span data-testid="item-clock">{clockTag(item)}</span> },
    { key: 'limit', label: p.limit, children: p.limitText(item.limit, unit, item.legalLimit) },
    { key: 'submittedOn', label: p.submittedOn, children: formatDate(item.submittedOn) },
    { key: 'acceptedOn', label: p.acceptedOn, children: formatDate(item.acceptedOn) },
  ];
  if (item.resultDocNo) {
    rows.push({ key: 'result', label: p.result, children: item.resultDocNo });
    if (item.issuedVia) {
      rows.push({
        key: 'issuedVia',
        label: p.issuedVia,
        children: t.issuedVia[item.issuedVia] ?? item.issuedVia,
      });
    }
  }
  if (item.waivedReason) rows.push({ key: 'waived', label: p.waivedReason, children: item.waivedReason });
  if (item.state === 'correction_requested' && item.correctionMaterials.length > 0) {
    rows.push({
      key: 'correction',
      label: p.correctionMaterials,
      children: item.correctionMaterials.join('、'),
    });
  }
  if (item.deficiency) {
    rows.push({ key: 'deficiency', label: p.deficiency, children: <SideClock clock={item.deficiency} /> });
  }
  if (item.commitment) {
    rows.push({ key: 'commitment', label: p.commitment, children: <SideClock clock={item.commitment} /> });
  }
  if (item.specialProcedures.length > 0) {
    rows.push({
      key: 'procedures',
      label: p.specialProcedures,
      children: (
        <Space orientation="vertical" size={0}>
          {item.specialProcedures.map((sp) => (
            <span key={sp.startOn + sp.kind}>
              {p.procedureText(
                t.procedureKinds[sp.kind] ?? sp.kind,
                formatDate(sp.startOn),
                sp.endOn && formatDate(sp.endOn),
                sp.estimatedWorkingDays,
              )}
            </span>
          ))}
        </Space>
      ),
    });
  }
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="item-name">
        {item.name}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={rows} />
    </Card>
  );
}

/** The buttons of the actions the API allows the caller now; one opens its form below them. */
export function ItemActions({ item, role }: { item: ItemDetail; role: Role }) {
  const [open, setOpen] = useState<ItemAction | null>(null);
  const allowed = item.allowedActions;
  const current = open && allowed.includes(open) ? open : null;
  return (
    <Card title={t.actions.title} data-testid="item-actions">
      {allowed.length === 0 ? (
        <Typography.Text type="secondary" data-testid="item-actions-none">
          {t.actions.none}
        </Typography.Text>
      ) : (
        <Space wrap style={{ marginBottom: current ? 16 : 0 }}>
          {allowed.map((action) => (
            <Button
              key={action}
              type={current === action ? 'primary' : 'default'}
              danger={DANGEROUS_ACTIONS.has(action)}
              onClick={() => setOpen(action)}
              data-testid={`item-action-${action}`}
            >
              {actionLabel(action, item.state)}
            </Button>
          ))}
        </Space>
      )}
      {current ? (
        <ItemActionForm
          key={`${current}-${item.version}`}
          item={item}
          action={current}
          role={role}
          onDone={() => setOpen(null)}
        />
      ) : null}
    </Card>
  );
}

function historyLine(entry: LedgerEntry): string {
  if (entry.action === 'attach') return t.history.attach;
  const label = actionLabel(entry.action);
  return entry.from && entry.to && entry.from !== entry.to
    ? `${label}（${t.history.transition(stateName(entry.from), stateName(entry.to))}）`
    : label;
}

function historyDetail(entry: LedgerEntry): string[] {
  const { reason, materials } = entry.fields;
  const lines: string[] = [];
  if (typeof reason === 'string') lines.push(reason);
  if (Array.isArray(materials)) lines.push(materials.join('、'));
  if (entry.note) lines.push(entry.note);
  return lines;
}

/** The item's entries of the case's 台账, in the order they took effect. */
export function ItemHistory({ item }: { item: ItemDetail }) {
  const query = useQuery({
    queryKey: ['case', item.caseId, 'ledger'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cases/{id}/ledger', { params: { path: { id: item.caseId } } })),
  });
  const entries = query.data?.entries.filter((entry) => entry.itemId === item.id) ?? [];
  return (
    <Card title={t.history.title} data-testid="item-history">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert type="error" showIcon title={query.error.message} />
      ) : entries.length === 0 ? (
        <Empty description={t.history.empty} />
      ) : (
        <Timeline
          items={entries.map((entry) => {
            const effective = formatDate(entry.effectiveAt);
            const recorded = formatDate(entry.recordedAt);
            return {
              key: entry.id,
              content: (
                <div data-testid="item-history-entry">
                  <Typography.Text strong>{historyLine(entry)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {effective} · {messages.roles[entry.actorRole as Role] ?? entry.actorRole}
                      {recorded !== effective ? t.history.recordedLater(recorded) : ''}
                    </Typography.Text>
                  </div>
                  {historyDetail(entry).map((line, index) => (
                    <div key={index}>{line}</div>
                  ))}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

async function download(attachment: Attachment): Promise<void> {
  const response = await authFetch(
    new Request(`${window.location.origin}/api/v1/attachments/${encodeURIComponent(attachment.id)}/content`),
  );
  if (!response.ok) throw new Error(errorMessage(await response.json().catch(() => null)));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.filename;
  link.click();
  URL.revokeObjectURL(url);
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function ItemAttachments({ item }: { item: ItemDetail }) {
  const { message } = App.useApp();
  const query = useQuery({
    queryKey: ['items', 'attachments', item.id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/attachments', { params: { query: { itemId: item.id } } })),
  });
  return (
    <Card title={t.attachments.title} data-testid="item-attachments">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert type="error" showIcon title={query.error.message} />
      ) : (
        <Rows
          rows={query.data.attachments.map((attachment) => ({
            key: attachment.id,
            title: attachment.filename,
            description: `${t.attachments.kinds[attachment.kind] ?? attachment.kind} · ${formatDate(
              attachment.uploadedAt,
            )} · ${sizeText(attachment.size)}`,
            extra: (
              <Button
                type="link"
                size="small"
                onClick={() =>
                  download(attachment).catch((error: unknown) => message.error(errorMessage(error)))
                }
              >
                {t.attachments.download}
              </Button>
            ),
          }))}
          empty={t.attachments.empty}
          testId="item-attachment"
        />
      )}
    </Card>
  );
}

export function ItemReminders({ item }: { item: ItemDetail }) {
  const query = useQuery({
    queryKey: ['items', 'reminders', item.id],
    queryFn: async (): Promise<Reminders | null> => {
      const result = await api.GET('/api/v1/items/{id}/reminders', { params: { path: { id: item.id } } });
      // No schedule until the item's clock has started.
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
  const r = t.reminders;
  return (
    <Card title={r.title} data-testid="item-reminders">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Typography.Text type="secondary">{query.error.message}</Typography.Text>
      ) : (
        <Rows
          rows={(query.data?.rungs ?? []).map((rung) => ({
            key: `${rung.deadlineKey}-${rung.rung}`,
            title: r.rungs[rung.rung] ?? rung.rung,
            description: `${r.fireAt} ${formatDate(rung.firedAt ?? rung.fireAt)} · ${
              r.statuses[rung.status] ?? rung.status
            }`,
          }))}
          empty={r.empty}
          testId="item-reminder"
        />
      )}
    </Card>
  );
}

/** `/items/:id`: one item, what the caller may do with it now, its history, attachments and reminders. */
export function ItemPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const query = useQuery({
    queryKey: ['items', 'detail', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/items/{id}', { params: { path: { id } } })),
  });
  const role = me.data?.role;
  const item = query.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Link to="/">{t.page.back}</Link>
        {item ? <Link to={`/cases/${item.caseId}`}>{t.page.toCase}</Link> : null}
      </Space>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert type="error" showIcon title={query.error.message} />
      ) : (
        <>
          <ItemHeader item={query.data} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                {role ? <ItemActions item={query.data} role={role} /> : null}
                <ItemHistory item={query.data} />
              </Space>
            </Col>
            <Col xs={24} xl={9}>
              <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                <ItemAttachments item={query.data} />
                {role && REMINDER_READERS.includes(role) ? <ItemReminders item={query.data} /> : null}
              </Space>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
