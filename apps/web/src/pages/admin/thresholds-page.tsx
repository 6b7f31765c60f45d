import { Alert, Card, Descriptions, Typography } from 'antd';
import { messages } from '../../i18n/messages';

const t = messages.thresholds;

/**
 * The values in force, as configured: registry's REGISTRY_AGENCY_THRESHOLD_WAN and
 * REGISTRY_TASK_FORCE_THRESHOLD_WAN defaults, DEFAULT_LIGHT_THRESHOLDS and
 * DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS (libs/calendar), ACCEPTANCE_DECISION_WORKING_DAYS and
 * REQUEST_LIMIT_WORKING_DAYS (workflow). No API serves or changes them yet, so the page only shows them.
 */
const THRESHOLDS = {
  agencyWan: '10000',
  taskForceWan: '50000',
  yellowElapsedPercent: 80,
  yellowRemainingDays: 1,
  greenChannelYellowElapsedPercent: 60,
  overdueEscalationDays: [3, 10] as const,
  deemedAcceptanceDays: 5,
  requestLimitDays: 5,
};

/** 预警阈值 (read-only). */
export function ThresholdsPage() {
  const v = THRESHOLDS;
  const section = (title: string, items: Array<[string, string]>, testId: string) => (
    <Descriptions
      title={title}
      bordered
      size="small"
      column={1}
      style={{ marginTop: 16 }}
      data-testid={testId}
      items={items.map(([label, children]) => ({ key: label, label, children }))}
    />
  );
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Alert type="info" showIcon title={t.readOnly} data-testid="thresholds-read-only" />
      {section(
        t.agencyTitle,
        [
          [t.agency, t.agencyValue(v.agencyWan)],
          [t.taskForce, t.taskForceValue(v.taskForceWan)],
        ],
        'thresholds-agency',
      )}
      {section(
        t.lightsTitle,
        [
          [t.yellow, t.yellowValue(v.yellowElapsedPercent, v.yellowRemainingDays)],
          [t.greenChannelYellow, t.greenChannelYellowValue(v.greenChannelYellowElapsedPercent)],
          [t.red, t.redValue],
        ],
        'thresholds-lights',
      )}
      {section(
        t.escalationTitle,
        [
          [t.rung1, t.rung1Value],
          [t.rung2, t.rung2Value],
          [t.rung3, t.rung3Value(v.overdueEscalationDays[0])],
          [t.rung4, t.rung4Value(v.overdueEscalationDays[1])],
        ],
        'thresholds-escalation',
      )}
      {section(
        t.otherTitle,
        [
          [t.deemedAccepted, t.deemedAcceptedValue(v.deemedAcceptanceDays)],
          [t.request, t.requestValue(v.requestLimitDays)],
        ],
        'thresholds-other',
      )}
    </Card>
  );
}
