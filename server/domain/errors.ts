// AppError: the one way domain code and routes signal a client-visible failure (status + code + Chinese message).
import type { ErrorCode } from '../../types/api/common'
import { messageFor } from './messages'

export class AppError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly headers: Record<string, string>

  constructor (status: number, code: ErrorCode, message?: string, headers: Record<string, string> = {}) {
    super(message ?? messageFor(code))
    this.status = status
    this.code = code
    this.headers = headers
  }
}

/** The one 429: every limit (per client, per share grant) answers with these words and a Retry-After in seconds. */
export function rateLimited (seconds: number): AppError {
  const s = Math.max(1, Math.ceil(seconds))
  return new AppError(429, 'rate_limited', `操作太频繁，请 ${s} 秒后再试`, { 'retry-after': String(s) })
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } })
