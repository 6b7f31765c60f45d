/**
 * Stable machine codes for every error a client can see. Codes never change meaning;
 * the HTTP status for each lives in the gateway's error filter, the only place that maps them.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNKNOWN_FIELD',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'ACCOUNT_LOCKED',
  'PASSWORD_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE',
  'VERSION_CONFLICT',
  'ILLEGAL_TRANSITION',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Default Chinese messages, the one catalog users read when a service gives no more specific text. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '请求参数不符合要求',
  MALFORMED_JSON: '请求体不是合法的 JSON',
  UNKNOWN_FIELD: '请求包含不允许的字段',
  PAYLOAD_TOO_LARGE: '请求体过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNAUTHENTICATED: '请先登录',
  TOKEN_INVALID: '登录凭证无效，请重新登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  ACCOUNT_LOCKED: '账号已被临时锁定，请稍后再试',
  PASSWORD_EXPIRED: '密码已过期，请修改密码',
  FORBIDDEN: '没有执行此操作的权限',
  NOT_FOUND: '资源不存在',
  CONFLICT: '操作与当前状态冲突',
  DUPLICATE: '记录已存在',
  VERSION_CONFLICT: '数据已被他人修改，请刷新后重试',
  ILLEGAL_TRANSITION: '当前状态不允许此操作',
  PRECONDITION_FAILED: '前置条件未满足',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  UPSTREAM_TIMEOUT: '服务响应超时，请稍后重试',
  UPSTREAM_UNAVAILABLE: '服务暂时不可用，请稍后重试',
  INTERNAL: '系统内部错误',
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A typed domain error: thrown anywhere, it crosses request-reply intact and becomes one HTTP answer. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: ErrorBody): DomainError {
    const code = (ERROR_CODES as readonly string[]).includes(body.code) ? body.code : 'INTERNAL';
    return new DomainError(code, body.message, body.details);
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
