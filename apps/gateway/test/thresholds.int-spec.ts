import { DEFAULT_LIGHT_THRESHOLDS, DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS } from '@daiban/calendar';
import { ACCEPTANCE_DECISION_WORKING_DAYS } from '../../workflow/src/items/item-clock.util';
import { ADMIN_PASSWORD, call, createUser, login } from './gateway-harness';
import { bootStack, type Stack } from './stack-harness';

/** GET /api/v1/admin/thresholds asks each service for what it runs with, not what the defaults say. */
describe('thresholds in force', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await bootStack({
      all: true,
      serviceEnv: {
        registry: { REGISTRY_AGENCY_THRESHOLD_WAN: '20000.5', REGISTRY_TASK_FORCE_THRESHOLD_WAN: '80000' },
        workflow: { REQUEST_LIMIT_WORKING_DAYS: '7' },
        notifications: { SUPERVISION_FEEDBACK_DAYS: '4' },
      },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('answers the values each service was started with and where each is configured', async () => {
    const admin = (await login(stack.gw, 'admin', ADMIN_PASSWORD)).accessToken;
    const answer = await call(stack.gw, 'GET', '/api/v1/admin/thresholds', { token: admin });
    expect(answer.status).toBe(200);
    const lights = { source: 'code', name: 'DEFAULT_LIGHT_THRESHOLDS' };
    expect(answer.body).toEqual({
      registry: {
        agencyWan: { value: '20000.5', source: 'env', name: 'REGISTRY_AGENCY_THRESHOLD_WAN' },
        taskForceWan: { value: '80000', source: 'env', name: 'REGISTRY_TASK_FORCE_THRESHOLD_WAN' },
      },
      workflow: {
        acceptanceDecisionWorkingDays: {
          value: ACCEPTANCE_DECISION_WORKING_DAYS,
          source: 'code',
          name: 'ACCEPTANCE_DECISION_WORKING_DAYS',
        },
        requestLimitWorkingDays: { value: 7, source: 'env', name: 'REQUEST_LIMIT_WORKING_DAYS' },
      },
      notifications: {
        yellowElapsedPercent: { value: DEFAULT_LIGHT_THRESHOLDS.yellowElapsedPercent, ...lights },
        greenChannelYellowElapsedPercent: {
          value: DEFAULT_LIGHT_THRESHOLDS.greenChannelYellowElapsedPercent,
          ...lights,
        },
        yellowRemainingDays: { value: DEFAULT_LIGHT_THRESHOLDS.yellowRemainingDays, ...lights },
        overdueEscalationWorkingDays: {
          value: [...DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS],
          source: 'code',
          name: 'DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS',
        },
        supervisionFeedbackWorkingDays: { value: 4, source: 'env', name: 'SUPERVISION_FEEDBACK_DAYS' },
      },
    });
  });

  it('is configuration: a leader gets 403', async () => {
    await createUser(stack.gw, 'thr_leader', 'leader', { kind: 'city' });
    const leader = (await login(stack.gw, 'thr_leader')).accessToken;
    const answer = await call(stack.gw, 'GET', '/api/v1/admin/thresholds', { token: leader });
    expect(answer.status).toBe(403);
  });
});
