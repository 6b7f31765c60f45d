import { Empty, Tag, Typography } from 'antd';
import type { CaseDetail } from '../case-page';
import { messages } from '../../i18n/messages';

type CaseItem = CaseDetail['items'][number];

const t = messages.notice;
const STAGE_ORDER = ['land_planning', 'engineering_permit', 'construction_permit', 'completion'];
const FINISHED = new Set<CaseItem['state']>([
  'approved',
  'approved_on_commitment',
  'result_collected',
  'handed_over',
  'denied',
]);

/** The items a notice lists (waived ones need nothing), in the order their stages happen. */
export function noticeItems(items: readonly CaseItem[]): CaseItem[] {
  return items
    .filter((item) => item.state !== 'waived')
    .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
}

function MaterialList({
  title,
  materials,
  testId,
}: {
  title: string;
  materials: readonly string[];
  testId?: string;
}) {
  if (materials.length === 0) return null;
  return (
    <div className="notice-block" data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <ol style={{ margin: '4px 0 8px', paddingInlineStart: 24 }}>
        {materials.map((material) => (
          <li key={material}>{material}</li>
        ))}
      </ol>
    </div>
  );
}

/**
 * 一次性告知: per item the full material list from the catalog, plus what is outstanding now
 * (补正 list, 容缺 and 承诺 materials with their due dates), so the enterprise prepares it all at once.
 */
export function NoticeList({ detail }: { detail: CaseDetail }) {
  const items = noticeItems(detail.items);
  if (items.length === 0) return <Empty description={t.empty} />;
  return (
    <div data-testid="case-notice-list">
      {items.map((item, index) => (
        <section
          key={item.id}
          className="notice-item"
          data-testid={`notice-item-${item.id}`}
          style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}
        >
          <Typography.Title level={5} style={{ margin: '0 0 4px' }}>
            {index + 1}. {item.name}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {t.department}：{item.departmentName} · {messages.stages[item.stage] ?? item.stage}
            </Typography.Text>
            {FINISHED.has(item.state) ? (
              <Tag color="green" style={{ marginLeft: 8 }}>
                {t.done}
              </Tag>
            ) : null}
          </Typography.Title>
          <MaterialList title={t.materials} materials={item.materials} />
          <MaterialList
            title={t.correction}
            materials={item.correctionMaterials}
            testId={`notice-correction-${item.id}`}
          />
          {item.deficiency?.status === 'pending' ? (
            <MaterialList title={t.deficiency(item.deficiency.dueOn)} materials={item.deficiency.materials} />
          ) : null}
          {item.commitment?.status === 'pending' ? (
            <MaterialList title={t.commitment(item.commitment.dueOn)} materials={item.commitment.materials} />
          ) : null}
        </section>
      ))}
    </div>
  );
}
