/** Typed error codes with the Chinese message a villager sees. No stack trace ever leaves the server. */
export const ERROR_MESSAGES = {
  UNKNOWN_ACTION: '不支持的操作',
  BAD_INPUT: '填写的内容有误',
  NOT_SIGNED_IN: '请先登录',
  FORBIDDEN: '无权限',
  // said before the village is read (it may not exist): 村（居） names either kind
  NOT_MEMBER: '您不是本村（社区）的成员',
  NOT_FOUND: '找不到该内容',
  CONFLICT: '状态已变化，请刷新后再试',
  DUPLICATE: '已经提交过了',
  CONTENT_REJECTED: '内容不合规，请修改后再提交',
  CLOSED: '已截止',
  FULL: '名额已满',
  /** the local server's upload slots are all taken (503): try again in a moment */
  BUSY: '上传的人太多，请稍后再试',
  /** one person's writes that others read or are told about, over the limits of common/rate-limit.ts */
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface ApiErrorBody {
  code: ErrorCode
  message: string
  /** for BAD_INPUT: which field and why, in Chinese */
  fields?: Record<string, string>
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES[code])
    this.name = 'ApiError'
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) }
  }
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }

/** BAD_INPUT for the problems a check found (a field and a message each): the first as the message, all by field. */
export function problemsError(problems: ReadonlyArray<{ field: string; message: string }>): ApiError {
  return new ApiError('BAD_INPUT', problems[0].message, Object.fromEntries(problems.map((p) => [p.field, p.message])))
}
