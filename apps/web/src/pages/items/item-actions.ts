import type { Dayjs } from 'dayjs';
import type { Role } from '../../api/me';
import type { paths } from '../../api/schema';
import { messages } from '../../i18n/messages';

export type ItemDetail = paths['/api/v1/items/{id}']['get']['responses'][200]['content']['application/json'];
export type ActionBody =
  paths['/api/v1/items/{id}/actions']['post']['requestBody']['content']['application/json'];
export type ItemAction = ActionBody['action'];

/** Fields every action takes; the form handles them apart from the action's own. */
type CommonField = 'action' | 'at' | 'note' | 'expectedVersion';
type OwnField<A extends ItemAction> = Exclude<keyof Extract<ActionBody, { action: A }>, CommonField> & string;
/** Every action's own field the form offers (not `submit`'s prerequisite commitments, see below). */
export type FieldName = Exclude<{ [A in ItemAction]: OwnField<A> }[ItemAction], 'prerequisiteCommitments'>;

export interface FieldSpec<Name extends string = FieldName> {
  name: Name;
  required: boolean;
}

const need = <Name extends string>(...names: Name[]): FieldSpec<Name>[] =>
  names.map((name) => ({ name, required: true }));
const optional = <Name extends string>(name: Name): FieldSpec<Name> => ({ name, required: false });
const result = [...need('resultDocNo', 'issuedVia'), optional('sealApprover')] as const;

/**
 * Exactly the fields each action's request schema (libs/contracts items.rpc.ts) takes, in form order; the
 * types tie each name to its action. `submit`'s prerequisite commitments are left out: they name catalog
 * codes the page does not load.
 */
export const ACTION_FIELDS: { readonly [A in ItemAction]: readonly FieldSpec<OwnField<A>>[] } = {
  prepare: [],
  submit: [optional('receiptNo')],
  request_correction: need('materials'),
  accept: [optional('receiptNo')],
  accept_with_deficiency: need('materials', 'dueOn'),
  not_accept: need('reason'),
  replan: [],
  start_special_procedure: need('kind', 'estimatedWorkingDays', 'estimate'),
  end_special_procedure: [],
  extend: need('newLimit', 'reason'),
  approve: result,
  approve_on_commitment: [...result, ...need('materials', 'commitmentDueOn')],
  deny: need('reason'),
  clear_deficiency: [],
  fulfil_commitment: [],
  record_commitment_breach: [],
  collect_result: [],
  hand_over: need('receiptNo'),
  waive: need('reason'),
};

/** Refusals and dead ends look different from the steps forward. */
export const DANGEROUS_ACTIONS: ReadonlySet<ItemAction> = new Set([
  'not_accept',
  'deny',
  'record_commitment_breach',
  'waive',
]);

/** Only these roles may record a past effective time (the workflow refuses it from anyone else). */
export const BACKDATING_ROLES: readonly Role[] = ['agent', 'admin'];

/** What the antd form holds: dates as dayjs, material lists as one line per material. */
export interface ActionFormValues {
  at?: Dayjs | null;
  note?: string;
  receiptNo?: string;
  materials?: string;
  dueOn?: Dayjs | null;
  commitmentDueOn?: Dayjs | null;
  reason?: string;
  kind?: string;
  estimatedWorkingDays?: number | null;
  estimate?: string;
  newLimit?: number | null;
  resultDocNo?: string;
  issuedVia?: string;
  sealApprover?: string;
}

export const materialLines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function fieldValue(name: FieldName, values: ActionFormValues): unknown {
  const value = values[name];
  if (value === undefined || value === null) return undefined;
  if (name === 'materials') return materialLines(values.materials);
  if (name === 'dueOn' || name === 'commitmentDueOn') return (value as Dayjs).format('YYYY-MM-DD');
  if (name === 'sealApprover' && values.issuedVia !== 'park_seal_no2') return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  return value;
}

/** The request body: the action's own fields, the effective time and note when given, and the lock. */
export function toActionBody(action: ItemAction, values: ActionFormValues, version: number): ActionBody {
  const body: Record<string, unknown> = { action, expectedVersion: version };
  for (const field of ACTION_FIELDS[action] as readonly FieldSpec[]) {
    const value = fieldValue(field.name, values);
    if (value !== undefined) body[field.name] = value;
  }
  if (values.at) body.at = values.at.toISOString();
  const note = values.note?.trim();
  if (note) body.note = note;
  return body as ActionBody;
}

/** The button's words: submitting again after a correction reads as 补正后重新提交. */
export function actionLabel(action: string, state?: string): string {
  const t = messages.items.actions;
  if (action === 'submit' && state === 'correction_requested') return t.resubmit;
  return t.labels[action] ?? action;
}
