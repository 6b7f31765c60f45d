import { Card, Typography } from 'antd';
import type { Role } from '../api/me';
import { roleLabel } from '../api/me';
import { messages } from '../i18n/messages';
import { AgentWorklist } from './agent-worklist';

/** Each role lands on its own home; the ones not built yet say what comes next. */
export function HomePage({ role }: { role: Role }) {
  if (role === 'agent') return <AgentWorklist />;
  return (
    <Card title={`${roleLabel(role)} · ${messages.home.comingTitle}`} style={{ maxWidth: 720 }}>
      <Typography.Paragraph>{messages.home.coming[role]}</Typography.Paragraph>
    </Card>
  );
}
