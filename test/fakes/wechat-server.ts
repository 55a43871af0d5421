// A fake WeChat API server on 127.0.0.1 for tests: jscode2session, stable_token, face check 2.0 (getverifyid /
// queryverifyinfo), SOTER verify_signature, subscribe-message send and private-message activityid/create. It checks
// what WeChat checks — appid/secret, the access_token (issued, current, unexpired), out_seq_no / openid / cert_hash
// against what getverifyid received, the SOTER signature against the device key — and answers the rest as
// programmed. Plain node:http, so any layer can start it. Also getwxacodeunlimit (mini-program codes): it checks the
// scene (≤ 32 characters of WeChat's set), the page and the build as WeChat does and answers a real PNG (a QR code of
// the request, laid out by the `qrcode` package) or WeChat's errcode.
//
// Errcodes: the token and generic ones are WeChat's documented codes (40001, 40013, 40125, 41001, 42001, 43002,
// 47001, …). WeChat does not publish (that we could find) the errcodes of face 2.0's own refusals — unknown or
// expired verify_id, mismatched out_seq_no / openid / cert_hash, a reused out_seq_no — so FACE_ERRCODES below are
// this fake's stand-ins; the client must not depend on their values (it treats any such errcode as "not passed").
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { createHash, createPublicKey, generateKeyPair, randomBytes, sign as rsaSign, verify as rsaVerify, constants, type KeyObject } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import QRCode from 'qrcode'

export type WechatAnswer =
  /** Success. `session_key` defaults to a fresh random one (recorded in the call) so leaks can be searched for. */
  | { openid: string; session_key?: string; unionid?: string }
  /** A WeChat error body, e.g. `{ errcode: 45011 }`. */
  | { errcode: number; errmsg?: string }
  /** Never answer (the request stays open until the client gives up or the fake closes). */
  | { hang: true }
  /** Exactly this HTTP answer, for malformed or non-200 responses. */
  | { status: number; body: string; contentType?: string }

/** How a face check ended, as queryverifyinfo will report it (for a verify_id whose request matches). */
export type WechatFaceOutcome =
  /** `{ errcode: 0, verify_ret }`: 10000 passed; 90001–90199 device / cancel / timeout; 1000x mismatch. */
  | { verifyRet: number }
  /** A WeChat error body instead of a result. */
  | { errcode: number; errmsg?: string }

/** An answer pushed with `queue`: sent once, to the next request for that path, before any checks. */
export type WechatQueuedAnswer =
  | { errcode: number; errmsg?: string }
  | { hang: true }
  | { status: number; body: string; contentType?: string }

/** The fake's stand-in errcodes for face 2.0 refusals WeChat does not document (see the module comment). */
export const FACE_ERRCODES = {
  verifyIdInvalid: 61400, // unknown or expired verify_id
  outSeqNoMismatch: 61401,
  openidMismatch: 61402,
  certHashMismatch: 61403,
  outSeqNoUsed: 61404, // getverifyid with an out_seq_no this appid already used
} as const

export interface WechatServerOptions {
  appId?: string
  secret?: string
  /** code → answer. A code answered with success is used up: asking again answers 40163, as WeChat does. */
  answers?: Record<string, WechatAnswer>
  /** The answer for a code not in `answers`; default 40029 invalid code. */
  fallback?: (code: string) => WechatAnswer
  /** Lifetime of an access_token from stable_token; default 7200 s, as WeChat. */
  tokenLifetimeSeconds?: number
  /** Lifetime of a verify_id; default 3600 s, as WeChat. */
  verifyIdLifetimeSeconds?: number
  /** The face outcome for a check nobody programmed; default verify_ret 90002 (the person gave up). */
  faceFallback?: WechatFaceOutcome
  /** Subscribe-message templates this app has: id → keyword keys; default FAKE_SUBSCRIBE_TEMPLATE. */
  subscribeTemplates?: Record<string, string[]>
  /** Pages of the released mini-program; a subscribe message naming another page is 41030. Default: any page. */
  pages?: string[]
}

/** The fake's default subscribe template (a claim progress notice): title, stage, time, note. */
export const FAKE_SUBSCRIBE_TEMPLATE = { id: 'fake-claim-progress-tmpl-01', keys: ['thing1', 'phrase2', 'time3', 'thing4'] } as const

/** A subscribe message the fake accepted (and so, in WeChat, delivered). */
export interface WechatSubscribeDelivery {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState?: string
}

export interface WechatCall {
  method: string
  path: string
  query: Record<string, string>
  /** The parsed JSON request body, for POSTs that sent one. */
  body?: Record<string, unknown>
  /** The JSON body the fake sent back, if it answered with one. */
  answer?: Record<string, unknown>
}

/** An activity id issued by activityid/create: bound to the sharer's openid (or unionid) for a private message. */
export interface WechatActivity { activityId: string; openid?: string; unionid?: string; expiresAt: number }

/** A mini-program code getwxacodeunlimit made: what was asked for, and the PNG it answered. */
export interface WechatWxacodeIssued { scene: string; page: string; checkPath: boolean; envVersion: string; width: number; png: Buffer }

/** What getverifyid received, kept by verify_id, as WeChat keeps it to check queryverifyinfo. */
export interface WechatFaceSession {
  verifyId: string
  outSeqNo: string
  openid: string
  certHash: string
  expiresAt: number
}

export interface FakeWechatServer {
  /** Base URL to use as WECHAT_API_BASE, e.g. http://127.0.0.1:41234 */
  url: string
  appId: string
  secret: string
  calls: WechatCall[]
  /** Programmable at any time: answers.set('code-1', { openid: 'o1' }). */
  answers: Map<string, WechatAnswer>
  /** Face outcomes by out_seq_no (or by verify_id): faces.set(outSeqNo, { verifyRet: 10000 }). */
  faces: Map<string, WechatFaceOutcome>
  /** verify_id → what getverifyid received. */
  faceSessions: Map<string, WechatFaceSession>
  /** Answers to send once, per path, ahead of the normal handling: queue.push({ path, answer: { errcode: -1 } }). */
  queue: { path: string; answer: WechatQueuedAnswer }[]
  /** How many access tokens stable_token has issued so far. */
  readonly tokensIssued: number
  /** The token stable_token currently hands out, if any. */
  readonly currentToken: string | undefined
  /** As if someone forced a refresh: every token issued so far answers 40001 and the next stable_token is new. */
  revokeTokens (): void
  /** Makes every token issued so far expired (42001) and the next stable_token new. */
  expireTokens (): void
  /**
   * Registers a SOTER device key for `openid` (as the WeChat client does at enrolment) and returns a signer that
   * signs a resultJSON the way the device's TEE does (RSASSA-PSS, SHA-256, salt length 20, base64).
   */
  soterDevice (openid: string): Promise<{ sign (jsonString: string): string }>
  /**
   * As if `openid` tapped 'accept' in wx.requestSubscribeMessage for `templateId`, `times` times: each acceptance
   * allows one message; a send without one answers 43101, as WeChat does.
   */
  acceptSubscription (openid: string, templateId: string, times?: number): void
  /** Acceptances not yet used, per openid and template. */
  subscriptionsLeft (openid: string, templateId: string): number
  /** The subscribe messages sent (accepted by the fake), oldest first. */
  deliveries: WechatSubscribeDelivery[]
  /** Private-message activity ids issued by activityid/create, by id: whose they are and when they expire. */
  activities: Map<string, WechatActivity>
  /** Mini-program codes getwxacodeunlimit made, oldest first. */
  wxacodes: WechatWxacodeIssued[]
  close (): Promise<void>
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error', 40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type', 40003: 'invalid openid', 40013: 'invalid appid', 40014: 'invalid access_token',
  40029: 'invalid code', 40097: 'invalid args', 40125: 'invalid appsecret', 40163: 'code been used',
  40226: 'high risk user', 41001: 'access_token missing', 41008: 'missing code', 42001: 'access_token expired',
  43002: 'require POST method', 44002: 'empty post data', 47001: 'data format error',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  [FACE_ERRCODES.verifyIdInvalid]: 'verify_id invalid or expired', [FACE_ERRCODES.outSeqNoMismatch]: 'out_seq_no not match',
  [FACE_ERRCODES.openidMismatch]: 'openid not match', [FACE_ERRCODES.certHashMismatch]: 'cert_hash not match',
  [FACE_ERRCODES.outSeqNoUsed]: 'out_seq_no duplicate',
  40037: 'invalid template_id', 41030: 'invalid page', 43101: 'user refuse to accept the msg',
  47003: 'argument invalid!', 43001: 'require GET method',
  40129: 'invalid scene', 40169: 'invalid length for scene, or the data is not json string', 45009: 'reach max api minute-quota limit',
}

/**
 * WeChat's rules for a subscribe-message value, by the keyword's type (the key without its number): undefined when
 * the value is fine, else why not (WeChat's 47003 errmsg names the field). Types the fake does not know pass.
 */
function subscribeValueProblem (key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'empty'
  if (Array.from(value).some((ch) => ch.charCodeAt(0) < 0x20)) return 'control character'
  const type = key.replace(/[0-9]+$/, '')
  const chars = Array.from(value).length
  switch (type) {
    case 'thing': return chars <= 20 ? undefined : 'longer than 20 characters'
    case 'phrase': return /^[\u4e00-\u9fff]{1,5}$/.test(value) ? undefined : 'not 1–5 Chinese characters'
    case 'character_string': return /^[\x21-\x7e]{1,32}$/.test(value) ? undefined : 'not 1–32 letters, digits or symbols'
    case 'number': return /^[0-9]{1,32}(\.[0-9]+)?$/.test(value) ? undefined : 'not a number'
    case 'time':
    case 'date':
      return /^([0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{2}-[0-9]{2})( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$/.test(value) ||
        (type === 'time' && /^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$/.test(value)) ? undefined : 'not a time'
    default: return undefined
  }
}

const OUT_SEQ_NO = /^[A-Za-z0-9_-]{5,32}$/

/** WeChat's cert_hash, computed independently of the client's code (the fake must not trust the client). */
function fakeCertHash (certType: string, certName: string, certNo: string): string {
  const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64')
  return createHash('sha256').update(`cert_type=${b64(certType)}&cert_name=${b64(certName)}&cert_no=${b64(certNo)}`).digest('hex')
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== ''

/**
 * A `width`-pixel square PNG (1-bit greyscale) of the QR code of `text` with a 2-module quiet zone. Written here with
 * node:zlib rather than by the `qrcode` package's PNG renderer, which takes seconds per image inside jest.
 */
function qrPng (text: string, width: number): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const span = modules.size + 2 * quiet
  // Pixel → module index (-1 in the quiet zone), the same along both axes.
  const moduleAt = Int32Array.from({ length: width }, (_, p) => {
    const m = Math.floor((p * span) / width) - quiet
    return m >= 0 && m < modules.size ? m : -1
  })
  const rowBytes = Math.ceil(width / 8)
  const raw = Buffer.alloc((rowBytes + 1) * width) // each row: filter byte 0, then 1 bit per pixel, 1 = white
  const row = Buffer.alloc(rowBytes)
  let lastModuleRow = -2
  for (let y = 0; y < width; y++) {
    const my = moduleAt[y]!
    if (my !== lastModuleRow) { // rows within one module row are equal: compute each once
      row.fill(0)
      for (let x = 0; x < width; x++) {
        const mx = moduleAt[x]!
        if (my < 0 || mx < 0 || modules.get(my, mx) !== 1) row[x >> 3]! |= 0x80 >> (x & 7)
      }
      lastModuleRow = my
    }
    row.copy(raw, y * (rowBytes + 1) + 1)
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(width, 4)
  ihdr.set([1, 0, 0, 0, 0], 8) // bit depth 1, greyscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ])
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
  const tokenLifetimeMs = (opts.tokenLifetimeSeconds ?? 7200) * 1000
  const verifyIdLifetimeMs = (opts.verifyIdLifetimeSeconds ?? 3600) * 1000
  const faceFallback = opts.faceFallback ?? { verifyRet: 90002 }
  const used = new Set<string>()
  const calls: WechatCall[] = []
  const faces = new Map<string, WechatFaceOutcome>()
  const faceSessions = new Map<string, WechatFaceSession>()
  const usedOutSeqNos = new Set<string>()
  const queue: { path: string; answer: WechatQueuedAnswer }[] = []
  const soterKeys = new Map<string, KeyObject>()
  const subscribeTemplates = new Map<string, string[]>(Object.entries(opts.subscribeTemplates ?? { [FAKE_SUBSCRIBE_TEMPLATE.id]: [...FAKE_SUBSCRIBE_TEMPLATE.keys] }))
  /** `${openid}\n${templateId}` → acceptances left. */
  const acceptances = new Map<string, number>()
  const deliveries: WechatSubscribeDelivery[] = []

  /** Every token issued: its expiry and whether a forced refresh revoked it. */
  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>()
  let current: string | undefined
  let tokensIssued = 0

  function issueToken (): string {
    current = `fake-at-${randomBytes(24).toString('base64url')}`
    tokens.set(current, { expiresAt: Date.now() + tokenLifetimeMs, revoked: false })
    tokensIssued++
    return current
  }

  /** stable_token, normal mode: the current token while it has more than 5 minutes left, else a new one. */
  function stableToken (forceRefresh: boolean): { token: string; expiresIn: number } {
    const held = current === undefined ? undefined : tokens.get(current)
    if (forceRefresh && held) held.revoked = true
    let token = current
    if (!held || held.revoked || forceRefresh || held.expiresAt - Date.now() <= 300_000) token = issueToken()
    const expiresAt = tokens.get(token!)!.expiresAt
    return { token: token!, expiresIn: Math.floor((expiresAt - Date.now()) / 1000) }
  }

  /** 0 when the access_token may call APIs, else WeChat's errcode for it. */
  function tokenError (token: string | undefined): number {
    if (!token) return 41001
    const t = tokens.get(token)
    if (!t) return 40014
    if (t.revoked) return 40001
    if (t.expiresAt <= Date.now()) return 42001
    return 0
  }

  function jscode2session (res: ServerResponse, call: WechatCall): void {
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
  }

  function getVerifyId (b: Record<string, unknown>): Record<string, unknown> {
    const cert = b.cert_info
    if (!nonEmpty(b.out_seq_no) || !OUT_SEQ_NO.test(b.out_seq_no)) return error(40097)
    if (typeof cert !== 'object' || cert === null) return error(40097)
    const c = cert as Record<string, unknown>
    if (c.cert_type !== 'IDENTITY_CARD' || !nonEmpty(c.cert_name) || !nonEmpty(c.cert_no)) return error(40097)
    if (!nonEmpty(b.openid)) return error(40003)
    if (usedOutSeqNos.has(b.out_seq_no)) return error(FACE_ERRCODES.outSeqNoUsed) // unique per appid
    usedOutSeqNos.add(b.out_seq_no)
    const verifyId = `fake-vid-${randomBytes(24).toString('base64url')}`
    faceSessions.set(verifyId, {
      verifyId, outSeqNo: b.out_seq_no, openid: b.openid,
      certHash: fakeCertHash(c.cert_type, c.cert_name, c.cert_no), expiresAt: Date.now() + verifyIdLifetimeMs,
    })
    return { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: Math.round(verifyIdLifetimeMs / 1000) }
  }

  function queryVerifyInfo (b: Record<string, unknown>): Record<string, unknown> {
    if (!nonEmpty(b.verify_id) || !nonEmpty(b.out_seq_no) || !nonEmpty(b.cert_hash) || !nonEmpty(b.openid)) return error(40097)
    const session = faceSessions.get(b.verify_id)
    if (!session || session.expiresAt <= Date.now()) return error(FACE_ERRCODES.verifyIdInvalid)
    // WeChat checks the identity against what getverifyid received and answers an errcode, never a verify_ret,
    // when it differs: the result of one person's face cannot be claimed for another identity.
    if (b.out_seq_no !== session.outSeqNo) return error(FACE_ERRCODES.outSeqNoMismatch)
    if (b.openid !== session.openid) return error(FACE_ERRCODES.openidMismatch)
    if (b.cert_hash !== session.certHash) return error(FACE_ERRCODES.certHashMismatch)
    const outcome = faces.get(session.verifyId) ?? faces.get(session.outSeqNo) ?? faceFallback
    if ('errcode' in outcome) return { errcode: outcome.errcode, errmsg: outcome.errmsg ?? error(outcome.errcode).errmsg }
    return { errcode: 0, errmsg: 'ok', verify_ret: outcome.verifyRet }
  }

  function verifySignature (b: Record<string, unknown>): Record<string, unknown> {
    if (!nonEmpty(b.openid)) return error(40003)
    if (typeof b.json_string !== 'string' || typeof b.json_signature !== 'string') return error(40097)
    const key = soterKeys.get(b.openid)
    let ok = false
    try {
      ok = !!key && rsaVerify('sha256', Buffer.from(b.json_string, 'utf8'),
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }, Buffer.from(b.json_signature, 'base64'))
    } catch { ok = false }
    return { errcode: 0, errmsg: 'ok', is_ok: ok }
  }

  function subscribeSend (b: Record<string, unknown>): Record<string, unknown> {
    if (!nonEmpty(b.touser) || !/^[A-Za-z0-9_-]{6,64}$/.test(b.touser)) return error(40003)
    const keys = nonEmpty(b.template_id) ? subscribeTemplates.get(b.template_id) : undefined
    if (!keys) return error(40037)
    const data = b.data
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return error(47003)
    for (const key of keys) {
      const entry = (data as Record<string, unknown>)[key]
      const problem = typeof entry === 'object' && entry !== null ? subscribeValueProblem(key, (entry as Record<string, unknown>).value) : 'missing'
      if (problem) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value ${problem}, rid: ${randomBytes(6).toString('hex')}` }
    }
    if (b.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(String(b.miniprogram_state))) return error(40097)
    if (b.page !== undefined) {
      const path = typeof b.page === 'string' ? b.page.split('?')[0]! : ''
      if (typeof b.page !== 'string' || path.startsWith('/') || (opts.pages && !opts.pages.includes(path))) return error(41030)
    }
    const slot = `${b.touser}\n${b.template_id as string}`
    const left = acceptances.get(slot) ?? 0
    if (left <= 0) return error(43101)
    acceptances.set(slot, left - 1)
    deliveries.push({
      touser: b.touser, templateId: b.template_id as string, page: typeof b.page === 'string' ? b.page : '',
      data: data as Record<string, { value: string }>,
      ...(b.miniprogram_state !== undefined ? { miniprogramState: String(b.miniprogram_state) } : {}),
    })
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() * 1000 + deliveries.length }
  }

  const activities = new Map<string, WechatActivity>()

  /**
   * createActivityId: a GET with the token and the sharer in the query (openid or unionid; neither makes an id for an
   * updatable message, not a private one). WeChat's default lifetime is 24 hours; expiration_time is Unix seconds.
   */
  function activityIdCreate (req: IncomingMessage, res: ServerResponse, call: WechatCall): void {
    if (req.method !== 'GET') return sendJson(res, call, error(43001))
    const bad = tokenError(call.query.access_token)
    if (bad) return sendJson(res, call, error(bad))
    const { openid, unionid } = call.query
    if (openid !== undefined && !/^[A-Za-z0-9_-]{6,64}$/.test(openid)) return sendJson(res, call, error(40003))
    const activityId = `${1000 + activities.size}_${randomBytes(18).toString('base64url')}`
    const expiresAt = Math.floor(Date.now() / 1000) + 86_400
    activities.set(activityId, { activityId, ...(openid ? { openid } : {}), ...(unionid ? { unionid } : {}), expiresAt })
    sendJson(res, call, { errcode: 0, errmsg: 'ok', activity_id: activityId, expiration_time: expiresAt })
  }

  const wxacodes: WechatWxacodeIssued[] = []

  /**
   * getwxacodeunlimit: POST JSON with the token. The scene must be 1–32 characters of WeChat's documented set (the
   * set is written here independently of the server's code); the page has no leading slash and no query, and with
   * check_path (default true) must be a page of the released mini-program (`pages`, when given); env_version is
   * release, trial or develop; width 280–1280 (outside it this fake answers 40097: WeChat's behaviour there is not
   * documented). Success is the image itself, not JSON.
   */
  function wxacodeUnlimit (req: IncomingMessage, res: ServerResponse, call: WechatCall, raw: string): void {
    if (req.method !== 'POST') return sendJson(res, call, error(43002))
    if (raw === '') return sendJson(res, call, error(44002))
    let body: unknown
    try { body = JSON.parse(raw) } catch { body = undefined }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, call, error(47001))
    const b = body as Record<string, unknown>
    call.body = b
    const bad = tokenError(call.query.access_token)
    if (bad) return sendJson(res, call, error(bad))
    const scene = b.scene
    if (typeof scene !== 'string' || scene.length < 1 || scene.length > 32) return sendJson(res, call, error(40169))
    if (!/^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]+$/.test(scene)) return sendJson(res, call, error(40129))
    const checkPath = b.check_path === undefined ? true : b.check_path
    const envVersion = b.env_version === undefined ? 'release' : b.env_version
    const width = b.width === undefined ? 430 : b.width
    if (typeof checkPath !== 'boolean' || !['release', 'trial', 'develop'].includes(String(envVersion))) return sendJson(res, call, error(40097))
    if (typeof width !== 'number' || !Number.isInteger(width) || width < 280 || width > 1280) return sendJson(res, call, error(40097))
    const page = b.page === undefined ? '' : b.page
    if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) return sendJson(res, call, error(41030))
    if (checkPath && page !== '' && opts.pages && !opts.pages.includes(page)) return sendJson(res, call, error(41030))
    const png = qrPng(`fake-wxacode:${envVersion as string}:${page}?scene=${scene}`, width)
    wxacodes.push({ scene, page, checkPath, envVersion: envVersion as string, width, png })
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) })
    res.end(png)
  }

  /** The APIs called with ?access_token=: POST JSON only, the token checked first, as WeChat does. */
  const tokenApis: Record<string, (b: Record<string, unknown>) => Record<string, unknown>> = {
    '/cityservice/face/identify/getverifyid': getVerifyId,
    '/cityservice/face/identify/queryverifyinfo': queryVerifyInfo,
    '/cgi-bin/soter/verify_signature': verifySignature,
    '/cgi-bin/message/subscribe/send': subscribeSend,
  }

  function handle (req: IncomingMessage, res: ServerResponse, call: WechatCall, raw: string): void {
    const queued = queue.findIndex((q) => q.path === call.path)
    if (queued >= 0) {
      const { answer } = queue.splice(queued, 1)[0]!
      if ('hang' in answer) return
      if ('status' in answer) {
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8' })
        res.end(answer.body)
        return
      }
      return sendJson(res, call, { errcode: answer.errcode, errmsg: answer.errmsg ?? error(answer.errcode).errmsg })
    }
    if (call.path === '/sns/jscode2session' && req.method === 'GET') return jscode2session(res, call)
    if (call.path === '/cgi-bin/message/wxopen/activityid/create') return activityIdCreate(req, res, call)
    if (call.path === '/wxa/getwxacodeunlimit') return wxacodeUnlimit(req, res, call, raw)
    const isTokenApi = call.path in tokenApis
    if (call.path !== '/cgi-bin/stable_token' && !isTokenApi) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    if (req.method !== 'POST') return sendJson(res, call, error(43002))
    if (raw === '') return sendJson(res, call, error(44002))
    let body: unknown
    try { body = JSON.parse(raw) } catch { body = undefined }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, call, error(47001))
    const b = body as Record<string, unknown>
    call.body = b
    if (call.path === '/cgi-bin/stable_token') {
      if (b.grant_type !== 'client_credential') return sendJson(res, call, error(40002))
      if (b.appid !== appId) return sendJson(res, call, error(40013))
      if (b.secret !== secret) return sendJson(res, call, error(40125))
      const { token, expiresIn } = stableToken(b.force_refresh === true)
      return sendJson(res, call, { access_token: token, expires_in: expiresIn })
    }
    const bad = tokenError(call.query.access_token)
    if (bad) return sendJson(res, call, error(bad))
    sendJson(res, call, tokenApis[call.path]!(b))
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const call: WechatCall = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams) }
    calls.push(call)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handle(req, res, call, Buffer.concat(chunks).toString('utf8')))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    calls,
    answers,
    faces,
    faceSessions,
    queue,
    get tokensIssued () { return tokensIssued },
    get currentToken () { return current },
    revokeTokens () {
      for (const t of tokens.values()) t.revoked = true
    },
    expireTokens () {
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, Date.now())
    },
    // Async: a 2048-bit key made synchronously blocks the event loop long enough for the server's load shedding
    // (under-pressure) to answer 503 on a busy machine.
    async soterDevice (openid: string) {
      const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
      soterKeys.set(openid, createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })))
      return {
        sign: (jsonString: string) => rsaSign('sha256', Buffer.from(jsonString, 'utf8'),
          { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }).toString('base64'),
      }
    },
    acceptSubscription (openid: string, templateId: string, times = 1) {
      const slot = `${openid}\n${templateId}`
      acceptances.set(slot, (acceptances.get(slot) ?? 0) + times)
    },
    subscriptionsLeft: (openid: string, templateId: string) => acceptances.get(`${openid}\n${templateId}`) ?? 0,
    deliveries,
    wxacodes,
    activities,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
