import { compareWanYuan } from '@daiban/contracts';

export interface Thresholds {
  agencyWan: string;
  taskForceWan: string;
}

/**
 * Flags only ever switch on by investment: once a project crossed a threshold its agency case is
 * open and its 专班 exists, so lowering the figure later does not take them away.
 */
export function deriveFlags(
  totalInvestment: string,
  thresholds: Thresholds,
  previous: { agencyRequired: boolean; taskForceRequired: boolean } = {
    agencyRequired: false,
    taskForceRequired: false,
  },
) {
  return {
    agencyRequired: previous.agencyRequired || compareWanYuan(totalInvestment, thresholds.agencyWan) > 0,
    taskForceRequired:
      previous.taskForceRequired || compareWanYuan(totalInvestment, thresholds.taskForceWan) > 0,
  };
}
