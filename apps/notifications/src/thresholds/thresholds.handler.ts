import { Controller, Inject } from '@nestjs/common';
import { DEFAULT_LIGHT_THRESHOLDS, DEFAULT_OVERDUE_ESCALATION_WORKING_DAYS } from '@daiban/calendar';
import { DomainError, notificationsConfigThresholds, type NotificationsThresholds } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';

/**
 * The light and escalation rules the reminders fire by: `scheduleRungs` and `yellowAt` run with the
 * library defaults (nothing overrides them), and the 督办单 feedback limit from the environment.
 */
@Controller()
export class ThresholdsHandler {
  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  @RpcHandler(notificationsConfigThresholds)
  get({ caller }: RpcRequestMessage<unknown>): NotificationsThresholds {
    if (caller?.role !== 'admin') throw new DomainError('FORBIDDEN');
    const lights = { source: 'code' as const, name: 'DEFAULT_LIGHT_THRESHOLDS' };
    const feedback: keyof NotificationsConfig = 'SUPERVISION_FEEDBACK_DAYS';
    return {
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
      supervisionFeedbackWorkingDays: { value: this.config[feedback], source: 'env', name: feedback },
    };
  }
}
