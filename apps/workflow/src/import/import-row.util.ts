import { shanghaiDateOf, type LocalDate } from '@daiban/calendar';
import {
  ISSUED_VIA,
  SPECIAL_PROCEDURE_KINDS,
  localDateString,
  type ImportRowError,
  type ItemActionRequest,
  type ItemState,
  type SpecialProcedureKind,
} from '@daiban/contracts';
import { STATE_NAMES } from '../common/workflow-messages.constant';
import { headerOf, type ImportColumnKey, type ImportRecord } from './import-columns.constant';

/** States a ledger may bring an item to; each maps to the actions that reach it. */
export const IMPORTABLE_STATES = [
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
  'denied',
  'result_collected',
  'handed_over',
  'waived',
] as const satisfies readonly ItemState[];
type ImportableState = (typeof IMPORTABLE_STATES)[number];

/** What park ledgers commonly write besides the state names of the system. */
const STATE_ALIASES: Record<string, ImportableState> = {
  补正: 'correction_requested',
  容缺: 'accepted_with_deficiency',
  延期: 'extended',
  免办: 'waived',
  已办结: 'approved',
};

/** States reached through acceptance, and those with a result issued. */
const ACCEPTED: readonly ImportableState[] = [
  'accepted',
  'accepted_with_deficiency',
  'special_procedure',
  'extended',
  'approved',
  'approved_on_commitment',
  'denied',
  'result_collected',
  'handed_over',
];
const RESULT: readonly ImportableState[] = [
  'approved',
  'approved_on_commitment',
  'result_collected',
  'handed_over',
];
/** Where an approved extension may have happened on the way (not the states an extension would leave). */
const EXTENDABLE: readonly ImportableState[] = ACCEPTED.filter(
  (s) => s !== 'accepted' && s !== 'accepted_with_deficiency',
);

const KIND_NAMES: Record<string, SpecialProcedureKind> = {
  专家评审: 'expert_review',
  公示: 'publicity',
  招标: 'bidding',
  拍卖: 'bidding',
  听证: 'hearing',
  检测: 'testing',
  技术评估: 'technical_assessment',
  检验: 'testing',
  鉴定: 'testing',
};
const ISSUED_VIA_NAMES: Record<string, (typeof ISSUED_VIA)[number]> = {
  部门: 'department',
  园区2号章: 'park_seal_no2',
  '2号章': 'park_seal_no2',
  电子印章: 'e_seal',
};

/** One action to run, with the column a failure of it is reported against. */
type WithoutItemId<T> = T extends unknown ? Omit<T, 'itemId'> : never;

export interface PlannedAction {
  request: WithoutItemId<ItemActionRequest>;
  column: ImportColumnKey;
}

export interface RowPlan {
  projectCode: string | null;
  projectId: string | null;
  catalogCode: string;
  agent: string | null;
  actions: PlannedAction[];
}

/** Effective time of a dated ledger entry: 09:00 Asia/Shanghai, office hours, the same for every row. */
export const effectiveAt = (date: LocalDate, minute = 0, second = 0) =>
  new Date(
    `${date}T09:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}+08:00`,
  ).toISOString();

const splitList = (text: string) =>
  text
    .split(/[;；\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Checks one row on its own (formats, required fields, date order) and plans its actions. */
export function planRow(
  row: number,
  record: ImportRecord,
  now: Date,
): { plan: RowPlan | null; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (column: ImportColumnKey | null, message: string) =>
    errors.push({ row, column: column && headerOf(column), message });
  const today = shanghaiDateOf(now);
  const date = (key: ImportColumnKey, required: boolean): LocalDate | null => {
    const text = record[key];
    if (!text) {
      if (required) fail(key, '此状态下必须填写');
      return null;
    }
    if (!localDateString.safeParse(text).success) {
      fail(key, '日期格式应为 YYYY-MM-DD');
      return null;
    }
    if (text > today) {
      fail(key, '日期不能晚于今天');
      return null;
    }
    return text;
  };

  if (!record.projectCode && !record.projectId) fail('projectCode', '「项目代码」与「项目ID」须填写其一');
  if (!record.catalogCode) fail('catalogCode', '必须填写');
  const stateText = record.state;
  const state = (IMPORTABLE_STATES as readonly string[]).includes(stateText)
    ? (stateText as ImportableState)
    : (IMPORTABLE_STATES.find((s) => STATE_NAMES[s] === stateText) ?? STATE_ALIASES[stateText]);
  if (!state) {
    fail(
      'state',
      `不支持的状态「${stateText}」，可填：${IMPORTABLE_STATES.map((s) => STATE_NAMES[s]).join('、')}`,
    );
    return { plan: null, errors };
  }
  const is = (...states: ImportableState[]) => states.includes(state);
  const accepted = ACCEPTED.includes(state);
  const approved = RESULT.includes(state);
  /** A column only some states use: refused outside `allowed`, and there missing only if not `required`. */
  const onlyFor = (key: ImportColumnKey, allowed: readonly ImportableState[], required: boolean) => {
    if (record[key] && !allowed.includes(state)) {
      fail(key, `仅「${allowed.map((s) => STATE_NAMES[s]).join('、')}」的事项可填写此列`);
      return false;
    }
    if (!record[key] && required && allowed.includes(state)) fail(key, '此状态下必须填写');
    return allowed.includes(state);
  };
  /** A due date: format only (it is normally in the future). */
  const dueDate = (key: ImportColumnKey): LocalDate | null => {
    if (!record[key]) return null;
    if (!localDateString.safeParse(record[key]).success) {
      fail(key, '日期格式应为 YYYY-MM-DD');
      return null;
    }
    return record[key];
  };

  const submittedOn = date('submittedOn', state !== 'preparing' && state !== 'waived');
  const acceptedOn = date('acceptedOn', accepted);
  if (acceptedOn && !accepted) fail('acceptedOn', '尚未受理的事项不能填写受理日期');
  const approvedOn = date('approvedOn', approved);
  if (approvedOn && !approved)
    fail('approvedOn', '仅已批准、承诺制批准、已领取结果、已移交的事项可填写批准日期');
  if (submittedOn && acceptedOn && acceptedOn < submittedOn) fail('acceptedOn', '受理日期不能早于提交日期');

  const pauses: Array<{ kind: SpecialProcedureKind; start: LocalDate; end: LocalDate | null }> = [];
  for (const part of splitList(record.specialProcedures)) {
    const match = /^([^:：]+)[:：]\s*(\d{4}-\d{2}-\d{2})\s*[~～至]\s*(\d{4}-\d{2}-\d{2})?$/.exec(part);
    const kind =
      match &&
      (KIND_NAMES[match[1].trim()] ??
        (SPECIAL_PROCEDURE_KINDS as readonly string[]).find((k) => k === match[1].trim()));
    if (!match || !kind) {
      fail(
        'specialProcedures',
        `无法识别「${part}」，格式为 种类:开始日期~结束日期（种类：专家评审、公示、听证、检测、技术评估、招标）`,
      );
      continue;
    }
    const [start, end] = [match[2], match[3] ?? null];
    if (
      !localDateString.safeParse(start).success ||
      (end && !localDateString.safeParse(end).success) ||
      start > today ||
      (end && end > today)
    ) {
      fail('specialProcedures', `「${part}」的日期无效或晚于今天`);
      continue;
    }
    if (end && end < start) fail('specialProcedures', `「${part}」的结束日期早于开始日期`);
    pauses.push({ kind: kind as SpecialProcedureKind, start, end });
  }
  if (pauses.length > 0 && !accepted) fail('specialProcedures', '尚未受理的事项不能有特别程序');
  pauses.forEach((pause, i) => {
    if (acceptedOn && pause.start < acceptedOn) fail('specialProcedures', '特别程序不能早于受理日期');
    const previous = pauses[i - 1];
    if (previous && (previous.end === null || pause.start < previous.end))
      fail('specialProcedures', '特别程序的时间段不能重叠');
    if (pause.end === null && (i < pauses.length - 1 || state !== 'special_procedure')) {
      fail('specialProcedures', '只有状态为「特别程序」时，最后一段才可以没有结束日期');
    }
  });
  if (state === 'special_procedure' && pauses.at(-1)?.end !== null) {
    fail('specialProcedures', '状态为「特别程序」时须填写进行中的特别程序（只写开始日期）');
  }
  const lastPauseEnd = pauses.at(-1)?.end ?? null;
  if (approvedOn && acceptedOn && approvedOn < acceptedOn) fail('approvedOn', '批准日期不能早于受理日期');
  if (approvedOn && lastPauseEnd && approvedOn < lastPauseEnd)
    fail('approvedOn', '批准日期不能早于特别程序结束日期');

  // 补正: the department's notice, after the submission.
  let correctionOn: LocalDate | null = null;
  const correctionMaterials = splitList(record.correctionMaterials);
  if (onlyFor('correctionOn', ['correction_requested'], false)) correctionOn = date('correctionOn', true);
  onlyFor('correctionMaterials', ['correction_requested'], true);
  if (correctionOn && submittedOn && correctionOn < submittedOn)
    fail('correctionOn', '补正日期不能早于提交日期');

  // 容缺受理: accepted on 受理日期 with materials still owed by a due date.
  const deficiencyMaterials = splitList(record.deficiencyMaterials);
  onlyFor('deficiencyMaterials', ['accepted_with_deficiency'], true);
  let deficiencyDueOn: LocalDate | null = null;
  if (onlyFor('deficiencyDueOn', ['accepted_with_deficiency'], true))
    deficiencyDueOn = dueDate('deficiencyDueOn');

  // 延期: the department's approved extension replaces the committed limit.
  let extendedOn: LocalDate | null = null;
  let extendedLimit: number | null = null;
  const extensionGiven = Boolean(record.extendedOn || record.extendedLimit || record.extensionReason);
  if (onlyFor('extendedOn', EXTENDABLE, false)) {
    extendedOn = date('extendedOn', state === 'extended' || extensionGiven);
  }
  if (onlyFor('extendedLimit', EXTENDABLE, state === 'extended' || extensionGiven) && record.extendedLimit) {
    if (!/^\d{1,4}$/.test(record.extendedLimit) || Number(record.extendedLimit) < 1) {
      fail('extendedLimit', '应为 1 至 3650 之间的整数（天数）');
    } else if (Number(record.extendedLimit) > 3650)
      fail('extendedLimit', '应为 1 至 3650 之间的整数（天数）');
    else extendedLimit = Number(record.extendedLimit);
  }
  onlyFor('extensionReason', EXTENDABLE, state === 'extended' || extensionGiven);
  if (extendedOn) {
    if (acceptedOn && extendedOn < acceptedOn) fail('extendedOn', '延期日期不能早于受理日期');
    if (pauses.some((p) => p.start <= extendedOn! && (p.end === null || extendedOn! < p.end)))
      fail('extendedOn', '延期日期不能在特别程序期间');
    if (approvedOn && approvedOn < extendedOn) fail('approvedOn', '批准日期不能早于延期日期');
  }

  // 不予受理 / 不予许可 / 无需办理: a dated decision with its reason.
  const DECIDED: readonly ImportableState[] = ['not_accepted', 'denied', 'waived'];
  let decidedOn: LocalDate | null = null;
  if (onlyFor('decidedOn', DECIDED, false)) decidedOn = date('decidedOn', true);
  onlyFor('reason', DECIDED, true);
  if (decidedOn) {
    const after = [submittedOn, acceptedOn, lastPauseEnd, extendedOn].filter((d): d is LocalDate => !!d);
    if (after.some((d) => decidedOn! < d)) {
      fail('decidedOn', '决定日期不能早于提交、受理、特别程序结束或延期的日期');
    }
  }

  // 领取结果 / 移交.
  let collectedOn: LocalDate | null = null;
  let handedOverOn: LocalDate | null = null;
  if (onlyFor('collectedOn', ['result_collected', 'handed_over'], false))
    collectedOn = date('collectedOn', true);
  if (onlyFor('handedOverOn', ['handed_over'], false)) handedOverOn = date('handedOverOn', true);
  onlyFor('handoverReceiptNo', ['handed_over'], true);
  if (collectedOn && approvedOn && collectedOn < approvedOn) fail('collectedOn', '领取日期不能早于批准日期');
  if (handedOverOn && collectedOn && handedOverOn < collectedOn)
    fail('handedOverOn', '移交日期不能早于领取日期');

  let issuedVia: (typeof ISSUED_VIA)[number] | null = null;
  if (approved) {
    if (!record.resultDocNo) fail('resultDocNo', '此状态下必须填写');
    issuedVia =
      ISSUED_VIA_NAMES[record.issuedVia] ??
      ((ISSUED_VIA as readonly string[]).includes(record.issuedVia)
        ? (record.issuedVia as (typeof ISSUED_VIA)[number])
        : null);
    if (!issuedVia) fail('issuedVia', '应为 部门、园区2号章 或 电子印章');
    if (issuedVia === 'park_seal_no2' && !record.sealApprover)
      fail('sealApprover', '使用园区2号章出具结果时须填写审批人');
  }
  // Collected and handed-over results may have been approved on commitment: the commitment columns say so.
  const commitmentMaterials = splitList(record.commitmentMaterials);
  const onCommitment =
    state === 'approved_on_commitment' ||
    (is('result_collected', 'handed_over') && Boolean(record.commitmentMaterials || record.commitmentDueOn));
  let commitmentDueOn: LocalDate | null = null;
  if (onCommitment) {
    if (commitmentMaterials.length === 0) fail('commitmentMaterials', '承诺制批准时必须填写');
    if (!record.commitmentDueOn) fail('commitmentDueOn', '承诺制批准时必须填写');
    else commitmentDueOn = dueDate('commitmentDueOn');
  } else if (record.commitmentMaterials || record.commitmentDueOn) {
    fail('commitmentMaterials', '仅「承诺制批准」（及其后领取、移交）的事项可填写承诺材料和期限');
  }
  if (!/^[A-Za-z0-9_-]*$/.test(record.agent)) fail('agent', '代办员账号格式不正确');
  if (record.projectId && !/^[A-Za-z0-9_-]{1,64}$/.test(record.projectId))
    fail('projectId', '标识符格式不正确');
  if (errors.length > 0) return { plan: null, errors };

  const note = record.note || undefined;
  const actions: PlannedAction[] = [];
  const add = (column: ImportColumnKey, request: PlannedAction['request']) =>
    actions.push({ column, request: { ...request, note } as PlannedAction['request'] });
  if (state !== 'waived' || submittedOn) {
    add('state', { action: 'prepare', ...(submittedOn ? { at: effectiveAt(submittedOn) } : {}) });
  }
  if (submittedOn) add('submittedOn', { action: 'submit', at: effectiveAt(submittedOn, 1) });
  if (state === 'correction_requested') {
    add('correctionMaterials', {
      action: 'request_correction',
      at: effectiveAt(correctionOn!, 2),
      materials: correctionMaterials,
    });
  }
  if (state === 'not_accepted') {
    add('reason', { action: 'not_accept', at: effectiveAt(decidedOn!, 2), reason: record.reason });
  }
  if (state === 'accepted_with_deficiency') {
    add('deficiencyDueOn', {
      action: 'accept_with_deficiency',
      at: effectiveAt(acceptedOn!, 2),
      materials: deficiencyMaterials,
      dueOn: deficiencyDueOn!,
    });
  } else if (acceptedOn) add('acceptedOn', { action: 'accept', at: effectiveAt(acceptedOn, 2) });
  // After acceptance, special procedures and an extension interleave by date.
  const decided: PlannedAction[] = [];
  const later = (column: ImportColumnKey, request: PlannedAction['request']) =>
    decided.push({ column, request: { ...request, note } as PlannedAction['request'] });
  for (const pause of pauses) {
    later('specialProcedures', {
      action: 'start_special_procedure',
      at: effectiveAt(pause.start, 3),
      kind: pause.kind,
      estimate: '历史台账导入',
      // The written estimate is not in old ledgers; the pause's real dates are what move the deadline.
      estimatedWorkingDays: 1,
    });
    if (pause.end)
      later('specialProcedures', { action: 'end_special_procedure', at: effectiveAt(pause.end, 4) });
  }
  if (extendedOn && extendedLimit) {
    later('extendedLimit', {
      action: 'extend',
      at: effectiveAt(extendedOn, 4, 30),
      newLimit: extendedLimit,
      reason: record.extensionReason,
    });
  }
  decided.sort((a, b) => a.request.at!.localeCompare(b.request.at!));
  actions.push(...decided);
  if (approvedOn && issuedVia) {
    const result = {
      resultDocNo: record.resultDocNo,
      issuedVia,
      ...(record.sealApprover ? { sealApprover: record.sealApprover } : {}),
    };
    add(
      'approvedOn',
      onCommitment
        ? {
            action: 'approve_on_commitment',
            at: effectiveAt(approvedOn, 5),
            ...result,
            materials: commitmentMaterials,
            commitmentDueOn: commitmentDueOn!,
          }
        : { action: 'approve', at: effectiveAt(approvedOn, 5), ...result },
    );
  }
  if (state === 'denied') {
    add('reason', { action: 'deny', at: effectiveAt(decidedOn!, 5), reason: record.reason });
  }
  if (collectedOn) add('collectedOn', { action: 'collect_result', at: effectiveAt(collectedOn, 6) });
  if (handedOverOn) {
    add('handoverReceiptNo', {
      action: 'hand_over',
      at: effectiveAt(handedOverOn, 7),
      receiptNo: record.handoverReceiptNo,
    });
  }
  if (state === 'waived') {
    add('reason', { action: 'waive', at: effectiveAt(decidedOn!, 2), reason: record.reason });
  }
  return {
    plan: {
      projectCode: record.projectCode || null,
      projectId: record.projectId || null,
      catalogCode: record.catalogCode,
      agent: record.agent || null,
      actions,
    },
    errors,
  };
}
