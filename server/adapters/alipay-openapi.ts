// Alipay OpenAPI plumbing shared by the Alipay clients: key normalisation, the alipay-sdk instance, and a call that
// trusts an answer only when Alipay signed it — errors included.
//
// Signing, the request and the check of a successful answer's signature are the official `alipay-sdk` (v4):
// `exec(method, params)` puts public params and `biz_content` into the signed string and the form body, and
// `validateSign: true` verifies the raw `<method>_response` text with Alipay's key. One gap is filled here: the SDK
// cuts the signed text out of the answer by the method's response key, so a (signed) `error_response` always
// fails its check. For those we cut the exact raw `error_response` text ourselves and verify it with the SDK's own
// `rsaCheck` (same key, same algorithm), so errors are trusted only when signed.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { AlipayRequestError, AlipaySdk, type IRequestParams } from 'alipay-sdk'
import type { AlipayConfig } from '../config'
import type { AppError } from '../domain/ports'

export const DEFAULT_TIMEOUT_MS = 5000

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

/** One SDK instance per client: RSA2 both ways, keys normalised, snake_case answers as Alipay sends them. */
export function createAlipaySdk (cfg: AlipayConfig, opts: { timeoutMs?: number } = {}): AlipaySdk {
  return new AlipaySdk({
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

/**
 * Calls `method` and returns the answer node: the signed `<method>_response` (whatever its `code`: the caller
 * maps business errors), or a signed `error_response`. Everything else — network, timeout, HTTP status,
 * malformed, unsigned or badly signed — becomes `fail(diagnostic)`, which the caller turns into its AppError.
 */
export async function execVerified (sdk: AlipaySdk, method: string, params: IRequestParams,
  fail: (diagnostic: string) => AppError): Promise<Record<string, unknown>> {
  try {
    const node: Record<string, unknown> = await sdk.exec(method, params, { validateSign: true })
    return node
  } catch (e) {
    return verifiedErrorNode(sdk, method, e, fail)
  }
}

/**
 * The SDK threw. If the answer was an `error_response` whose signature checks out, return it for mapping;
 * every other failure (network, timeout, HTTP status, malformed, unsigned or badly signed) is `fail`.
 */
function verifiedErrorNode (sdk: AlipaySdk, method: string, e: unknown, fail: (diagnostic: string) => AppError):
Record<string, unknown> {
  const raw = e instanceof AlipayRequestError ? e.responseDataRaw : undefined
  if (raw === undefined) {
    throw fail(e instanceof AlipayRequestError && e.message.startsWith('HttpClient Request error')
      ? `alipay ${method} network error or timeout` : `alipay ${method} failed (${errorName(e)})`)
  }
  const members = topLevelMembers(raw)
  const errorText = members?.get('error_response')
  const signText = members?.get('sign')
  if (!members || errorText === undefined || signText === undefined || members.has(responseKey(method))) {
    throw fail(`alipay ${method} answer refused (bad signature, status or format)`)
  }
  let sign: unknown
  let node: unknown
  try {
    sign = JSON.parse(signText)
    node = JSON.parse(errorText)
  } catch {
    throw fail(`alipay ${method} answered malformed JSON`)
  }
  if (typeof sign !== 'string' || typeof node !== 'object' || node === null || !sdk.rsaCheck(errorText, sign, 'RSA2')) {
    throw fail(`alipay ${method} error_response has a bad signature`)
  }
  return node as Record<string, unknown>
}

/** `alipay.user.certify.open.query` → `alipay_user_certify_open_query_response`. */
export function responseKey (method: string): string {
  return `${method.replaceAll('.', '_')}_response`
}

/** `alipay <method> code <code> sub_code <sub_code>` for the operator's log. */
export function errorDiagnostic (method: string, node: Record<string, unknown>): string {
  const subCode = String(node.sub_code ?? '')
  return `alipay ${method} code ${String(node.code ?? '')}${subCode ? ` sub_code ${subCode}` : ''}`
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
