// The person's session: token and its flags, the SMS-code step with its cooldown, the logins (platform, SMS,
// query password), logout, restore.
import { makeAutoObservable, runInAction } from 'mobx'
import type { LoginResult } from '../../types/api/auth'
import type { AuthApi } from '../services/api/auth'
import { ApiError } from '../services/http'
import type { PlatformAdapter, PlatformLoginCode } from '../platform/types'
import { maskPhone } from '../utils/mask'
import { loginIdentifierError, parseLoginIdentifier, phoneError, queryPasswordError, smsCodeError } from '../utils/validate'
import { Cooldown, messageOf, realClock, type SessionClock } from './cooldown'

export type { SessionClock }

export const SESSION_STORAGE_KEY = 'yibao.session'

type StoredSession = Pick<LoginResult, 'token' | 'expiresAt' | 'bound' | 'verifiedUntil'>

export { messageOf }

export class SessionStore {
  token: string | null = null
  expiresAt: string | null = null
  bound = false
  verifiedUntil: string | null = null
  /** False until the stored session has been read: until then nobody knows whether the person is signed in. */
  restored = false

  /** The masked phone the last code went to (`138****5678`). */
  smsSentTo: string | null = null
  loggingIn = false
  /** What went wrong in the last login step, in words for the person. */
  error: string | null = null
  /** The query password is locked (too many wrong tries): `error` then says until when and how to unlock. */
  passwordLocked = false
  /** SMS codes are refused for a while (a cap, not the minute between codes): 登录 offers the query password. */
  smsLimited = false
  /** Why the person was signed out, shown once on the signed-out screen. */
  notice: string | null = null
  /** Set when the server asks for a fresh identity check (its sentence); cleared by a successful verification. */
  verificationRequired: string | null = null
  /** The verify page should be opened for this request; taken once, so that no two pages open it and none loops. */
  verificationPrompt = false

  private readonly cooldown: Cooldown
  private restoring: Promise<void> | null = null

  constructor (
    readonly api: AuthApi,
    readonly platform: PlatformAdapter,
    readonly clock: SessionClock = realClock,
  ) {
    this.cooldown = new Cooldown(clock)
    makeAutoObservable<this, 'cooldown' | 'restoring'>(this, {
      api: false, platform: false, clock: false, cooldown: false, restoring: false,
    }, { autoBind: true })
  }

  get signedIn (): boolean {
    return this.token != null
  }

  /** The one-tap login this build offers ('wechat' | 'alipay'), or null on H5. */
  get platformLogin () {
    return this.platform.loginPlatform
  }

  /** Seconds before another code may be requested. */
  get cooldownSeconds (): number {
    return this.cooldown.seconds
  }

  /** A code is being asked for. */
  get smsSending (): boolean {
    return this.cooldown.sending
  }

  get canRequestSmsCode (): boolean {
    return this.cooldown.canSend
  }

  /** Reads the stored session back, once: later calls share the first one's answer. */
  restore (): Promise<void> {
    this.restoring ??= this.readStored()
    return this.restoring
  }

  private async readStored (): Promise<void> {
    try {
      const raw = await this.platform.storage.get(SESSION_STORAGE_KEY)
      const stored = raw ? JSON.parse(raw) as Partial<StoredSession> : null
      const valid = stored && typeof stored.token === 'string' && typeof stored.expiresAt === 'string' &&
        Date.parse(stored.expiresAt) > this.clock.now()
      if (valid) {
        runInAction(() => this.apply(stored as StoredSession))
      } else if (raw) {
        await this.platform.storage.remove(SESSION_STORAGE_KEY)
      }
    } catch {
      // Unreadable storage means signed out, never a screen stuck waiting.
    } finally {
      runInAction(() => { this.restored = true })
    }
  }

  async requestSmsCode (phone: string): Promise<boolean> {
    this.passwordLocked = false
    const invalid = phoneError(phone)
    if (invalid) {
      this.error = invalid
      return false
    }
    if (!this.canRequestSmsCode) return false
    this.error = null
    this.smsLimited = false
    const outcome = await this.cooldown.request(() => this.api.requestSmsCode(phone.trim()))
    runInAction(() => {
      if ('error' in outcome) {
        this.error = outcome.error
        this.smsLimited = outcome.limited
      } else {
        this.smsSentTo = maskPhone(phone.trim())
      }
    })
    return !('error' in outcome)
  }

  async loginWithSms (phone: string, code: string): Promise<boolean> {
    const invalid = phoneError(phone) ?? smsCodeError(code)
    if (invalid) {
      this.error = invalid
      this.passwordLocked = false
      return false
    }
    return this.login(() => this.api.loginWithSms(phone.trim(), code.trim()))
  }

  /** `identifier` is what the person typed: an ID number or an insurance card number, told apart by shape. */
  async loginWithPassword (identifier: string, password: string): Promise<boolean> {
    const invalid = loginIdentifierError(identifier) ?? queryPasswordError(password)
    if (invalid) {
      this.error = invalid
      this.passwordLocked = false
      return false
    }
    return this.login(() => this.api.loginWithPassword(parseLoginIdentifier(identifier), password))
  }

  async loginWithPlatform (): Promise<boolean> {
    return this.login(async () => {
      let login: PlatformLoginCode | null
      try {
        login = await this.platform.getPlatformLoginCode()
      } catch {
        throw new ApiError(0, 'platform_login_failed', '一键登录没有成功，请重试或使用手机号验证码登录')
      }
      if (!login) throw new ApiError(0, 'platform_login_unsupported', '当前环境不支持一键登录，请使用手机号验证码登录')
      return this.api.loginWithPlatform(login.platform, login.code)
    })
  }

  /** Ends the session here and on the server; signing out locally does not wait for the network. */
  async logout (): Promise<void> {
    const hadToken = this.token != null
    const pending = hadToken ? this.api.logout().catch(() => undefined) : Promise.resolve()
    await this.endSession(null)
    await pending
  }

  /** The server said the session is over (401), or the person logged out. */
  async endSession (notice: string | null): Promise<void> {
    this.token = null
    this.expiresAt = null
    this.bound = false
    this.verifiedUntil = null
    this.verificationRequired = null
    this.verificationPrompt = false
    this.notice = notice
    try {
      await this.platform.storage.remove(SESSION_STORAGE_KEY)
    } catch {
      // the token in memory is gone, which is what matters for this run
    }
  }

  requireVerification (message: string): void {
    // Only the first refusal since the last verification prompts: a person who came back without verifying
    // is not sent to the verify page again by every later request (the pages offer 去验证 instead).
    if (this.verificationRequired == null) this.verificationPrompt = true
    this.verificationRequired = message
  }

  /** True once per refusal: the page that takes it opens the verify page. */
  takeVerificationPrompt (): boolean {
    const prompt = this.verificationPrompt
    this.verificationPrompt = false
    return prompt
  }

  /** A verification succeeded: account data may be read until `verifiedUntil`, and the stored session says so. */
  async markVerified (verifiedUntil: string): Promise<void> {
    this.verifiedUntil = verifiedUntil
    this.verificationRequired = null
    this.verificationPrompt = false
    if (this.token == null || this.expiresAt == null) return
    const stored: StoredSession = { token: this.token, expiresAt: this.expiresAt, bound: this.bound, verifiedUntil }
    try {
      await this.platform.storage.set(SESSION_STORAGE_KEY, JSON.stringify(stored))
    } catch {
      // Verified for this run even if the stored copy keeps the older time.
    }
  }

  /** A binding completed: this session now belongs to the person and counts as verified. */
  async markBound (verifiedUntil: string): Promise<void> {
    this.bound = true
    await this.markVerified(verifiedUntil)
  }

  clearError (): void {
    this.error = null
    this.passwordLocked = false
    this.smsLimited = false
  }

  dispose (): void {
    this.cooldown.stop()
  }

  private async login (exchange: () => Promise<LoginResult>): Promise<boolean> {
    if (this.loggingIn) return false
    this.error = null
    this.passwordLocked = false
    this.loggingIn = true
    try {
      const result = await exchange()
      const stored: StoredSession = {
        token: result.token, expiresAt: result.expiresAt, bound: result.bound, verifiedUntil: result.verifiedUntil,
      }
      runInAction(() => {
        this.apply(stored)
        this.notice = null
        this.smsSentTo = null
      })
      try {
        await this.platform.storage.set(SESSION_STORAGE_KEY, JSON.stringify(stored))
      } catch {
        // Signed in for this run even if the session cannot be kept for the next one.
      }
      return true
    } catch (error) {
      runInAction(() => {
        this.error = messageOf(error, '登录没有成功，请稍后重试')
        this.passwordLocked = error instanceof ApiError && error.code === 'account_locked'
      })
      return false
    } finally {
      runInAction(() => { this.loggingIn = false })
    }
  }

  private apply (session: StoredSession): void {
    this.token = session.token
    this.expiresAt = session.expiresAt
    this.bound = session.bound
    this.verifiedUntil = session.verifiedUntil
    this.verificationRequired = null
    this.verificationPrompt = false
  }
}
