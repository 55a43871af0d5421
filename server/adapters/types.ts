// Interfaces of the third-party adapters; each has a real client and a dev stand-in (never used in production).
import type { Platform } from '../../types/api/auth'

/** Who the platform says the user is, after a login code was exchanged. */
export interface PlatformIdentityInfo {
  platform: Platform
  /** WeChat openid; Alipay open_id where the answer has it, else user_id. */
  subject: string
  unionId?: string
  /** Set only by the dev exchanger for `wx-demo-<n>` / `alipay-demo-<n>`: the session counts as verified. */
  devDemo?: boolean
}

/**
 * Exchanges a one-time login code from the client (wx.login / my.getAuthCode) for a platform identity.
 * Throws AppError: 401 invalid_login_code (bad/used code), 429 rate_limited, 502 platform_unavailable
 * (network, busy, malformed or badly signed answer), 403 platform_rejected (e.g. WeChat 40226 high-risk user).
 * The WeChat session_key stays inside the adapter and is never returned.
 */
export interface CodeExchanger {
  readonly platform: Platform
  readonly kind: 'real' | 'dev'
  exchange (code: string): Promise<PlatformIdentityInfo>
}

/** Sends an SMS verification code. Throws AppError 502 platform_unavailable when the gateway fails. */
export interface SmsSender {
  readonly kind: 'real' | 'dev'
  send (msg: { phone: string; purpose: string; code: string; ttlSeconds: number }): Promise<void>
}

/** Time source; tests may substitute a fixed clock. */
export interface Clock { now (): Date }
export const systemClock: Clock = { now: () => new Date() }
