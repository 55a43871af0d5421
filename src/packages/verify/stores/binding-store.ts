// 实名绑定: a platform login not yet tied to anyone gives name + ID number (checked here first, then against the
// record by the server), then proves it — a face check where the platform offers one, else (or after two face
// checks that did not pass) an SMS code to the phone on file. Success ties the login to the person, verified.
import { makeAutoObservable, runInAction } from 'mobx'
import type { BindingState } from '../../../../types/api/binding'
import type { BindingApi } from '../../../services/api/binding'
import { ApiError } from '../../../services/http'
import type { FaceCheck } from '../../../platform/types'
import { idNumberError, normalizeIdNumber, realNameError, smsCodeError } from '../../../utils/validate'
import { Cooldown, realClock, type SessionClock } from '../../../stores/cooldown'
import { messageOf } from '../../../stores/session-store'

/** What the session needs to hear about a completed binding (SessionStore.markBound). */
export interface BoundListener {
  markBound (verifiedUntil: string): Promise<void> | void
}

const FACE_UNSUPPORTED = '您的微信或支付宝版本暂不支持刷脸验证，请升级后再试；刷脸两次没有完成后，可以改用短信验证码'

export class BindingStore {
  /** The matched record (masked) and how it may be proved; null while name and ID number are asked for. */
  state: BindingState | null = null
  submitting = false
  faceRunning = false
  /** Where the code went, in the server's words. */
  codeNotice: string | null = null
  /** What went wrong in the last step, in words for the person. */
  error: string | null = null
  /** Too many mismatches: binding is paused (the error says until when and whom to call). */
  locked = false
  done = false

  private readonly cooldown: Cooldown

  constructor (
    readonly api: BindingApi, readonly session: BoundListener, readonly face: FaceCheck, clock: SessionClock = realClock,
  ) {
    this.cooldown = new Cooldown(clock)
    makeAutoObservable<this, 'cooldown'>(this, { api: false, session: false, face: false, cooldown: false }, { autoBind: true })
  }

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

  /** Face check comes first where the server offers it for this login and this build can open it. */
  get faceOffered (): boolean {
    return this.face.platform !== null && this.state?.proofs.some((p) => p.method === 'face' && p.available) === true
  }

  get smsOpen (): boolean {
    return this.state?.proofs.some((p) => p.method === 'sms' && p.available) === true
  }

  /** Why the SMS code is not offered yet, in the server's words. */
  get smsReason (): string | null {
    return this.state?.proofs.find((p) => p.method === 'sms' && !p.available)?.reason ?? null
  }

  /** A fresh page: a binding started in this session (and not expired) carries on at its proof step. */
  async begin (): Promise<void> {
    this.error = null
    this.codeNotice = null
    this.locked = false
    this.done = false
    try {
      const state = await this.api.current()
      runInAction(() => { this.state = state })
    } catch {
      runInAction(() => { this.state = null }) // nothing started (or it expired): ask for name and ID number
    }
  }

  /** Back to name and ID number (a typo in the name the person noticed from the masked one). */
  restart (): void {
    this.state = null
    this.error = null
    this.codeNotice = null
  }

  async start (name: string, idNumber: string): Promise<boolean> {
    const invalid = realNameError(name) ?? idNumberError(idNumber)
    if (invalid) {
      this.error = invalid
      this.locked = false
      return false
    }
    return this.step(async () => {
      const state = await this.api.start(name.trim(), normalizeIdNumber(idNumber))
      runInAction(() => { this.state = state })
    })
  }

  async requestCode (): Promise<boolean> {
    if (!this.canRequestCode) return false
    this.error = null
    const outcome = await this.cooldown.request(() => this.api.requestSmsCode())
    runInAction(() => {
      if ('error' in outcome) this.error = outcome.error
      else this.codeNotice = outcome.sent.message
    })
    return !('error' in outcome)
  }

  async submitCode (code: string): Promise<boolean> {
    const invalid = smsCodeError(code)
    if (invalid) {
      this.error = invalid
      return false
    }
    return this.step(async () => {
      const { verifiedUntil } = await this.api.proveBySms(code.trim())
      await this.finish(verifiedUntil)
    })
  }

  /** The server starts the check, the platform's screen runs, and the server's own query decides. */
  async startFace (): Promise<boolean> {
    if (this.faceRunning) return false
    this.error = null
    this.faceRunning = true
    try {
      const start = await this.api.startFace()
      const outcome = await this.face.run(start)
      // Asked even when the screen could not open or was cancelled: the server counts it as not passed.
      const result = await this.api.faceResult(start.checkId)
      if (result.passed && result.verifiedUntil) {
        await this.finish(result.verifiedUntil)
        return true
      }
      const state = await this.api.current()
      runInAction(() => {
        this.state = state
        this.error = outcome === 'unsupported' ? FACE_UNSUPPORTED : outcome === 'cancelled' ? `刷脸验证已取消。${result.message}` : result.message
      })
      return false
    } catch (error) {
      runInAction(() => { this.error = messageOf(error, '刷脸验证没有完成，请稍后重试') })
      return false
    } finally {
      runInAction(() => { this.faceRunning = false })
    }
  }

  clearError (): void {
    this.error = null
    this.locked = false
  }

  dispose (): void {
    this.cooldown.stop()
  }

  private async finish (verifiedUntil: string): Promise<void> {
    await this.session.markBound(verifiedUntil)
    runInAction(() => {
      this.done = true
      this.codeNotice = null
    })
  }

  private async step (run: () => Promise<void>): Promise<boolean> {
    if (this.submitting) return false
    this.error = null
    this.locked = false
    this.submitting = true
    try {
      await run()
      return true
    } catch (error) {
      runInAction(() => {
        this.error = messageOf(error, '没有成功，请稍后重试')
        this.locked = error instanceof ApiError && error.code === 'binding_locked'
        // The binding ran out (or the login got bound elsewhere): start again from name and ID number.
        if (error instanceof ApiError && error.code === 'binding_not_started') this.state = null
      })
      return false
    } finally {
      runInAction(() => { this.submitting = false })
    }
  }
}
