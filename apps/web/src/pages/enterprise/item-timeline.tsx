import { Alert, Empty, Space, Tag, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { lightTag } from '../../lib/light-tag';
import type { CaseItem, LedgerEntry, Plan } from './enterprise-queries';
import {
  decidedAt,
  expectedFinish,
  holderOf,
  isFinished,
  needsOf,
  timelineOrder,
  type Need,
} from './item-timeline.util';

const t = messages.enterprise.timeline;

const DOT: Record<string, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

function NeedAlert({ need }: { need: Need }) {
  if (need.kind === 'breached') return <Alert type="error" showIcon title={t.breached} />;
  const heading =
    need.kind === 'correction'
      ? t.correction
      : need.kind === 'commitment'
        ? t.commitment(formatDate(need.dueOn))
        : t.deficiency(formatDate(need.dueOn));
  return (
    <Alert
      type={need.kind === 'correction' || need.light === 'red' ? 'error' : 'warning'}
      showIcon
      data-testid={`timeline-need-${need.kind}`}
      title={heading}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {need.materials.map((material) => (
            <li key={material}>{material}</li>
          ))}
        </ul>
      }
    />
  );
}

/** One line of plain facts: dates and working days, each only when known. */
function DateFacts({ item, expected, actual }: { item: CaseItem; expected?: string; actual?: string }) {
  const facts: ReactNode[] = [];
  if (item.submittedOn) facts.push(t.submitted(formatDate(item.submittedOn)));
  if (item.acceptedOn) {
    facts.push(t.accepted(formatDate(item.acceptedOn)) + (item.deemedAccepted ? t.deemedAccepted : ''));
  }
  if (item.acceptedOn || item.dueDate) {
    const limit = t.limit(item.limit, item.unit === 'calendar_days');
    const legal =
      item.legalLimit !== null && item.legalLimit !== item.limit ? t.legalLimit(item.legalLimit) : '';
    facts.push(limit + legal);
  }
  if (item.dueDate && !actual)
    facts.push(t.due(formatDate(item.dueDate)) + (item.provisional ? t.provisional : ''));
  if (expected && !actual) facts.push(t.expected(formatDate(expected)));
  if (actual) facts.push(<Typography.Text strong>{t.actual(formatDate(actual))}</Typography.Text>);
  if (!actual && item.elapsed !== null) facts.push(t.elapsed(item.elapsed));
  if (!actual && item.overdueBy !== null && item.overdueBy > 0) {
    facts.push(<Typography.Text type="danger">{t.overdue(item.overdueBy)}</Typography.Text>);
  } else if (!actual && item.workingDaysLeft !== null) {
    facts.push(t.left(item.workingDaysLeft));
  }
  if (facts.length === 0) return <Typography.Text type="secondary">{t.notStarted}</Typography.Text>;
  return (
    <Space wrap size={[16, 4]} data-testid="timeline-dates">
      {facts.map((fact, index) => (
        <span key={index}>{fact}</span>
      ))}
    </Space>
  );
}

function Entry({ item, expected, actual }: { item: CaseItem; expected?: string; actual?: string }) {
  const holder = holderOf(item);
  const needs = needsOf(item);
  const finished = isFinished(item);
  const holderText = holder === 'department' ? t.departmentHolder(item.departmentName) : t.holders[holder];
  const openSpecial = item.specialProcedures.find((procedure) => procedure.endOn === null);
  return (
    <li
      data-testid="timeline-entry"
      data-item-id={item.id}
      data-state={item.state}
      data-holder={holder}
      style={{
        position: 'relative',
        paddingInlineStart: 28,
        paddingBottom: 20,
        borderInlineStart: '2px solid #e8e8e8',
        marginInlineStart: 8,
      }}
    >
      <span
        aria-hidden
        style={{
          position: 'absolute',
          insetInlineStart: -7,
          top: 4,
          width: 12,
          height: 12,
          borderRadius: '50%',
          background: finished ? '#8c8c8c' : (DOT[item.light ?? ''] ?? '#1f5fbf'),
        }}
      />
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap size={[8, 4]}>
          <Typography.Text strong>{item.name}</Typography.Text>
          <Tag color={finished ? 'default' : 'blue'} data-testid="timeline-entry-state">
            {messages.itemStates[item.state] ?? item.state}
          </Tag>
          {finished ? null : lightTag(item.light)}
        </Space>
        <Space wrap size={[16, 4]}>
          <Typography.Text type="secondary">{t.department(item.departmentName)}</Typography.Text>
          <Typography.Text type="secondary">
            {t.holder}
            <Typography.Text
              type={holder === 'enterprise' ? 'danger' : undefined}
              data-testid="timeline-holder"
            >
              {holderText}
            </Typography.Text>
          </Typography.Text>
        </Space>
        {item.state === 'waived' ? null : <DateFacts item={item} expected={expected} actual={actual} />}
        {item.paused ? <Typography.Text type="warning">{t.paused}</Typography.Text> : null}
        {openSpecial ? (
          <Typography.Text type="secondary">
            {t.special(openSpecial.estimate, openSpecial.estimatedWorkingDays)}
          </Typography.Text>
        ) : null}
        {item.state === 'waived' ? (
          <Typography.Text type="secondary">{t.waived(item.waivedReason)}</Typography.Text>
        ) : null}
        {item.state === 'denied' ? <Typography.Text type="danger">{t.denied}</Typography.Text> : null}
        {item.resultDocNo ? (
          <Typography.Text type="secondary">{t.resultDoc(item.resultDocNo)}</Typography.Text>
        ) : null}
        {needs.map((need) => (
          <NeedAlert key={need.kind} need={need} />
        ))}
      </Space>
    </li>
  );
}

/** Every item of the case as a vertical timeline, in the order the stages happen. */
export function ItemTimeline({
  items,
  plan,
  ledger,
}: {
  items: readonly CaseItem[];
  plan?: Plan;
  ledger?: readonly LedgerEntry[];
}) {
  if (items.length === 0) return <Empty description={t.empty} />;
  const expected = expectedFinish(plan);
  const actual = decidedAt(ledger);
  const ordered = timelineOrder(items);
  const waived = ordered.filter((item) => item.state === 'waived').length;
  const done = ordered.filter(isFinished).length - waived;
  return (
    <div data-testid="enterprise-timeline">
      <Typography.Paragraph type="secondary">{t.summary(done, waived, ordered.length)}</Typography.Paragraph>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {ordered.map((item, index) => (
          <Fragment key={item.id}>
            {index === 0 || ordered[index - 1].stage !== item.stage ? (
              <li data-testid="timeline-stage" style={{ margin: '8px 0 12px' }}>
                <Typography.Text strong>{messages.stages[item.stage] ?? item.stage}</Typography.Text>
              </li>
            ) : null}
            <Entry item={item} expected={expected.get(item.id)} actual={actual.get(item.id)} />
          </Fragment>
        ))}
      </ol>
    </div>
  );
}
