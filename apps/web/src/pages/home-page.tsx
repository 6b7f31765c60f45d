import { Card, Typography } from 'antd';
import type { Role } from '../api/me';
import { roleLabel, useMe } from '../api/me';
import { messages } from '../i18n/messages';
import { AdminHome } from './admin/admin-home';
import { AgentWorklist } from './agent-worklist';
import { AuditPage } from './audit/audit-page';
import { OfficerHome } from './officer/officer-home';
import { EnterpriseProjects } from './enterprise/enterprise-projects';
import { LeaderCockpit } from './leader/leader-cockpit';
import { ParkBoard } from './director/park-board';

/** Each role lands on its own home; the ones not built yet say what comes next. */
export function HomePage({ role }: { role: Role }) {
  if (role === 'agent') return <AgentWorklist />;
  if (role === 'enterprise') return <EnterpriseProjects />;
  if (role === 'admin') return <AdminHome />;
  if (role === 'auditor') return <AuditPage />;
  if (role === 'department_officer') return <OfficerHome />;
  if (role === 'leader') return <LeaderCockpit />;
  if (role === 'center_director') return <ParkBoard />;
  return (
    <Card title={`${roleLabel(role)} · ${messages.home.comingTitle}`} style={{ maxWidth: 720 }}>
      <Typography.Paragraph>{messages.home.coming[role]}</Typography.Paragraph>
    </Card>
  );
}

/** The index route: the layout has already loaded the caller, so this reads it from the cache. */
export function HomeRoute() {
  const me = useMe();
  return me.data ? <HomePage role={me.data.role} /> : null;
}
