// 忘记密码: an SMS code to the phone on file for an ID number (with its resend cooldown), then a new query password.
import { makeAutoObservable, reaction, runInAction } from 'mobx'
import type { AuthApi } from '../../../services/api/auth'
import {
  confirmPasswordError, idNumberError, newPasswordError, normalizeIdNumber, smsCodeError,
} from '../../../utils/validate'
import { Cooldown, realClock, type SessionClock } from '../../../stores/cooldown'
import { messageOf } from '../../../stores/session-store'
import type { RootStore } from '../../../stores/root-store'

export interface PasswordResetForm {
  idNumber: string
  code: string
  newPassword: string
  confirm: string
}

export class PasswordResetStore {
  /** Where the code went, in the server's words (the same whether or not the ID number is on file). */
  codeNotice: string | null = null
  submitting = false
  /** What went wrong in the last step, in words for the person. */
  error: string | null = null
  /** The server's confirmation once the new password is set; the page then offers the way back to 登录. */
  done: string | null = null

  private readonly cooldown: Cooldown

  constructor (readonly api: AuthApi, clock: SessionClock = realClock) {
    this.cooldown = new Cooldown(clock)
    makeAutoObservable<this, 'cooldown'>(this, { api: false, cooldown: false }, { autoBind: true })
  }

  /** Seconds before another code may be requested. */
  get cooldownSeconds (): number {
    return this.cooldown.seconds
  }

  /** A code is being asked for. */
  get sending (): boolean {
    return this.cooldown.sending
  }

  get canRequestCode (): boolean {
    return this.cooldown.canSend
  }

  /** A fresh form each time the page opens; the resend cooldown carries on (the server keeps its own). */
  begin (): void {
    this.codeNotice = null
    this.error = null
    this.done = null
  }

  async requestCode (idNumber: string): Promise<boolean> {
    const invalid = idNumberError(idNumber)
    if (invalid) {
      this.error = invalid
      return false
    }
    if (!this.canRequestCode) return false
    this.error = null
    const outcome = await this.cooldown.request(() => this.api.requestPasswordResetCode(normalizeIdNumber(idNumber)))
    runInAction(() => {
      if ('error' in outcome) {
        this.error = outcome.error
      } else {
        const minutes = Math.max(1, Math.round(outcome.sent.expiresInSeconds / 60))
        this.codeNotice = `${outcome.sent.message}，${minutes} 分钟内有效`
      }
    })
    return !('error' in outcome)
  }

  async submit (form: PasswordResetForm): Promise<boolean> {
    if (this.submitting) return false
    const invalid = idNumberError(form.idNumber) ?? smsCodeError(form.code) ??
      newPasswordError(form.newPassword, form.idNumber) ?? confirmPasswordError(form.newPassword, form.confirm)
    if (invalid) {
      this.error = invalid
      return false
    }
    this.error = null
    this.submitting = true
    try {
      const result = await this.api.resetPassword(normalizeIdNumber(form.idNumber), form.code.trim(), form.newPassword)
      runInAction(() => {
        this.done = result.message
        this.codeNotice = null
      })
      return true
    } catch (error) {
      runInAction(() => { this.error = messageOf(error, '查询密码没有设置成功，请稍后重试') })
      return false
    } finally {
      runInAction(() => { this.submitting = false })
    }
  }

  clearError (): void {
    this.error = null
  }

  dispose (): void {
    this.cooldown.stop()
  }
}

/**
 * 忘记密码's store, created by that page (it stays in the verify subpackage). A new password lifts the lock (登录
 * must not keep the old lockout sentence) and the server has ended every session of that person, so a session
 * held here is over too.
 */
export function passwordResetOf (root: RootStore): PasswordResetStore {
  return root.feature('passwordReset', () => {
    const store = new PasswordResetStore(root.api.auth, root.clock)
    root.addDisposer(reaction(() => store.done, (done) => {
      if (!done) return
      root.session.clearError()
      if (root.session.signedIn) void root.session.endSession('查询密码已重新设置，请用新密码重新登录')
    }))
    return store
  })
}
