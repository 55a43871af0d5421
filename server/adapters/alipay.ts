// The real Alipay login-code exchanger: alipay.system.oauth.token through the OpenAPI gateway, RSA2 both ways.
//
// The SDK instance, the signature checks (success and error answers alike) and the key handling live in
// ./alipay-openapi, shared with the certify client; this module maps the answers of the login call.
import type { AlipaySdk } from 'alipay-sdk'
import type { AlipayConfig } from '../config'
import { AppError, type CodeExchanger, type PlatformIdentityInfo } from '../domain/ports'
import type { ErrorCode } from '../../types/api/common'
import { createAlipaySdk, errorDiagnostic, execVerified } from './alipay-openapi'

// Re-exported: they were born here, and callers and tests still import them from this module.
export { DEFAULT_TIMEOUT_MS, normalizeRsaKey, topLevelMembers } from './alipay-openapi'

const METHOD = 'alipay.system.oauth.token'

/** Sub-codes that mean "this login code is no good" — the person can fix it by logging in again. */
const INVALID_CODE_SUB_CODES = new Set(['isv.code-invalid', 'isv.code-expired', 'isv.code-used', 'isv.invalid-code'])

/** A client-visible failure plus a short diagnostic in `cause` for the operator's log (never the code or keys). */
function fail (code: ErrorCode, diagnostic: string): AppError {
  const e = new AppError(code)
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
  const diagnostic = errorDiagnostic(METHOD, node)
  if (code === '40002' && INVALID_CODE_SUB_CODES.has(subCode)) return fail('invalid_login_code', diagnostic)
  if (code === '40004') return fail('platform_rejected', diagnostic)
  return fail('platform_unavailable', diagnostic)
}

export class AlipayCodeExchanger implements CodeExchanger {
  readonly platform = 'alipay' as const
  readonly kind = 'real' as const
  private readonly sdk: AlipaySdk

  constructor (cfg: AlipayConfig, opts: { timeoutMs?: number } = {}) {
    this.sdk = createAlipaySdk(cfg, opts)
  }

  async exchange (code: string): Promise<PlatformIdentityInfo> {
    // grant_type and code are public parameters of this method, not biz_content: the SDK signs them and
    // sends them in the form body.
    const node = await execVerified(this.sdk, METHOD, { grant_type: 'authorization_code', code },
      (diagnostic) => fail('platform_unavailable', diagnostic))
    if (node.code !== undefined && String(node.code) !== '10000') throw errorFor(node)
    // Key on open_id where Alipay gives one (newer apps receive open_id instead of user_id), else user_id.
    const subject = [node.open_id, node.user_id].find((v): v is string => typeof v === 'string' && v !== '')
    if (!subject) throw fail('platform_unavailable', `alipay ${METHOD} answered without open_id or user_id`)
    // access_token / refresh_token are not kept: this product calls no user-authorised Alipay API with them.
    return { platform: 'alipay', subject }
  }
}
