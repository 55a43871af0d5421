// AppError: the one way domain code, adapters and routes signal a client-visible failure — a code from the contract,
// a Chinese message (the code's own from messages.ts unless a sharper one is given) and, for limits, when to retry.
// The HTTP status is not chosen here: the contract pairs each code with one (types/api/error-status.ts), and
// plugins/errors answers with it.
import type { ErrorCode } from '../../types/api/common'
import { errorStatus } from '../../types/api/error-status'
import { messageFor } from './messages'
import { pleaseAfter } from './wait-words'

export class AppError extends Error {
  readonly code: ErrorCode
  /** Whole seconds after which trying again can succeed (sent as Retry-After). */
  readonly retryAfterSeconds: number | undefined

  constructor (code: ErrorCode, message?: string, opts: { retryAfterSeconds?: number } = {}) {
    super(message ?? messageFor(code))
    this.code = code
    this.retryAfterSeconds = opts.retryAfterSeconds
  }

  /** The status the contract answers this code with. */
  get status (): number {
    return errorStatus[this.code]
  }

  /** The headers the answer carries besides the body. */
  get headers (): Record<string, string> {
    return this.retryAfterSeconds === undefined ? {} : { 'retry-after': String(this.retryAfterSeconds) }
  }
}

/**
 * The one 429: every limit (per client, per share grant) answers with these words (the time to try again, as a
 * clock time once it is a minute or more) and a Retry-After in seconds.
 */
export function rateLimited (seconds: number, now: Date = new Date()): AppError {
  const s = Math.max(1, Math.ceil(seconds))
  return new AppError('rate_limited', `操作太频繁，${pleaseAfter(new Date(now.getTime() + s * 1000), now)}再试`, { retryAfterSeconds: s })
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } })
