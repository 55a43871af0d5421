// What the domain needs from the outside world, as interfaces the adapters (server/adapters) implement: the clock, the
// platform login and face checks, SMS, WeChat SOTER, subscribe messages and private-message ids. The domain imports
// nothing else from outside; an adapter imports nothing of the domain but this file, which also lends it the few
// domain pieces an implementation needs (the error it throws, the cipher, masking).
import type { Platform } from '../../types/api/auth'

export { AppError } from './errors'
export type { DataCipher } from './secrets'
export { maskPhone } from './mask'

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

/** The person a WeChat face check is about, as WeChat binds it to the check. */
export interface FaceIdentity {
  /** Unique per appid, 5–32 of [A-Za-z0-9_-]: from WechatFaceCheck.newOutSeqNo(). */
  outSeqNo: string
  /** The name and ID number on the ID card (居民身份证); never logged or returned. */
  certName: string
  certNo: string
  openid: string
}

export interface WechatFaceResult {
  passed: boolean
  /** WeChat's verify_ret (10000 passed; 9xxxx device / cancel / timeout; 1000x mismatch), null when absent. */
  verifyRet: number | null
}

/** WeChat face check 2.0: getVerifyId before the camera opens, queryVerifyInfo (the only pass) after it closes. */
export interface WechatFaceCheck {
  readonly platform: 'wechat'
  /** A fresh out_seq_no in WeChat's format. */
  newOutSeqNo (): string
  getVerifyId (p: FaceIdentity): Promise<{ verifyId: string; expiresInSeconds: number }>
  queryVerifyInfo (p: FaceIdentity & { verifyId: string }): Promise<WechatFaceResult>
}

/** Alipay face certify: initialize, the signed certify page URL, and the query that alone decides a pass. */
export interface AlipayFaceCheck {
  readonly platform: 'alipay'
  /** A fresh outer_order_no in Alipay's format. */
  newOuterOrderNo (): string
  initialize (p: { outerOrderNo: string; certName: string; certNo: string }): Promise<string>
  certifyUrl (certifyId: string): string
  query (certifyId: string): Promise<{ passed: boolean }>
}

/** WeChat SOTER: whether a biometric unlock's resultJSON was signed by that user's device key. */
export interface SoterSignatureCheck {
  verifySignature (p: { openid: string; jsonString: string; jsonSignature: string }): Promise<boolean>
}

export interface SubscribeMessage {
  /** The person's openid in this mini-program. */
  touser: string
  templateId: string
  /** The mini-program page the card opens, with its query, e.g. `packages/account/pages/claim/index?id=12`. */
  page: string
  /** Keyword → value, e.g. `{ thing1: { value: '门诊费用报销' } }`. */
  data: Record<string, { value: string }>
  /** Which build the card opens; WeChat's default is the released one (formal). */
  miniprogramState?: 'developer' | 'trial' | 'formal'
}

export type SubscribeOutcome =
  | { outcome: 'sent' }
  /** 43101: no acceptance left (or the person turned the notices off): the subscription is spent. */
  | { outcome: 'refused'; errcode: number }
  /** 40003: the openid is not usable: the subscription is worthless. */
  | { outcome: 'bad_openid'; errcode: number }
  /** 40037, 47003, 41030 or another errcode: our request was wrong; WeChat did not use the person's acceptance. */
  | { outcome: 'rejected'; errcode: number }

/** The longest `scene` a WeChat mini-program code carries. */
export const SCENE_MAX_LENGTH = 32
/** WeChat's documented scene characters: digits, letters and !#$&'()*+,/:;=?@-._~ (no %, so nothing URL-encoded). */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

/** True when WeChat accepts `scene`: 1 to 32 characters, all from the allowed set. */
export function isWxaScene (scene: unknown): scene is string {
  return typeof scene === 'string' && SCENE_PATTERN.test(scene)
}

/** Sends subscribe messages: the real client, or the dev stand-in (never in production). */
export interface SubscribeSender {
  readonly kind: 'real' | 'dev'
  /** Throws AppError 502 platform_unavailable for a failure that may pass (network, timeout, busy). */
  send (msg: SubscribeMessage): Promise<SubscribeOutcome>
}

export interface ActivityId {
  activityId: string
  /** When WeChat stops accepting it for a share. */
  expiresAt: Date
}

/** Makes private-message activity ids for a sharer; only the real client exists (without WeChat, cards are plain). */
export interface ActivityIdSource {
  create (openid: string): Promise<ActivityId>
}
