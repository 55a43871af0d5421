// Step-up verification: which methods this session may use, the chosen one, the SMS code to the phone on file
// (with its resend cooldown), the code or query-password check, and the new window handed to the session.
import { makeAutoObservable, runInAction } from 'mobx'
import type { VerificationMethodName, VerificationMethods } from '../../types/api/verification'
import type { VerificationApi } from '../services/api/verification'
import { ApiError } from '../services/http'
import { queryPasswordError, smsCodeError } from '../utils/validate'
import { Cooldown, realClock, type SessionClock } from './cooldown'
import { messageOf } from './session-store'

export type VerificationMethod = VerificationMethods['methods'][number]

/** What the session needs to hear about a success (SessionStore.markVerified). */
export interface VerifiedListener {
  markVerified (verifiedUntil: string): Promise<void> | void
}

/** The methods this page can carry out today, in the order offered; face and SOTER need platform work first. */
export const FORM_METHODS: readonly VerificationMethodName[] = ['sms', 'password']

export class VerificationStore {
  methods: VerificationMethod[] = []
  /** The phone on file, masked: where a code would go. */
  phoneMasked: string | null = null
  loadingMethods = false
  /** Why the methods could not be read, in words for the person. */
  methodsError: string | null = null
  method: VerificationMethodName | null = null

  sending = false
  /** Where the code went, in the server's words. */
  codeNotice: string | null = null
  submitting = false
  /** What went wrong in the last step, in words for the person. */
  error: string | null = null
  /** The query password is locked: `error` then says until when and how to unlock. */
  passwordLocked = false
  verifiedUntil: string | null = null

  private readonly cooldown: Cooldown

  constructor (readonly api: VerificationApi, readonly session: VerifiedListener, clock: SessionClock = realClock) {
    this.cooldown = new Cooldown(clock)
    makeAutoObservable<this, 'cooldown'>(this, { api: false, session: false, cooldown: false }, { autoBind: true })
  }

  /** Seconds before another code may be requested. */
  get cooldownSeconds (): number {
    return this.cooldown.seconds
  }

  get canRequestCode (): boolean {
    return !this.sending && this.cooldown.seconds === 0
  }

  /** The methods the person can use now, in the order shown. */
  get available (): VerificationMethod[] {
    return this.methods.filter((m) => m.available && FORM_METHODS.includes(m.method))
  }

  /** Shown greyed out with the server's reason (face check not yet open, password locked, …). */
  get unavailable (): VerificationMethod[] {
    return this.methods.filter((m) => !m.available)
  }

  /** A fresh form each time the page opens; the resend cooldown carries on (the server keeps its own). */
  begin (): Promise<void> {
    this.codeNotice = null
    this.error = null
    this.passwordLocked = false
    return this.loadMethods()
  }

  /** Another session (logout, another login): nothing of the previous person's may stay on the page. */
  reset (): void {
    this.methods = []
    this.phoneMasked = null
    this.verifiedUntil = null
    this.method = null
    this.codeNotice = null
    this.error = null
    this.methodsError = null
    this.passwordLocked = false
    this.cooldown.stop()
    this.cooldown.seconds = 0
  }

  async loadMethods (): Promise<void> {
    this.loadingMethods = true
    this.methodsError = null
    try {
      const answer = await this.api.getMethods()
      runInAction(() => {
        this.methods = answer.methods
        this.phoneMasked = answer.phoneMasked
        this.verifiedUntil = answer.verifiedUntil
        // Keep the person's choice while it is still open; otherwise the first open method.
        if (!this.available.some((m) => m.method === this.method)) this.method = this.available[0]?.method ?? null
      })
    } catch (error) {
      runInAction(() => { this.methodsError = messageOf(error, '验证方式暂时无法显示，请稍后重试') })
    } finally {
      runInAction(() => { this.loadingMethods = false })
    }
  }

  choose (method: VerificationMethodName): void {
    if (!this.available.some((m) => m.method === method)) return
    this.method = method
    this.error = null
    this.passwordLocked = false
  }

  async requestCode (): Promise<boolean> {
    if (!this.canRequestCode) return false
    this.error = null
    this.sending = true
    try {
      const sent = await this.cooldown.send(() => this.api.requestSmsCode())
      runInAction(() => {
        this.codeNotice = sent.message
      })
      return true
    } catch (error) {
      runInAction(() => { this.error = messageOf(error, '验证码发送失败，请稍后重试') })
      return false
    } finally {
      runInAction(() => { this.sending = false })
    }
  }

  submitSms (code: string): Promise<boolean> {
    const invalid = smsCodeError(code)
    return this.submit(invalid, () => this.api.verifySms(code.trim()))
  }

  submitPassword (password: string): Promise<boolean> {
    const invalid = queryPasswordError(password)
    return this.submit(invalid, () => this.api.verifyPassword(password))
  }

  clearError (): void {
    this.error = null
    this.passwordLocked = false
  }

  dispose (): void {
    this.cooldown.stop()
  }

  private async submit (invalid: string | null, check: () => Promise<{ verifiedUntil: string }>): Promise<boolean> {
    if (this.submitting) return false
    this.passwordLocked = false
    if (invalid) {
      this.error = invalid
      return false
    }
    this.error = null
    this.submitting = true
    try {
      const { verifiedUntil } = await check()
      runInAction(() => {
        this.verifiedUntil = verifiedUntil
        this.codeNotice = null
      })
      await this.session.markVerified(verifiedUntil)
      return true
    } catch (error) {
      runInAction(() => {
        this.error = messageOf(error, '验证没有成功，请稍后重试')
        this.passwordLocked = error instanceof ApiError && error.code === 'account_locked'
      })
      return false
    } finally {
      runInAction(() => { this.submitting = false })
    }
  }
}
