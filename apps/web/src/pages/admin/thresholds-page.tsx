import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { messages } from '../../i18n/messages';
import type { Thresholds } from './admin-api';

const t = messages.thresholds;

type Setting = { source: 'env' | 'code'; name: string };
type Row = { label: string; value: string; service?: string; settings?: Setting[] };

/** Where a value is changed: the service's environment variable, or a constant of the code. */
function sourceOf(service: string, settings: Setting[]): string {
  const names = [...new Map(settings.map((s) => [`${s.source}:${s.name}`, s])).values()];
  return names
    .map((s) => (s.source === 'env' ? t.sourceEnv(service, s.name) : t.sourceCode(s.name)))
    .join('；');
}

function Section({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  const children = (row: Row): ReactNode => (
    <>
      {row.value}
      {row.settings && row.service ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {sourceOf(row.service, row.settings)}
        </Typography.Text>
      ) : null}
    </>
  );
  return (
    <Descriptions
      title={title}
      bordered
      size="small"
      column={1}
      style={{ marginTop: 16 }}
      data-testid={testId}
      items={rows.map((row) => ({ key: row.label, label: row.label, children: children(row) }))}
    />
  );
}

/** 预警阈值 (read-only): the values each service runs with, as it answers them. */
export function ThresholdsPage() {
  const query = useQuery({
    queryKey: ['admin', 'thresholds'],
    queryFn: async () => unwrap(await api.GET('/api/v1/admin/thresholds')),
  });
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Alert type="info" showIcon title={t.readOnly} data-testid="thresholds-read-only" />
      {query.isError ? (
        <Alert
          type="error"
          showIcon
          title={t.loadFailed}
          description={query.error.message}
          style={{ marginTop: 16 }}
          data-testid="thresholds-error"
        />
      ) : query.data ? (
        <ThresholdSections v={query.data} />
      ) : (
        <Spin style={{ display: 'block', marginTop: 16 }} />
      )}
    </Card>
  );
}

/** A row whose value comes from the service's answer, with where it is set. */
const fromService = (label: string, value: string, service: string, ...settings: Setting[]): Row => ({
  label,
  value,
  service,
  settings,
});

function ThresholdSections({ v }: { v: Thresholds }) {
  const { registry: r, workflow: w, notifications: n } = v;
  const [rung3Days, rung4Days] = n.overdueEscalationWorkingDays.value;
  const escalation = n.overdueEscalationWorkingDays;
  return (
    <>
      <Section
        title={t.agencyTitle}
        testId="thresholds-agency"
        rows={[
          fromService(t.agency, t.agencyValue(r.agencyWan.value), 'registry', r.agencyWan),
          fromService(t.taskForce, t.taskForceValue(r.taskForceWan.value), 'registry', r.taskForceWan),
        ]}
      />
      <Section
        title={t.lightsTitle}
        testId="thresholds-lights"
        rows={[
          fromService(
            t.yellow,
            t.yellowValue(n.yellowElapsedPercent.value, n.yellowRemainingDays.value),
            'notifications',
            n.yellowElapsedPercent,
            n.yellowRemainingDays,
          ),
          fromService(
            t.greenChannelYellow,
            t.greenChannelYellowValue(n.greenChannelYellowElapsedPercent.value),
            'notifications',
            n.greenChannelYellowElapsedPercent,
          ),
          { label: t.red, value: t.redValue },
        ]}
      />
      <Section
        title={t.escalationTitle}
        testId="thresholds-escalation"
        rows={[
          { label: t.rung1, value: t.rung1Value },
          { label: t.rung2, value: t.rung2Value },
          fromService(t.rung3, t.rung3Value(rung3Days), 'notifications', escalation),
          fromService(t.rung4, t.rung4Value(rung4Days), 'notifications', escalation),
        ]}
      />
      <Section
        title={t.otherTitle}
        testId="thresholds-other"
        rows={[
          fromService(
            t.deemedAccepted,
            t.deemedAcceptedValue(w.acceptanceDecisionWorkingDays.value),
            'workflow',
            w.acceptanceDecisionWorkingDays,
          ),
          fromService(
            t.request,
            t.workingDaysValue(w.requestLimitWorkingDays.value),
            'workflow',
            w.requestLimitWorkingDays,
          ),
          fromService(
            t.supervisionFeedback,
            t.workingDaysValue(n.supervisionFeedbackWorkingDays.value),
            'notifications',
            n.supervisionFeedbackWorkingDays,
          ),
        ]}
      />
    </>
  );
}
