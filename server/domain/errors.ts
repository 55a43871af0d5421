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

export const errorBody = (code: string, message: string) => ({ error: { code, message } })
