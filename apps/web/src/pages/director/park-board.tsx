import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Statistic, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../api/me';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { AgentWorkload } from './agent-workload';
import { BOARD_KEY } from './board-queries';
import { ParkCases } from './park-cases';
import { SealRegister } from './seal-register';
import { SupervisionOrders } from './supervision-orders';

const t = messages.board;
const TABS = ['cases', 'agents', 'supervision', 'seal'] as const;
type TabKey = (typeof TABS)[number];
const LIGHTS = [
  { light: 'red', color: '#cf1322' },
  { light: 'yellow', color: '#d48806' },
] as const;
/** The catalog lists the states in lifecycle order. */
const CASE_STATE_ORDER = Object.keys(messages.caseStates);

/** Case counts by state (every state shown, zero included) and the park's red and yellow items. */
function BoardSummary() {
  const overview = useQuery({
    queryKey: [BOARD_KEY, 'overview'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/overview')),
  });
  if (overview.isError) return <Alert type="error" showIcon title={overview.error.message} />;
  const buckets = overview.data?.cases.byState ?? [];
  const counts = new Map(buckets.map((bucket) => [bucket.key, bucket.count] as const));
  const loading = overview.isPending;
  return (
    <Card data-testid="director-summary">
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t.subtitle}
        {overview.data ? ` ${t.asOf(formatDate(overview.data.asOf))}` : null}
      </Typography.Paragraph>
      <Typography.Text strong>{t.casesByState}</Typography.Text>
      <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
        {CASE_STATE_ORDER.map((state) => (
          <Col key={state} xs={12} sm={8} md={6} xl={3}>
            <Statistic
              title={messages.caseStates[state]}
              value={counts.get(state) ?? 0}
              loading={loading}
              data-testid={`director-state-${state}`}
            />
          </Col>
        ))}
        {LIGHTS.map(({ light, color }) => (
          <Col key={light} xs={12} sm={8} md={6} xl={3}>
            <Statistic
              title={light === 'red' ? t.redItems : t.yellowItems}
              value={overview.data?.items.byLight[light] ?? 0}
              loading={loading}
              styles={{ content: { color } }}
              data-testid={`director-${light}-items`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

const tabLabel = (key: TabKey) => <span data-testid={`director-tab-${key}`}>{t.tabs[key]}</span>;

/** 中心主任 home: the park board. The tab is in the address, so a reload or a shared link keeps it. */
export function ParkBoard() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: TabKey = TABS.find((key) => key === requested) ?? 'cases';
  const scope = me.data?.scope;
  const parkId = scope?.kind === 'park' ? scope.parkId : null;
  return (
    <div data-testid="director-board" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <BoardSummary />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams(key === 'cases' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'cases', label: tabLabel('cases'), children: <ParkCases parkId={parkId} /> },
            { key: 'agents', label: tabLabel('agents'), children: <AgentWorkload /> },
            { key: 'supervision', label: tabLabel('supervision'), children: <SupervisionOrders /> },
            { key: 'seal', label: tabLabel('seal'), children: <SealRegister parkId={parkId} /> },
          ]}
        />
      </Card>
    </div>
  );
}
