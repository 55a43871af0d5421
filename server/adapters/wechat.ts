// The real WeChat login-code exchanger (jscode2session); the session_key it receives never leaves this module.
import type { WechatConfig } from '../config'
import { AppError, type CodeExchanger, type PlatformIdentityInfo } from '../domain/ports'
import type { ErrorCode } from '../../types/api/common'

export const DEFAULT_TIMEOUT_MS = 5000

/** WeChat allows 100 code exchanges per user per minute (45011), so a minute is the honest wait. */
const RATE_LIMIT_RETRY_AFTER_SECONDS = 60

/**
 * A client-visible failure plus a short diagnostic in `cause` for the operator's log. The diagnostic is our own
 * text with WeChat's numeric errcode: never WeChat's English errmsg, the code, the secret or a session_key.
 */
function fail (code: ErrorCode, diagnostic: string, retryAfterSeconds?: number): AppError {
  const e = new AppError(code, undefined, { retryAfterSeconds })
  e.cause = diagnostic
  return e
}

/** Maps a jscode2session errcode to what the person is told; anything not listed is WeChat's fault or ours. */
function errorFor (errcode: number): AppError {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code already used
      return fail('invalid_login_code', `wechat jscode2session errcode ${errcode}`)
    case 45011:
      return fail('rate_limited', 'wechat jscode2session errcode 45011', RATE_LIMIT_RETRY_AFTER_SECONDS)
    case 40226: // high-risk user, blocked by WeChat
      return fail('platform_rejected', 'wechat jscode2session errcode 40226')
    default:
      // -1 (busy) and everything else, including 40013/40125 (our appid/secret are wrong): the person can only
      // try again later, and the operator sees the errcode in the log.
      return fail('platform_unavailable', `wechat jscode2session errcode ${errcode}`)
  }
}

export class WechatCodeExchanger implements CodeExchanger {
  readonly platform = 'wechat' as const
  readonly kind = 'real' as const
  private readonly timeoutMs: number

  constructor (private readonly cfg: WechatConfig, opts: { timeoutMs?: number } = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  async exchange (code: string): Promise<PlatformIdentityInfo> {
    // Joined as text, not resolved, so an API base with a path prefix (a forward proxy) keeps its prefix.
    const url = new URL(`${this.cfg.apiBase.replace(/\/+$/, '')}/sns/jscode2session`)
    url.searchParams.set('appid', this.cfg.appId)
    url.searchParams.set('secret', this.cfg.secret)
    url.searchParams.set('js_code', code)
    url.searchParams.set('grant_type', 'authorization_code')

    let status: number
    let text: string
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } })
      status = res.status
      text = await res.text()
    } catch (e) {
      // AbortSignal.timeout rejects with a DOMException, which is not always `instanceof Error` (other realms).
      const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : ''
      const timedOut = name === 'TimeoutError' || name === 'AbortError'
      throw fail('platform_unavailable', timedOut ? `wechat jscode2session timed out after ${this.timeoutMs} ms`
        : 'wechat jscode2session network error')
    }
    if (status !== 200) throw fail('platform_unavailable', `wechat jscode2session http ${status}`)

    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw fail('platform_unavailable', 'wechat jscode2session answered malformed JSON')
    }
    if (typeof body !== 'object' || body === null) {
      throw fail('platform_unavailable', 'wechat jscode2session answered a non-object')
    }
    const answer = body as Record<string, unknown>
    // WeChat sends errcode 0 on some successful answers, so only a non-zero errcode is an error.
    if (answer.errcode !== undefined && answer.errcode !== 0) {
      const errcode = typeof answer.errcode === 'number' ? answer.errcode : Number(answer.errcode)
      throw errorFor(Number.isFinite(errcode) ? errcode : Number.NaN)
    }
    const openid = answer.openid
    if (typeof openid !== 'string' || openid === '') {
      throw fail('platform_unavailable', 'wechat jscode2session answered without openid')
    }
    // session_key is deliberately dropped here: nothing in this product decrypts WeChat user data with it, and
    // it must never leave the server (nor this adapter).
    const unionId = typeof answer.unionid === 'string' && answer.unionid !== '' ? answer.unionid : undefined
    return unionId ? { platform: 'wechat', subject: openid, unionId } : { platform: 'wechat', subject: openid }
  }
}
