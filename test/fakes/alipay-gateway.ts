// A fake Alipay OpenAPI gateway (alipay.system.oauth.token) on 127.0.0.1 for tests: verifies each request's RSA2
// signature with the app's public key and signs its answers with its own private key, like the real gateway.
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
  close (): Promise<void>
}

const METHOD = 'alipay.system.oauth.token'
const RESPONSE_KEY = 'alipay_system_oauth_token_response'
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
    const shown = signing === 'tampered'
      ? JSON.stringify(Object.fromEntries(Object.entries(node).map(([k, v]) =>
        [k, typeof v === 'string' && (k === 'user_id' || k === 'open_id' || k === 'sub_code') ? `${v}-x` : v])))
      : nodeText
    return `{"${member}":${shown},"sign":"${signature}"}`
  }

  function answerFor (params: Record<string, string>, signatureValid: boolean): AlipayAnswer {
    const invalid = (sub_code: string, sub_msg: string): AlipayAnswer =>
      ({ error: { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg } })
    if (params.app_id !== appId) return invalid('isv.invalid-app-id', '无效的AppID参数')
    if (params.method !== METHOD) return invalid('isv.invalid-method', '不存在的方法名')
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type', '无效的签名类型')
    if (!params.sign) return { error: { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-signature', sub_msg: '缺少签名参数' } }
    if (!signatureValid) return invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配')
    if (params.grant_type !== 'authorization_code') return invalid('isv.invalid-parameter', 'grant_type 参数无效')
    const code = params.code
    if (!code) return { error: { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-code', sub_msg: '缺少授权码' } }
    if (used.has(code)) return { error: CODE_INVALID }
    const answer = answers.get(code) ?? fallback(code)
    if ('userId' in answer || 'openId' in answer) used.add(code)
    return answer
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (url.pathname !== '/gateway.do' || req.method !== 'POST') {
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

      const answer = answerFor(params, signatureValid)
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
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
