// The real Alipay login-code exchanger: alipay.system.oauth.token through the OpenAPI gateway, RSA2 both ways.
//
// Signing, the request and the check of a successful answer's signature are the official `alipay-sdk` (v4):
// `exec(method, { grant_type, code })` puts public params other than biz_content into the signed string and the
// form body, and `validateSign: true` verifies the raw `alipay_system_oauth_token_response` text with Alipay's key.
// One gap is filled here: the SDK cuts the signed text out of the answer by the method's response key, so a
// (signed) `error_response` always fails its check. For those we cut the exact raw `error_response` text ourselves
// and verify it with the SDK's own `rsaCheck` (same key, same algorithm), so errors are trusted only when signed.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { AlipayRequestError, AlipaySdk } from 'alipay-sdk'
import type { AlipayConfig } from '../config'
import { AppError } from '../domain/errors'
import type { ErrorCode } from '../../types/api/common'
import type { CodeExchanger, PlatformIdentityInfo } from './types'

export const DEFAULT_TIMEOUT_MS = 5000
const METHOD = 'alipay.system.oauth.token'
const RESPONSE_KEY = 'alipay_system_oauth_token_response'

/** Sub-codes that mean "this login code is no good" — the person can fix it by logging in again. */
const INVALID_CODE_SUB_CODES = new Set(['isv.code-invalid', 'isv.code-expired', 'isv.code-used', 'isv.invalid-code'])

/** A client-visible failure plus a short diagnostic in `cause` for the operator's log (never the code or keys). */
function fail (status: number, code: ErrorCode, diagnostic: string): AppError {
  const e = new AppError(status, code)
  e.cause = diagnostic
  return e
}

/**
 * Maps an Alipay error answer to what the person is told:
 * - 40002 with a code sub_code (`isv.code-invalid` …): 401 invalid_login_code — used, expired or foreign code.
 * - 40004 (business refused, e.g. the account's state): 403 platform_rejected — Alipay said no to this person.
 * - 40002 otherwise (`isv.invalid-signature`, `isv.invalid-app-id`: our keys or appid are wrong), 40001 (missing
 *   params: our bug), 40003/40006 (the app lacks the permission: the operator must apply), 20000/20001 (Alipay's
 *   service is down or the call token is bad) and anything unknown: 502 platform_unavailable — the person can only
 *   try later, and the operator finds the code and sub_code in the log.
 */
function errorFor (node: Record<string, unknown>): AppError {
  const code = String(node.code ?? '')
  const subCode = String(node.sub_code ?? '')
  const diagnostic = `alipay ${METHOD} code ${code}${subCode ? ` sub_code ${subCode}` : ''}`
  if (code === '40002' && INVALID_CODE_SUB_CODES.has(subCode)) return fail(401, 'invalid_login_code', diagnostic)
  if (code === '40004') return fail(403, 'platform_rejected', diagnostic)
  return fail(502, 'platform_unavailable', diagnostic)
}

/**
 * Accepts a key as PEM (PKCS#8 / PKCS#1 / SPKI, with real or `\n`-escaped line breaks) or as the bare base64 that
 * Alipay's key tool and console hand out, and returns bare base64 DER in one form (PKCS#8 / SPKI) so that the
 * SDK's own key formatting cannot guess the type wrong.
 */
export function normalizeRsaKey (raw: string, kind: 'private' | 'public', name: string): string {
  const text = raw.trim().replace(/\\n/g, '\n')
  let key: KeyObject | undefined
  try {
    if (text.includes('-----BEGIN')) {
      // createPublicKey would happily derive a public key from a private one: refuse that mix-up instead.
      if (kind === 'public' && text.includes('PRIVATE KEY')) throw new Error('private key given as public key')
      key = kind === 'private' ? createPrivateKey(text) : createPublicKey(text)
    } else {
      const der = Buffer.from(text.replace(/\s+/g, ''), 'base64')
      const types = kind === 'private' ? (['pkcs8', 'pkcs1'] as const) : (['spki', 'pkcs1'] as const)
      for (const type of types) {
        try {
          key = kind === 'private'
            ? createPrivateKey({ key: der, format: 'der', type: type as 'pkcs8' | 'pkcs1' })
            : createPublicKey({ key: der, format: 'der', type: type as 'spki' | 'pkcs1' })
          break
        } catch { /* try the next encoding */ }
      }
    }
  } catch { key = undefined }
  if (!key || key.asymmetricKeyType !== 'rsa') {
    throw new Error(`${name} is not an RSA ${kind} key (expected PEM or bare base64 ${kind === 'private' ? 'PKCS#8/PKCS#1' : 'X.509 SPKI'})`)
  }
  const der = kind === 'private' ? key.export({ type: 'pkcs8', format: 'der' }) : key.export({ type: 'spki', format: 'der' })
  return der.toString('base64')
}

export class AlipayCodeExchanger implements CodeExchanger {
  readonly platform = 'alipay' as const
  readonly kind = 'real' as const
  private readonly sdk: AlipaySdk

  constructor (cfg: AlipayConfig, opts: { timeoutMs?: number } = {}) {
    this.sdk = new AlipaySdk({
      appId: cfg.appId,
      privateKey: normalizeRsaKey(cfg.privateKey, 'private', 'ALIPAY_PRIVATE_KEY'),
      keyType: 'PKCS8',
      alipayPublicKey: normalizeRsaKey(cfg.alipayPublicKey, 'public', 'ALIPAY_PUBLIC_KEY'),
      signType: 'RSA2',
      gateway: cfg.gateway,
      timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      camelcase: false,
    })
  }

  async exchange (code: string): Promise<PlatformIdentityInfo> {
    let node: Record<string, unknown>
    try {
      // grant_type and code are public parameters of this method, not biz_content: the SDK signs them and
      // sends them in the form body.
      node = await this.sdk.exec(METHOD, { grant_type: 'authorization_code', code }, { validateSign: true })
    } catch (e) {
      node = this.verifiedErrorNode(e)
    }
    if (node.code !== undefined && String(node.code) !== '10000') throw errorFor(node)
    // Key on open_id where Alipay gives one (newer apps receive open_id instead of user_id), else user_id.
    const subject = [node.open_id, node.user_id].find((v): v is string => typeof v === 'string' && v !== '')
    if (!subject) throw fail(502, 'platform_unavailable', `alipay ${METHOD} answered without open_id or user_id`)
    // access_token / refresh_token are not kept: this product calls no user-authorised Alipay API with them.
    return { platform: 'alipay', subject }
  }

  /**
   * The SDK threw. If the answer was an `error_response` whose signature checks out, return it for mapping;
   * every other failure (network, timeout, HTTP status, malformed, unsigned or badly signed) is a 502.
   */
  private verifiedErrorNode (e: unknown): Record<string, unknown> {
    const raw = e instanceof AlipayRequestError ? e.responseDataRaw : undefined
    if (raw === undefined) {
      const cause = e instanceof AlipayRequestError && e.message.startsWith('HttpClient Request error')
        ? `alipay ${METHOD} network error or timeout` : `alipay ${METHOD} failed (${errorName(e)})`
      throw fail(502, 'platform_unavailable', cause)
    }
    const members = topLevelMembers(raw)
    const errorText = members?.get('error_response')
    const signText = members?.get('sign')
    if (!members || errorText === undefined || signText === undefined || members.has(RESPONSE_KEY)) {
      throw fail(502, 'platform_unavailable', `alipay ${METHOD} answer refused (bad signature, status or format)`)
    }
    let sign: unknown
    let node: unknown
    try {
      sign = JSON.parse(signText)
      node = JSON.parse(errorText)
    } catch {
      throw fail(502, 'platform_unavailable', `alipay ${METHOD} answered malformed JSON`)
    }
    if (typeof sign !== 'string' || typeof node !== 'object' || node === null || !this.sdk.rsaCheck(errorText, sign, 'RSA2')) {
      throw fail(502, 'platform_unavailable', `alipay ${METHOD} error_response has a bad signature`)
    }
    return node as Record<string, unknown>
  }
}

/** An error's name, also for errors from another realm (Node's own TypeErrors are not `instanceof Error` in jest). */
function errorName (e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : 'unknown'
}

/**
 * The exact raw text of each top-level member of a JSON object (Alipay signs the bytes of a member, not a
 * re-serialisation), or undefined when the text is not a well-formed object.
 */
export function topLevelMembers (text: string): Map<string, string> | undefined {
  const out = new Map<string, string>()
  let i = skipWs(text, 0)
  if (text[i] !== '{') return undefined
  i = skipWs(text, i + 1)
  if (text[i] === '}') return skipWs(text, i + 1) === text.length ? out : undefined
  for (;;) {
    if (text[i] !== '"') return undefined
    const keyEnd = stringEnd(text, i)
    if (keyEnd < 0) return undefined
    const key = JSON.parse(text.slice(i, keyEnd)) as string
    i = skipWs(text, keyEnd)
    if (text[i] !== ':') return undefined
    const start = skipWs(text, i + 1)
    const end = valueEnd(text, start)
    if (end < 0) return undefined
    out.set(key, text.slice(start, end))
    i = skipWs(text, end)
    if (text[i] === ',') { i = skipWs(text, i + 1); continue }
    if (text[i] === '}') return skipWs(text, i + 1) === text.length ? out : undefined
    return undefined
  }
}

function skipWs (text: string, i: number): number {
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++
  return i
}

/** Index just past the string that opens at `i`, or -1. */
function stringEnd (text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++
    else if (text[j] === '"') return j + 1
  }
  return -1
}

/** Index just past the JSON value that starts at `i`, or -1. */
function valueEnd (text: string, i: number): number {
  const c = text[i]
  if (c === '"') return stringEnd(text, i)
  if (c === '{' || c === '[') {
    let depth = 0
    for (let j = i; j < text.length; j++) {
      const d = text[j]
      if (d === '"') { j = stringEnd(text, j) - 1; if (j < 0) return -1; continue }
      if (d === '{' || d === '[') depth++
      else if (d === '}' || d === ']') { depth--; if (depth === 0) return j + 1 }
    }
    return -1
  }
  let j = i
  while (j < text.length && !',}] \t\r\n'.includes(text[j]!)) j++
  return j > i ? j : -1
}
