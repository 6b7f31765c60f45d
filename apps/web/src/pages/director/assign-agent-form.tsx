import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Select } from 'antd';
import { api, unwrap } from '../../api/client';
import { messages } from '../../i18n/messages';
import { FormFooter } from './form-footer';
import { BOARD_KEY, type AssignableAgent } from './board-queries';

const t = messages.assign;

/** What the form needs of a case: the board's list entry or the full case view both carry it. */
interface AssignTarget {
  id: string;
  projectId: string;
  version: number;
  agentUserId: string | null;
}

interface AssignAgentFormProps {
  caseView: AssignTarget;
  agents: readonly AssignableAgent[];
  onDone: () => void;
  onCancel: () => void;
}

/**
 * 指派 / 改派代办员 through `POST /cases/{id}/actions` (`assign_agent`), guarded by the case version the
 * director saw, so a concurrent change is refused instead of overwritten.
 */
export function AssignAgentForm({ caseView, agents, onDone, onCancel }: AssignAgentFormProps) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ agentUserId: string }>();
  const assign = useMutation({
    mutationFn: async (agentUserId: string) =>
      unwrap(
        await api.POST('/api/v1/cases/{id}/actions', {
          params: { path: { id: caseView.id } },
          body: { action: 'assign_agent', agentUserId, expectedVersion: caseView.version },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['project-case', updated.projectId], updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['case', updated.id] }),
        queryClient.invalidateQueries({ queryKey: [BOARD_KEY] }),
      ]);
      void message.success(t.done);
      onDone();
    },
  });
  const options = agents.map((agent) => {
    const current = agent.id === caseView.agentUserId ? t.current : '';
    const workload = t.workload(agent.openCases, agent.overdueItems);
    return { value: agent.id, label: `${agent.name}${current} · ${workload}` };
  });
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="assign-agent-form"
      initialValues={{ agentUserId: caseView.agentUserId ?? undefined }}
      onFinish={(values) => assign.mutate(values.agentUserId)}
    >
      {agents.length === 0 ? (
        <Alert type="info" showIcon title={t.noAgents} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item name="agentUserId" label={t.agent} rules={[{ required: true, message: t.agentRequired }]}>
        <Select
          options={options}
          placeholder={t.agentPlaceholder}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="assign-agent-select"
        />
      </Form.Item>
      <FormFooter
        error={assign.error}
        pending={assign.isPending}
        submitLabel={t.submit}
        cancelLabel={t.cancel}
        onCancel={onCancel}
        submitTestId="assign-agent-submit"
      />
    </Form>
  );
}
