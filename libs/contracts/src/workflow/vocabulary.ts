import { z } from 'zod';

/** DOMAIN.md "Case (代办件) lifecycle". */
export const CASE_STATES = [
  'awaiting_agreement',
  'agreement_signed',
  'in_progress',
  'suspended',
  'handed_over',
  'closed',
  'terminated',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** DOMAIN.md "Item (审批事项) lifecycle". */
export const ITEM_STATES = [
  'not_started',
  'preparing',
  'submitted',
  'correction_requested',
  'not_accepted',
  'accepted',
  'accepted_with_deficiency',
  'special_procedure',
  'extended',
  'approved',
  'approved_on_commitment',
  'commitment_breached',
  'denied',
  'result_collected',
  'handed_over',
  'waived',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_ACTIONS = [
  'prepare',
  'submit',
  'request_correction',
  'accept',
  'accept_with_deficiency',
  'not_accept',
  'replan',
  'start_special_procedure',
  'end_special_procedure',
  'extend',
  'approve',
  'approve_on_commitment',
  'deny',
  'clear_deficiency',
  'fulfil_commitment',
  'record_commitment_breach',
  'collect_result',
  'hand_over',
  'waive',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** 行政许可法 第45条: the procedures whose time does not count against the limit. */
export const SPECIAL_PROCEDURE_KINDS = [
  'expert_review',
  'publicity',
  'hearing',
  'testing',
  'technical_assessment',
  'bidding',
] as const;
export type SpecialProcedureKind = (typeof SPECIAL_PROCEDURE_KINDS)[number];

/** How a result was issued; `park_seal_no2` results go to the park's 2号章 register. */
export const ISSUED_VIA = ['department', 'park_seal_no2', 'e_seal'] as const;
export type IssuedVia = (typeof ISSUED_VIA)[number];

export const CATALOG_STAGES = [
  'land_planning',
  'engineering_permit',
  'construction_permit',
  'completion',
] as const;
export type CatalogStage = (typeof CATALOG_STAGES)[number];

export const LIGHTS = ['green', 'yellow', 'red'] as const;

export const localDateString = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export const instantString = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' });
