import type { PasswordProblem } from '@daiban/auth';

/** Every Chinese sentence the gateway itself shows users; error codes keep their defaults in contracts. */
export const MESSAGES = {
  badCredentials: '用户名或密码错误',
  accountLocked: (minutes: number) => `连续登录失败次数过多，账号已锁定 ${minutes} 分钟`,
  passwordExpired: '密码已过期，请通过“修改密码”设置新密码后再登录',
  passwordRejected: '新密码不符合密码策略',
  passwordSame: '新密码不能与原密码相同',
  tokenMissing: '请先登录',
  tokenInvalid: '登录凭证无效，请重新登录',
  sessionExpired: '登录会话已过期，请重新登录',
  refreshReused: '登录凭证已被使用过，为安全起见该会话已注销，请重新登录',
  ticketInvalid: '实时推送票据无效或已使用',
  roleForbidden: '当前角色无权执行此操作',
  userNotFound: '用户不存在',
  parkNotFound: '园区不存在',
  usernameTaken: '用户名已存在',
  scopeMismatch: '该角色不能使用此数据范围',
  selfLockout: '不能停用自己的账号或取消自己的管理员角色',
  revealReasonRequired: '查看完整信息须说明事由',
  unknownRoute: '接口不存在',
  idempotencyKeyInvalid: 'Idempotency-Key 须为 1–128 位字母、数字或 _ . : -',
  idempotencyKeyReused: '该 Idempotency-Key 已用于另一个请求，请换用新的 Idempotency-Key',
  idempotencyInFlight: '相同 Idempotency-Key 的请求正在处理，请稍后重试',
  reportCountyOutsideScope: '无权查看该县（市、区）的报表',
} as const;

export const PASSWORD_PROBLEM_MESSAGES: Record<
  PasswordProblem,
  (minLength: number, minClasses: number) => string
> = {
  too_short: (minLength) => `密码长度至少 ${minLength} 位`,
  too_long: () => '密码过长',
  too_few_classes: (_minLength, minClasses) =>
    `密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${minClasses} 类`,
  contains_username: () => '密码不能包含用户名',
};
