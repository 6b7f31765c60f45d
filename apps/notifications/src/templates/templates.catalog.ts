import type { DeadlineKind, NotificationCategory } from '@daiban/contracts';

/**
 * Every text a user reads from notifications, zh-CN, in one place. `{name}` placeholders are filled by
 * `renderTemplate`; a missing parameter is a programming error, never a blank in a message.
 * `smsCode` names the template registered with the SMS provider (real codes are configuration).
 */
export interface TemplateDefinition {
  category: NotificationCategory;
  /** Urgent messages bypass preferences and quiet hours (red rungs, 督办单). */
  urgent: boolean;
  title: string;
  body: string;
  smsCode: string;
}

export const KIND_LABELS: Record<DeadlineKind, string> = {
  item: '审批事项',
  commitment: '承诺事项',
  deficiency: '容缺材料',
  supervision_feedback: '督办单反馈',
  request: '企业诉求',
};

export const ISSUER_LABELS = { park: '园区企业服务中心', county: '县（市、区）', city: '市' } as const;

export const TEMPLATES = {
  'reminder.yellow': {
    category: 'reminder',
    urgent: false,
    title: '【即将到期】{kindLabel}「{title}」',
    body: '{kindLabel}「{title}」将于 {dueDate} 到期（黄灯），请抓紧办理。',
    smsCode: 'SMS_REMINDER_YELLOW',
  },
  'reminder.red': {
    category: 'reminder',
    urgent: true,
    title: '【已超期】{kindLabel}「{title}」',
    body: '{kindLabel}「{title}」已于 {dueDate} 到期未办结（红灯），请立即跟进；涉及部门已收到督办单。',
    smsCode: 'SMS_REMINDER_RED',
  },
  'reminder.escalate_3wd': {
    category: 'reminder',
    urgent: true,
    title: '【超期升级】{kindLabel}「{title}」',
    body: '{kindLabel}「{title}」已超期 {overdueDays} 个工作日（到期日 {dueDate}），请专班牵头人及县（市、区）领导协调推进。',
    smsCode: 'SMS_REMINDER_ESCALATE',
  },
  'reminder.major_red': {
    category: 'reminder',
    urgent: true,
    title: '【重大项目超期】{kindLabel}「{title}」',
    body: '重大项目{kindLabel}「{title}」已于 {dueDate} 到期未办结，请专班牵头人及县（市、区）领导协调推进。',
    smsCode: 'SMS_REMINDER_MAJOR',
  },
  'reminder.escalate_10wd': {
    category: 'reminder',
    urgent: true,
    title: '【超期通报】{kindLabel}「{title}」',
    body: '{kindLabel}「{title}」已超期 {overdueDays} 个工作日（到期日 {dueDate}），提请市领导通报督办。',
    smsCode: 'SMS_REMINDER_NOTICE',
  },
  'supervision.issued': {
    category: 'supervision',
    urgent: true,
    title: '【督办单】{number}',
    body: '{issuer}就{kindLabel}「{title}」发出督办单：{reason}。请签收，并于 {feedbackDue} 前反馈办理情况。',
    smsCode: 'SMS_SUPERVISION_ISSUED',
  },
  'supervision.signed': {
    category: 'supervision',
    urgent: true,
    title: '督办单 {number} 已签收',
    body: '督办单 {number}（{kindLabel}「{title}」）已由责任部门签收。',
    smsCode: 'SMS_SUPERVISION_SIGNED',
  },
  'supervision.feedbackSubmitted': {
    category: 'supervision',
    urgent: true,
    title: '督办单 {number} 已反馈',
    body: '督办单 {number}（{kindLabel}「{title}」）办理反馈：{feedback}。请复核。',
    smsCode: 'SMS_SUPERVISION_FEEDBACK',
  },
  'supervision.reviewed': {
    category: 'supervision',
    urgent: true,
    title: '督办单 {number} 复核通过',
    body: '督办单 {number}（{kindLabel}「{title}」）的反馈已通过复核，待办结销号。',
    smsCode: 'SMS_SUPERVISION_REVIEWED',
  },
  'supervision.returned': {
    category: 'supervision',
    urgent: true,
    title: '督办单 {number} 反馈被退回',
    body: '督办单 {number}（{kindLabel}「{title}」）的反馈未通过复核：{note}。请于 {feedbackDue} 前重新反馈。',
    smsCode: 'SMS_SUPERVISION_RETURNED',
  },
  'supervision.closed': {
    category: 'supervision',
    urgent: true,
    title: '督办单 {number} 已办结销号',
    body: '督办单 {number}（{kindLabel}「{title}」）已办结销号。',
    smsCode: 'SMS_SUPERVISION_CLOSED',
  },
  'case.opened': {
    category: 'case',
    urgent: false,
    title: '项目「{projectName}」已纳入全程代办',
    body: '您的项目「{projectName}」已纳入全程代办服务，代办员：{agentName}。代办服务免费，请留意后续材料通知。',
    smsCode: 'SMS_CASE_OPENED',
  },
  'case.agentAssigned': {
    category: 'case',
    urgent: false,
    title: '项目「{projectName}」已分配代办员',
    body: '您的项目「{projectName}」已由 {agentName} 负责代办，请在代办件详情中查看联系方式。',
    smsCode: 'SMS_CASE_AGENT',
  },
  'item.correctionRequested': {
    category: 'item',
    urgent: false,
    title: '【一次性告知】「{itemName}」需补正材料',
    body: '「{itemName}」需补正，请一次性补齐以下全部材料后重新提交：\n{materials}',
    smsCode: 'SMS_ITEM_CORRECTION',
  },
  'item.accepted': {
    category: 'item',
    urgent: false,
    title: '「{itemName}」已受理',
    body: '「{itemName}」已于 {acceptedOn} 受理，承诺办结日期为 {dueDate}。',
    smsCode: 'SMS_ITEM_ACCEPTED',
  },
  'item.approved': {
    category: 'item',
    urgent: false,
    title: '「{itemName}」已准予许可',
    body: '「{itemName}」已于 {decidedOn} 准予许可。',
    smsCode: 'SMS_ITEM_APPROVED',
  },
  'item.denied': {
    category: 'item',
    urgent: false,
    title: '「{itemName}」不予许可',
    body: '「{itemName}」于 {decidedOn} 作出不予许可决定，理由：{reasons}。',
    smsCode: 'SMS_ITEM_DENIED',
  },
  'item.resultReady': {
    category: 'item',
    urgent: false,
    title: '「{itemName}」审批结果待交付',
    body: '「{itemName}」的审批结果已出件，代办员 {agentName} 将与您约定交付。',
    smsCode: 'SMS_ITEM_RESULT',
  },
  'commitment.dueSoon': {
    category: 'item',
    urgent: false,
    title: '承诺材料即将到期',
    body: '「{itemName}」承诺补交的材料将于 {dueDate} 到期，请按承诺书按时提交。',
    smsCode: 'SMS_COMMITMENT_SOON',
  },
  'commitment.breached': {
    category: 'item',
    urgent: true,
    title: '【承诺未履行】「{itemName}」',
    body: '「{itemName}」承诺补交的材料已于 {dueDate} 到期未提交，事项已标记为未履行承诺。',
    smsCode: 'SMS_COMMITMENT_BREACHED',
  },
  'deficiency.dueSoon': {
    category: 'item',
    urgent: false,
    title: '容缺材料即将到期',
    body: '「{itemName}」容缺受理的材料将于 {dueDate} 到期，补齐前审批结果暂不交付。',
    smsCode: 'SMS_DEFICIENCY_SOON',
  },
  'deficiency.breached': {
    category: 'item',
    urgent: true,
    title: '【容缺材料超期】「{itemName}」',
    body: '「{itemName}」容缺受理的材料已于 {dueDate} 到期未补齐。',
    smsCode: 'SMS_DEFICIENCY_BREACHED',
  },
  'case.closedRatingRequested': {
    category: 'case',
    urgent: false,
    title: '代办服务已完成，请您评价',
    body: '项目「{projectName}」的代办服务已全部完成，请对本次代办服务进行评价。',
    smsCode: 'SMS_CASE_RATING',
  },
  'digest.daily': {
    category: 'digest',
    urgent: false,
    title: '【每日摘要】{date} 办理时限情况',
    body: '截至 {date}，您辖区内在办时限：绿灯 {green} 项，黄灯 {yellow} 项，红灯 {red} 项。\n{overdueList}',
    smsCode: 'SMS_DIGEST',
  },
} as const satisfies Record<string, TemplateDefinition>;

export type TemplateId = keyof typeof TEMPLATES;

export const DIGEST_OVERDUE_LINE = '· {kindLabel}「{title}」到期 {dueDate}，已超期 {overdueDays} 个工作日';
export const DIGEST_NOTHING_OVERDUE = '暂无超期事项。';
export const WEBHOOK_FOOTER = '> 代办服务平台 · {time}';
