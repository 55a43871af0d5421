// A fake Alipay OpenAPI gateway on 127.0.0.1 for tests: alipay.system.oauth.token and face certify
// (alipay.user.certify.open.initialize / .certify page / .query). Verifies each request's RSA2 signature with the
// app's public key and signs its answers with its own private key, like the real gateway; certify also checks
// biz_content (outer_order_no unique per app, identity_param, merchant_config) and knows only the certify_ids it
// issued to this app. Sub-codes of certify refusals are the fake's stand-ins (Alipay's list is not public to us).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPublicKey, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'

export interface RsaKeyPair {
  /** PKCS#8 PEM */
  privateKey: string
  /** SPKI PEM */
  publicKey: string
  /** The same keys as bare base64 DER, the form Alipay's console and key tool hand out. */
  privateKeyBase64: string
  publicKeyBase64: string
}

export function generateRsaKeyPair (): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyBase64: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKeyBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  }
}

/** How the fake signs an answer: correctly, or in one of the ways a client must refuse. */
export type AlipaySigning = 'valid' | 'tampered' | 'foreign-key' | 'missing'

export interface AlipayErrorNode { code: string; msg: string; sub_code?: string; sub_msg?: string }

export type AlipayAnswer =
  /** Success; give open_id, user_id or both. */
  | { userId?: string; openId?: string; signing?: AlipaySigning }
  /** An `error_response` (signed, like the real gateway's). */
  | { error: AlipayErrorNode; signing?: AlipaySigning }
  /** A business error inside `alipay_system_oauth_token_response` itself. */
  | { responseError: AlipayErrorNode; signing?: AlipaySigning }
  /** Never answer. */
  | { hang: true }
  /** Exactly this HTTP answer. */
  | { status: number; body: string }

/** How a certification ended, as alipay.user.certify.open.query will report it. */
export type AlipayCertifyOutcome =
  | { passed: boolean; signing?: AlipaySigning }
  /** A business error inside the method response, e.g. { code: '40004', msg: 'Business Failed', sub_code: … }. */
  | { responseError: AlipayErrorNode; signing?: AlipaySigning }

/** An answer pushed with `queue`: sent once, to the next request for that method, after the signature check. */
export type AlipayQueuedAnswer =
  | { error: AlipayErrorNode; signing?: AlipaySigning }
  | { responseError: AlipayErrorNode; signing?: AlipaySigning }
  | { hang: true }
  | { status: number; body: string }
  /** Answer normally, but sign it this way. */
  | { signing: AlipaySigning }

/** What initialize received, kept by certify_id (the test may read it; the client never sees it). */
export interface AlipayCertification {
  certifyId: string
  outerOrderNo: string
  bizCode: string
  certName: string
  certNo: string
  returnUrl: string
}

export interface AlipayGatewayOptions {
  appId?: string
  /** The app's public key as uploaded to the Alipay console (PEM or bare base64); requests must verify with it. */
  appPublicKey: string
  /** code → answer. A code answered with success is used up: asking again answers isv.code-invalid. */
  answers?: Record<string, AlipayAnswer>
  /** The answer for a code not in `answers`; default 40002 isv.code-invalid. */
  fallback?: (code: string) => AlipayAnswer
}

export interface AlipayCall {
  /** Query and form parameters together, as the gateway sees them. */
  params: Record<string, string>
  signatureValid: boolean
  /** The raw body the fake answered with, if any. */
  answer?: string
}

export interface FakeAlipayGateway {
  /** The gateway URL to use as ALIPAY_GATEWAY, e.g. http://127.0.0.1:41234/gateway.do */
  url: string
  appId: string
  /** The gateway's own key pair: give `publicKey` (or `publicKeyBase64`) to the client as ALIPAY_PUBLIC_KEY. */
  alipayKeys: RsaKeyPair
  calls: AlipayCall[]
  answers: Map<string, AlipayAnswer>
  /** Certify outcomes by outer_order_no or certify_id: certifyOutcomes.set(outerOrderNo, { passed: true }). Default: passed "F". */
  certifyOutcomes: Map<string, AlipayCertifyOutcome>
  /** certify_id → what initialize received. */
  certifications: Map<string, AlipayCertification>
  /** Answers to send once per method: queue.push({ method: 'alipay.user.certify.open.query', answer: { hang: true } }). */
  queue: { method: string; answer: AlipayQueuedAnswer }[]
  close (): Promise<void>
}

const METHOD = 'alipay.system.oauth.token'
const RESPONSE_KEY = 'alipay_system_oauth_token_response'
const CERTIFY_INITIALIZE = 'alipay.user.certify.open.initialize'
const CERTIFY_PAGE = 'alipay.user.certify.open.certify'
const CERTIFY_QUERY = 'alipay.user.certify.open.query'
const BIZ_CODES = new Set(['FACE', 'CERT_PHOTO', 'CERT_PHOTO_FACE', 'SMART_FACE'])
const responseKeyOf = (method: string) => `${method.replaceAll('.', '_')}_response`
const CODE_INVALID: AlipayErrorNode = { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-invalid', sub_msg: '授权码code无效' }

function loadPublicKey (key: string): KeyObject {
  const text = key.trim()
  return text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
}

/** OpenAPI v2 request signing: every parameter except `sign`, non-empty, sorted by name, `k=v` joined by `&`. */
export function signContent (params: Record<string, string>): string {
  return Object.keys(params).filter((k) => k !== 'sign' && params[k] !== '').sort()
    .map((k) => `${k}=${params[k]}`).join('&')
}

export async function startAlipayGateway (opts: AlipayGatewayOptions): Promise<FakeAlipayGateway> {
  const appId = opts.appId ?? '2021000000000001'
  const appKey = loadPublicKey(opts.appPublicKey)
  const alipayKeys = generateRsaKeyPair()
  let foreignKey: string | undefined
  const answers = new Map(Object.entries(opts.answers ?? {}))
  const fallback = opts.fallback ?? ((): AlipayAnswer => ({ error: CODE_INVALID }))
  const used = new Set<string>()
  const calls: AlipayCall[] = []

  const sign = (text: string, key: string) => createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64')

  /** The gateway signs the raw JSON text of the one response member; `signing` breaks that on purpose. */
  function envelope (member: string, node: Record<string, unknown>, signing: AlipaySigning = 'valid'): string {
    const nodeText = JSON.stringify(node)
    if (signing === 'missing') return `{"${member}":${nodeText}}`
    if (signing === 'foreign-key') {
      foreignKey ??= generateRsaKeyPair().privateKey
      return `{"${member}":${nodeText},"sign":"${sign(nodeText, foreignKey)}"}`
    }
    const signature = sign(nodeText, alipayKeys.privateKey)
    // Tampered: a man in the middle changes the content after Alipay signed it.
    // For certify, the attack that matters: turning "F" into "T".
    const shown = signing === 'tampered'
      ? JSON.stringify(Object.fromEntries(Object.entries(node).map(([k, v]) =>
        [k, k === 'passed' ? (v === 'T' ? 'F' : 'T')
          : typeof v === 'string' && (k === 'user_id' || k === 'open_id' || k === 'sub_code' || k === 'certify_id') ? `${v}-x` : v])))
      : nodeText
    return `{"${member}":${shown},"sign":"${signature}"}`
  }

  const invalid = (sub_code: string, sub_msg: string): { error: AlipayErrorNode } =>
    ({ error: { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg } })
  const missing = (sub_code: string, sub_msg: string): { error: AlipayErrorNode } =>
    ({ error: { code: '40001', msg: 'Missing Required Arguments', sub_code, sub_msg } })

  /** What the gateway checks before any method: app, method, signature type, signature. */
  function gatewayRefusal (params: Record<string, string>, signatureValid: boolean, methods: string[]): { error: AlipayErrorNode } | undefined {
    if (params.app_id !== appId) return invalid('isv.invalid-app-id', '无效的AppID参数')
    if (!methods.includes(params.method ?? '')) return invalid('isv.invalid-method', '不存在的方法名')
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type', '无效的签名类型')
    if (!params.sign) return missing('isv.missing-signature', '缺少签名参数')
    if (!signatureValid) return invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配')
    return undefined
  }

  function answerFor (params: Record<string, string>): AlipayAnswer {
    if (params.grant_type !== 'authorization_code') return invalid('isv.invalid-parameter', 'grant_type 参数无效')
    const code = params.code
    if (!code) return { error: { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-code', sub_msg: '缺少授权码' } }
    if (used.has(code)) return { error: CODE_INVALID }
    const answer = answers.get(code) ?? fallback(code)
    if ('userId' in answer || 'openId' in answer) used.add(code)
    return answer
  }

  const certifyOutcomes = new Map<string, AlipayCertifyOutcome>()
  const certifications = new Map<string, AlipayCertification>()
  const usedOuterOrderNos = new Set<string>()
  const queue: { method: string; answer: AlipayQueuedAnswer }[] = []

  function bizContentOf (params: Record<string, string>): Record<string, unknown> | undefined {
    try {
      const v: unknown = JSON.parse(params.biz_content ?? '')
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined
    } catch { return undefined }
  }
  const str = (v: unknown): v is string => typeof v === 'string' && v !== ''

  /** alipay.user.certify.open.initialize: the node of its response, or an error. */
  function initialize (params: Record<string, string>): { node: Record<string, unknown> } | { error: AlipayErrorNode } {
    const biz = bizContentOf(params)
    if (!biz) return missing('isv.missing-biz-content', '缺少业务参数')
    const no = biz.outer_order_no
    if (!str(no)) return missing('isv.missing-outer-order-no', '缺少outer_order_no参数')
    if (!/^[A-Za-z0-9]{1,32}$/.test(no)) return invalid('isv.invalid-outer-order-no', 'outer_order_no格式错误')
    if (!str(biz.biz_code) || !BIZ_CODES.has(biz.biz_code)) return invalid('isv.invalid-biz-code', 'biz_code参数无效')
    const id = biz.identity_param as Record<string, unknown> | undefined
    if (typeof id !== 'object' || id === null) return missing('isv.missing-identity-param', '缺少identity_param参数')
    if (id.identity_type !== 'CERT_INFO' || id.cert_type !== 'IDENTITY_CARD' || !str(id.cert_name) || !str(id.cert_no)) {
      return invalid('isv.invalid-identity-param', 'identity_param参数无效')
    }
    const mc = biz.merchant_config as Record<string, unknown> | undefined
    if (typeof mc !== 'object' || mc === null || !str(mc.return_url)) return missing('isv.missing-return-url', '缺少merchant_config.return_url参数')
    if (usedOuterOrderNos.has(no)) return { error: { code: '40004', msg: 'Business Failed', sub_code: 'OUTER_ORDER_NO_DUPLICATE', sub_msg: '商户请求号重复' } }
    usedOuterOrderNos.add(no)
    const certifyId = randomBytes(16).toString('hex')
    certifications.set(certifyId, { certifyId, outerOrderNo: no, bizCode: biz.biz_code, certName: id.cert_name, certNo: id.cert_no, returnUrl: mc.return_url })
    return { node: { code: '10000', msg: 'Success', certify_id: certifyId } }
  }

  /** The certify_id this app was issued, from biz_content, or an error. */
  function certificationOf (params: Record<string, string>): AlipayCertification | { error: AlipayErrorNode } {
    const id = bizContentOf(params)?.certify_id
    if (!str(id)) return missing('isv.missing-certify-id', '缺少certify_id参数')
    return certifications.get(id) ?? { error: { code: '40004', msg: 'Business Failed', sub_code: 'CERTIFY_ID_INVALID', sub_msg: 'certify_id无效' } }
  }

  function certifyAnswer (params: Record<string, string>, call: AlipayCall, res: ServerResponse): void {
    const method = params.method!
    const queued = queue.findIndex((q) => q.method === method)
    let signing: AlipaySigning | undefined
    if (queued >= 0) {
      const { answer } = queue.splice(queued, 1)[0]!
      if ('hang' in answer) return
      if ('status' in answer) return send(res, call, answer.status, answer.body)
      if ('error' in answer) return send(res, call, 200, envelope('error_response', { ...answer.error }, answer.signing))
      if ('responseError' in answer) return send(res, call, 200, envelope(responseKeyOf(method), { ...answer.responseError }, answer.signing))
      signing = answer.signing
    }
    let result: { node: Record<string, unknown>; signing?: AlipaySigning } | { error: AlipayErrorNode }
    if (method === CERTIFY_INITIALIZE) {
      result = initialize(params)
    } else {
      const cert = certificationOf(params)
      if ('error' in cert) {
        result = cert
      } else {
        const outcome = certifyOutcomes.get(cert.certifyId) ?? certifyOutcomes.get(cert.outerOrderNo) ?? { passed: false }
        result = 'responseError' in outcome
          ? { node: { ...outcome.responseError }, signing: outcome.signing }
          : { node: { code: '10000', msg: 'Success', passed: outcome.passed ? 'T' : 'F', identity_info: '{}', material_info: '{}' }, signing: outcome.signing }
      }
    }
    if ('error' in result) return send(res, call, 200, envelope('error_response', { ...result.error }, signing))
    send(res, call, 200, envelope(responseKeyOf(method), result.node, signing ?? result.signing))
  }

  function send (res: ServerResponse, call: AlipayCall, status: number, body: string): void {
    call.answer = body
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' })
    res.end(body)
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const isPage = req.method === 'GET' && url.searchParams.get('method') === CERTIFY_PAGE
      if (url.pathname !== '/gateway.do' || (req.method !== 'POST' && !isPage)) {
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('not found')
        return
      }
      // Public parameters travel in the query, the rest in the form body; the signature covers both.
      const params: Record<string, string> = Object.fromEntries(url.searchParams)
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params[k] = v
      let signatureValid = false
      try {
        signatureValid = !!params.sign &&
          createVerify('RSA-SHA256').update(signContent(params), 'utf8').verify(appKey, params.sign, 'base64')
      } catch { signatureValid = false }
      const call: AlipayCall = { params, signatureValid }
      calls.push(call)

      if (isPage) {
        // The page a person's Alipay opens (my.startAPVerify): a signed request for a certify_id of this app
        // shows the certification page; anything else, Alipay's error page.
        const refusal = gatewayRefusal(params, signatureValid, [CERTIFY_PAGE])
        const cert = refusal ? undefined : certificationOf(params)
        const ok = !refusal && cert !== undefined && !('error' in cert)
        call.answer = ok ? 'certify page' : `error page: ${refusal?.error.sub_code ?? (cert && 'error' in cert ? cert.error.sub_code : '')}`
        res.writeHead(ok ? 200 : 400, { 'content-type': 'text/html;charset=utf-8' })
        res.end(ok ? '<!doctype html><title>支付宝身份验证</title>' : '<!doctype html><title>系统繁忙</title>')
        return
      }
      const refusal = gatewayRefusal(params, signatureValid, [METHOD, CERTIFY_INITIALIZE, CERTIFY_QUERY])
      if (!refusal && params.method !== METHOD) return certifyAnswer(params, call, res)
      const answer: AlipayAnswer = refusal ?? answerFor(params)
      if ('hang' in answer) return
      let body: string
      let status = 200
      if ('status' in answer) {
        status = answer.status
        body = answer.body
      } else if ('error' in answer) {
        body = envelope('error_response', { ...answer.error }, answer.signing)
      } else if ('responseError' in answer) {
        body = envelope(RESPONSE_KEY, { ...answer.responseError }, answer.signing)
      } else {
        const node: Record<string, unknown> = {
          access_token: `authbseB${randomBytes(16).toString('hex')}`,
          auth_start: '2026-01-01 00:00:00',
          expires_in: 1296000,
          re_expires_in: 2592000,
          refresh_token: `authbseB${randomBytes(16).toString('hex')}`,
        }
        if (answer.userId) node.user_id = answer.userId
        if (answer.openId) node.open_id = answer.openId
        body = envelope(RESPONSE_KEY, node, answer.signing)
      }
      call.answer = body
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' })
      res.end(body)
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/gateway.do`,
    appId,
    alipayKeys,
    calls,
    answers,
    certifyOutcomes,
    certifications,
    queue,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
