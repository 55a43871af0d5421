// A fake WeChat API server (jscode2session) on 127.0.0.1 for tests: checks appid/secret/grant_type like WeChat
// and answers each code as programmed. Plain node:http, so any test layer can start it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'

export type WechatAnswer =
  /** Success. `session_key` defaults to a fresh random one (recorded in the call) so leaks can be searched for. */
  | { openid: string; session_key?: string; unionid?: string }
  /** A WeChat error body, e.g. `{ errcode: 45011 }`. */
  | { errcode: number; errmsg?: string }
  /** Never answer (the request stays open until the client gives up or the fake closes). */
  | { hang: true }
  /** Exactly this HTTP answer, for malformed or non-200 responses. */
  | { status: number; body: string; contentType?: string }

export interface WechatServerOptions {
  appId?: string
  secret?: string
  /** code → answer. A code answered with success is used up: asking again answers 40163, as WeChat does. */
  answers?: Record<string, WechatAnswer>
  /** The answer for a code not in `answers`; default 40029 invalid code. */
  fallback?: (code: string) => WechatAnswer
}

export interface WechatCall {
  method: string
  path: string
  query: Record<string, string>
  /** The JSON body the fake sent back, if it answered with one. */
  answer?: Record<string, unknown>
}

export interface FakeWechatServer {
  /** Base URL to use as WECHAT_API_BASE, e.g. http://127.0.0.1:41234 */
  url: string
  appId: string
  secret: string
  calls: WechatCall[]
  /** Programmable at any time: answers.set('code-1', { openid: 'o1' }). */
  answers: Map<string, WechatAnswer>
  close (): Promise<void>
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error', 40002: 'invalid grant_type', 40013: 'invalid appid', 40029: 'invalid code',
  40125: 'invalid appsecret', 40163: 'code been used', 40226: 'high risk user', 41008: 'missing code',
  45011: 'api minute-quota reach limit mustslower retry next minute',
}

function sendJson (res: ServerResponse, call: WechatCall, body: Record<string, unknown>): void {
  call.answer = body
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

function error (errcode: number): Record<string, unknown> {
  return { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}, rid: ${randomBytes(6).toString('hex')}` }
}

export async function startWechatServer (opts: WechatServerOptions = {}): Promise<FakeWechatServer> {
  const appId = opts.appId ?? 'wx0000000000fake01'
  const secret = opts.secret ?? 'fake-wechat-secret-0123456789abcdef'
  const answers = new Map(Object.entries(opts.answers ?? {}))
  const fallback = opts.fallback ?? ((): WechatAnswer => ({ errcode: 40029 }))
  const used = new Set<string>()
  const calls: WechatCall[] = []

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const call: WechatCall = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams) }
    calls.push(call)
    req.resume()
    if (url.pathname !== '/sns/jscode2session' || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    const q = call.query
    // WeChat checks the caller before the code.
    if (q.appid !== appId) return sendJson(res, call, error(40013))
    if (q.secret !== secret) return sendJson(res, call, error(40125))
    if (q.grant_type !== 'authorization_code') return sendJson(res, call, error(40002))
    const code = q.js_code
    if (!code) return sendJson(res, call, error(41008))
    if (used.has(code)) return sendJson(res, call, error(40163))

    const answer = answers.get(code) ?? fallback(code)
    if ('hang' in answer) return // keep the socket open; close() destroys it
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8' })
      res.end(answer.body)
      return
    }
    if ('errcode' in answer) {
      return sendJson(res, call, { errcode: answer.errcode, errmsg: answer.errmsg ?? error(answer.errcode).errmsg })
    }
    used.add(code)
    const body: Record<string, unknown> = {
      session_key: answer.session_key ?? randomBytes(16).toString('base64'),
      openid: answer.openid,
    }
    if (answer.unionid) body.unionid = answer.unionid
    sendJson(res, call, body)
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    calls,
    answers,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
