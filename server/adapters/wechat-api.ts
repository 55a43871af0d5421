// Calls to WeChat server APIs that take `?access_token=`: POST JSON (or GET with a query), parse the answer, and on
// a refused token invalidate it and try once more with a fresh one. Used by the face check, SOTER, subscribe-message
// private-message (activity id) and mini-program code clients.
import type { WechatConfig } from '../config'
import { AppError } from '../domain/ports'
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
    return this.call(path, { body }, label, message)
  }

  /**
   * As post, for an API that answers image bytes on success and a JSON errcode body on failure (getwxacodeunlimit):
   * the image (PNG or JPEG, told by its bytes), or WeChat's answer object for the caller to interpret.
   */
  async postForImage (path: string, body: Record<string, unknown>, label: string, message: string):
  Promise<{ image: WechatImage } | { answer: Record<string, unknown> }> {
    let image: WechatImage | undefined
    const answer = await this.call(path, { body, onImage: (i) => { image = i } }, label, message)
    return image ? { image } : { answer }
  }

  /** As post, for the APIs WeChat defines as GET with query parameters (e.g. activityid/create). */
  async get (path: string, query: Record<string, string>, label: string, message: string): Promise<Record<string, unknown>> {
    return this.call(path, { query }, label, message)
  }

  private async call (path: string, req: ApiRequest, label: string, message: string): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      let token: string
      try {
        token = await this.tokens.get()
      } catch (e) {
        // Keep the token store's diagnostic, but tell the person what they were doing.
        if (e instanceof AppError) throw platformFailure(message, String(e.cause ?? e.code))
        throw e
      }
      const answer = await this.send(path, token, req, label, message)
      const errcode = errcodeOf(answer)
      if (errcode !== undefined && TOKEN_ERRCODES.has(errcode)) {
        await this.tokens.invalidate(token)
        if (attempt < 2) continue
        throw platformFailure(message, `wechat ${label} errcode ${errcode} after a fresh access_token`)
      }
      return answer
    }
  }

  private async send (path: string, token: string, req: ApiRequest, label: string, message: string):
  Promise<Record<string, unknown>> {
    // Joined as text, not resolved, so an API base with a path prefix (a forward proxy) keeps its prefix.
    const url = new URL(`${this.cfg.apiBase.replace(/\/+$/, '')}${path}`)
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v)
    url.searchParams.set('access_token', token)
    let status: number
    let bytes: Buffer
    try {
      const res = await fetch(url, req.body
        ? {
            method: 'POST',
            signal: AbortSignal.timeout(this.timeoutMs),
            headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
            body: JSON.stringify(req.body),
          }
        : { method: 'GET', signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } })
      status = res.status
      bytes = Buffer.from(await res.arrayBuffer())
    } catch (e) {
      throw platformFailure(message, isTimeout(e) ? `wechat ${label} timed out after ${this.timeoutMs} ms` : `wechat ${label} network error`)
    }
    if (status !== 200) throw platformFailure(message, `wechat ${label} http ${status}`)
    const imageType = req.onImage ? imageTypeOf(bytes) : undefined
    if (imageType) {
      req.onImage!({ contentType: imageType, bytes })
      return {}
    }
    const text = new TextDecoder().decode(bytes)
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

/**
 * What one call sends besides the token: a JSON body (POST) or query parameters (GET); `onImage` receives an image
 * answer (which then counts as an answer without errcode).
 */
interface ApiRequest { body?: Record<string, unknown>; query?: Record<string, string>; onImage?: (image: WechatImage) => void }

/** An image WeChat answered with. */
export interface WechatImage { contentType: 'image/png' | 'image/jpeg'; bytes: Buffer }

/** PNG or JPEG by the file's signature (WeChat's Content-Type is not relied on); undefined for anything else. */
export function imageTypeOf (bytes: Buffer): WechatImage['contentType'] | undefined {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  return undefined
}

/** The answer's errcode as a number; undefined when absent or 0 (WeChat sends 0 on success, or nothing). */
export function errcodeOf (answer: Record<string, unknown>): number | undefined {
  if (answer.errcode === undefined || answer.errcode === 0) return undefined
  const n = typeof answer.errcode === 'number' ? answer.errcode : Number(answer.errcode)
  if (n === 0) return undefined
  return Number.isFinite(n) ? n : Number.NaN
}
