// The real SMS sender: a small HTTP client for the operator's SMS gateway (a thin bridge to their vendor).
//
// Protocol (what the bridge must implement):
//   POST {SMS_GATEWAY_URL}
//   Authorization: Bearer {SMS_GATEWAY_TOKEN}
//   Content-Type: application/json; charset=utf-8
//   {"phone":"13812345678","template":"verification_code","params":{"code":"123456","purpose":"login","ttlMinutes":5}}
// Any 2xx answer means "accepted for delivery" (the body is ignored); anything else, a network error or no answer
// within the timeout (default 5 s) is a failure and the person is told to try again later (502
// platform_unavailable). The bridge owns the vendor's template id, signature name (签名) and wording, e.g.
// "您的登录验证码为{code}，{ttlMinutes}分钟内有效，请勿泄露给他人。"; `purpose` lets it pick a template per use.
// The request carries the code, so the bridge must be reached over TLS or on a private network.
import type { SmsGatewayConfig } from '../config'
import { AppError, type SmsSender } from '../domain/ports'

export const DEFAULT_TIMEOUT_MS = 5000
const SMS_FAILED_MESSAGE = '短信暂时发送不出去，请稍后再试'

function fail (diagnostic: string): AppError {
  const e = new AppError('platform_unavailable', SMS_FAILED_MESSAGE)
  e.cause = diagnostic // for the operator's log: never the phone or the code
  return e
}

export class HttpSmsSender implements SmsSender {
  readonly kind = 'real' as const
  private readonly timeoutMs: number

  constructor (private readonly cfg: SmsGatewayConfig, opts: { timeoutMs?: number } = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  async send (msg: { phone: string; purpose: string; code: string; ttlSeconds: number }): Promise<void> {
    const body = JSON.stringify({
      phone: msg.phone,
      template: 'verification_code',
      params: { code: msg.code, purpose: msg.purpose, ttlMinutes: Math.ceil(msg.ttlSeconds / 60) },
    })
    let res: Response
    try {
      res = await fetch(this.cfg.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.cfg.token}`, 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      // Read the body to the end so the connection can be reused; its content does not matter.
      await res.arrayBuffer()
    } catch (e) {
      // AbortSignal.timeout rejects with a DOMException, which is not always `instanceof Error` (other realms).
      const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : ''
      const timedOut = name === 'TimeoutError' || name === 'AbortError'
      throw fail(timedOut ? `sms gateway timed out after ${this.timeoutMs} ms` : 'sms gateway network error')
    }
    if (res.status < 200 || res.status > 299) throw fail(`sms gateway http ${res.status}`)
  }
}
