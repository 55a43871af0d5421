// The shapes every platform variant implements (one interface per capability; docs/adding.md).
import type { Platform as LoginPlatform } from '../../types/api/auth'
import type { FaceStart } from '../../types/api/verification'

export type { LoginPlatform }

export interface PlatformLoginCode {
  platform: LoginPlatform
  code: string
}

/** Async key-value storage for the session; WeChat encrypted, Alipay in its sandbox, H5 in sessionStorage. */
export interface SecureStorage {
  get (key: string): Promise<string | null>
  set (key: string, value: string): Promise<void>
  remove (key: string): Promise<void>
}

/** Which build a request comes from (the access log records it). */
export type ClientChannel = 'weapp' | 'alipay' | 'h5'

/** How the platform's face-check screen ended: a hint for the words shown, never the result (the server asks). */
export type FaceOutcome = 'done' | 'cancelled' | 'failed' | 'unsupported'

export interface FaceCheck {
  /** Whose face check this build can open ('wechat' | 'alipay'), or null (H5: not offered). */
  platform: LoginPlatform | null
  /** Opens the platform's face check for a check the server started. */
  run (start: FaceStart): Promise<FaceOutcome>
}

/** SOTER's modes: which of them this phone has decides the words (指纹 / 面容). */
export type BiometricMode = 'fingerPrint' | 'facial'

/** The signed result to hand to the server unchanged, or how the system dialog ended without one. */
export type BiometricResult = { resultJSON: string; resultJSONSignature: string } | 'cancelled' | 'failed' | 'unsupported'

export interface Biometric {
  /** The mode this phone can unlock with, or null (no SOTER: Alipay, H5, or a phone without it). */
  mode (): Promise<BiometricMode | null>
  /** Signs the server's one-use challenge with the device key after the person's finger or face. */
  authenticate (o: { challenge: string; authContent: string; mode: BiometricMode }): Promise<BiometricResult>
}

/**
 * How the platform's subscribe-message dialog ended for one template: 'accept' (one notice may be sent), 'reject'
 * (the person said no, or chose it before with 总是保持以上选择), 'ban' (the platform blocks this template), 'filter'
 * (the platform dropped the template), 'switched_off' (the person turned this mini-program's notices off in its
 * settings), 'failed' (no answer: network, the dialog could not show), 'unsupported' (not offered by this build).
 */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter' | 'switched_off' | 'failed' | 'unsupported'

export interface SubscribeMessages {
  /** This build can ask for subscribe messages (WeChat only); elsewhere the offer is not shown. */
  supported: boolean
  /**
   * Opens the platform's dialog asking the person to receive one message of `templateId`. WeChat shows it only
   * from a tap: call this synchronously in the tap handler (nothing awaited before it); the dialog is asked for
   * before this returns.
   */
  request (templateId: string): Promise<SubscribeAnswer>
}

/** What stores receive as `platform`: tests pass a fake. */
export interface PlatformAdapter {
  /** The one-tap login this build offers, or null (then only SMS login is shown). */
  loginPlatform: LoginPlatform | null
  getPlatformLoginCode (): Promise<PlatformLoginCode | null>
  storage: SecureStorage
  /** Non-sensitive flags that may outlive the session (H5: localStorage; mini-programs: the same as storage). */
  preferences: SecureStorage
  face: FaceCheck
  biometric: Biometric
  /** Stage-change notices for a claim (WeChat subscribe messages). */
  subscribe: SubscribeMessages
  /** The platform's text size in CSS px (for 长辈模式), or null where it cannot be read; tests may leave it out. */
  fontSize?: () => number | null
}
