// Calls to WeChat server APIs that take `?access_token=`: POST JSON, parse the answer, and on a refused token
// invalidate it and try once more with a fresh one. Used by the face check and SOTER clients.
import type { WechatConfig } from '../config'
import { AppError } from '../domain/errors'
import { DEFAULT_TIMEOUT_MS, TOKEN_ERRCODES, isTimeout, platformFailure, type AccessTokenSource } from './wechat-access-token'

export class WechatApiClient {
  private readonly timeoutMs: number

  constructor (private readonly cfg: WechatConfig, private readonly tokens: AccessTokenSource, opts: { timeoutMs?: number } = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  /**
   * POSTs `body` to `path` and returns WeChat's answer object, which may carry a non-zero errcode for the caller
   * to interpret — except a token errcode (40001/40014/42001): then the token is invalidated and the call made
   * once more; a second refusal is a 502. Network trouble, a timeout, a non-200 status or malformed JSON are
   * 502s with `message` (the person's sentence) and a diagnostic naming `label` in `cause`.
   */
  async post (path: string, body: Record<string, unknown>, label: string, message: string): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      let token: string
      try {
        token = await this.tokens.get()
      } catch (e) {
        // Keep the token store's diagnostic, but tell the person what they were doing.
        if (e instanceof AppError) throw platformFailure(message, String(e.cause ?? e.code))
        throw e
      }
      const answer = await this.send(path, token, body, label, message)
      const errcode = errcodeOf(answer)
      if (errcode !== undefined && TOKEN_ERRCODES.has(errcode)) {
        await this.tokens.invalidate(token)
        if (attempt < 2) continue
        throw platformFailure(message, `wechat ${label} errcode ${errcode} after a fresh access_token`)
      }
      return answer
    }
  }

  private async send (path: string, token: string, body: Record<string, unknown>, label: string, message: string):
  Promise<Record<string, unknown>> {
    // Joined as text, not resolved, so an API base with a path prefix (a forward proxy) keeps its prefix.
    const url = new URL(`${this.cfg.apiBase.replace(/\/+$/, '')}${path}`)
    url.searchParams.set('access_token', token)
    let status: number
    let text: string
    try {
      const res = await fetch(url, {
        method: 'POST',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify(body),
      })
      status = res.status
      text = await res.text()
    } catch (e) {
      throw platformFailure(message, isTimeout(e) ? `wechat ${label} timed out after ${this.timeoutMs} ms` : `wechat ${label} network error`)
    }
    if (status !== 200) throw platformFailure(message, `wechat ${label} http ${status}`)
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw platformFailure(message, `wechat ${label} answered malformed JSON`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw platformFailure(message, `wechat ${label} answered a non-object`)
    }
    return parsed as Record<string, unknown>
  }
}

/** The answer's errcode as a number; undefined when absent or 0 (WeChat sends 0 on success, or nothing). */
export function errcodeOf (answer: Record<string, unknown>): number | undefined {
  if (answer.errcode === undefined || answer.errcode === 0) return undefined
  const n = typeof answer.errcode === 'number' ? answer.errcode : Number(answer.errcode)
  if (n === 0) return undefined
  return Number.isFinite(n) ? n : Number.NaN
}
