// The Alipay face certify client: initialize a certification, build the signed certify URL, query the result.
//
// Flow: the server initialises (`alipay.user.certify.open.initialize` → certify_id), builds the URL of the page
// method `alipay.user.certify.open.certify` and hands both to the mini-program, which runs `my.startAPVerify`;
// whatever the client reports afterwards (resultStatus 9000 …) is never trusted: only `query` → passed "T" is.
//
// The certify URL: `alipay.user.certify.open.certify` is a page-jump method (Alipay's docs say to build it with the
// SDK's pageExecute and send the person there), so alipay-sdk v4's `pageExecute(method, 'GET', { bizContent })`
// builds it: the gateway URL with every public parameter, biz_content and the RSA2 signature in the query string.
// No HTTP call is made for it. (`sdkExecute` builds the bare signed query string for native app SDKs instead.)
import { randomBytes } from 'node:crypto'
import type { AlipaySdk } from 'alipay-sdk'
import type { AlipayConfig } from '../config'
import { AppError, type AlipayFaceCheck } from '../domain/ports'
import { createAlipaySdk, errorDiagnostic, execVerified } from './alipay-openapi'

export const CERTIFY_UNAVAILABLE_MESSAGE = '暂时无法进行支付宝人脸认证，请稍后再试，或改用短信验证码验证'
export const CERTIFY_REFUSED_MESSAGE = '支付宝暂时无法为您进行人脸认证，请改用短信验证码验证'
const INITIALIZE = 'alipay.user.certify.open.initialize'
const CERTIFY = 'alipay.user.certify.open.certify'
const QUERY = 'alipay.user.certify.open.query'
/** Alipay: outer_order_no is at most 32 letters and digits, unique per app. */
const OUTER_ORDER_NO = /^[A-Za-z0-9]{1,32}$/
const CERTIFY_ID = /^[A-Za-z0-9]{1,64}$/

export type AlipayCertifyBizCode = 'FACE' | 'CERT_PHOTO' | 'CERT_PHOTO_FACE' | 'SMART_FACE'

/** A fresh outer_order_no: 'YB' + 30 hex digits (120 random bits), 32 characters. */
export function newOuterOrderNo (): string {
  return `YB${randomBytes(15).toString('hex')}`
}

function unavailable (diagnostic: string): AppError {
  const e = new AppError('platform_unavailable', CERTIFY_UNAVAILABLE_MESSAGE)
  e.cause = diagnostic // never the name, the ID number or a key
  return e
}

/**
 * 40004 (Business Failed: Alipay will not certify this person or this identity, e.g. the name and ID number do
 * not belong together, or the account may not use it): 403 platform_rejected — the person should take another
 * method. Everything else (40001/40002: our request or keys, 40006: the app lacks the product, 20000: Alipay is
 * down, unknown codes): 502 platform_unavailable. Both with the code and sub_code in the log.
 */
function errorFor (method: string, node: Record<string, unknown>): AppError {
  const diagnostic = errorDiagnostic(method, node)
  if (String(node.code ?? '') === '40004') {
    const e = new AppError('platform_rejected', CERTIFY_REFUSED_MESSAGE)
    e.cause = diagnostic
    return e
  }
  return unavailable(diagnostic)
}

export class AlipayCertifier implements AlipayFaceCheck {
  readonly platform = 'alipay' as const
  private readonly sdk: AlipaySdk
  private readonly returnUrl: string

  /**
   * `returnUrl`: merchant_config.return_url, which Alipay requires; where the person lands after certifying
   * outside the mini-program. Default: back into this mini-program (`alipays://platformapi/startapp?appId=…`).
   */
  constructor (cfg: AlipayConfig, opts: { timeoutMs?: number; returnUrl?: string } = {}) {
    this.sdk = createAlipaySdk(cfg, opts)
    this.returnUrl = opts.returnUrl ?? `alipays://platformapi/startapp?appId=${encodeURIComponent(cfg.appId)}`
  }

  newOuterOrderNo (): string { return newOuterOrderNo() }

  async initialize (p: { outerOrderNo: string; certName: string; certNo: string; bizCode?: AlipayCertifyBizCode }): Promise<string> {
    if (!OUTER_ORDER_NO.test(p.outerOrderNo)) throw new RangeError('outer_order_no must be 1–32 letters and digits')
    const node = await this.call(INITIALIZE, {
      outer_order_no: p.outerOrderNo,
      biz_code: p.bizCode ?? 'FACE',
      identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: p.certName, cert_no: p.certNo },
      merchant_config: { return_url: this.returnUrl },
    })
    const certifyId = node.certify_id
    if (typeof certifyId !== 'string' || !CERTIFY_ID.test(certifyId)) {
      throw unavailable(`alipay ${INITIALIZE} answered without a certify_id`)
    }
    return certifyId
  }

  /** The signed URL of the certify page for `my.startAPVerify({ url, certifyId })`; built locally, no call. */
  certifyUrl (certifyId: string): string {
    if (!CERTIFY_ID.test(certifyId)) throw new RangeError('certify_id must be letters and digits')
    return this.sdk.pageExecute(CERTIFY, 'GET', { bizContent: { certify_id: certifyId } })
  }

  async query (certifyId: string): Promise<{ passed: boolean }> {
    if (!CERTIFY_ID.test(certifyId)) throw new RangeError('certify_id must be letters and digits')
    const node = await this.call(QUERY, { certify_id: certifyId })
    // "T" passed, "F" not (yet): not started, cancelled, or the face did not match. Anything else is not an answer.
    if (node.passed === 'T') return { passed: true }
    if (node.passed === 'F') return { passed: false }
    throw unavailable(`alipay ${QUERY} answered without passed T/F`)
  }

  private async call (method: string, bizContent: Record<string, unknown>): Promise<Record<string, unknown>> {
    const node = await execVerified(this.sdk, method, { bizContent }, unavailable)
    if (String(node.code ?? '') !== '10000') throw errorFor(method, node)
    return node
  }
}
