// Step-up verification: which methods this session may use, the chosen one, the SMS code to the phone on file
// (with its resend cooldown), the code or query-password check, and the new window handed to the session.
import { makeAutoObservable, runInAction } from 'mobx'
import type { VerificationMethodName, VerificationMethods } from '../../../../types/api/verification'
import type { VerificationApi } from '../../../services/api/verification'
import { ApiError } from '../../../services/http'
import type { Biometric, BiometricMode, FaceCheck } from '../../../platform/types'
import type { RootStore } from '../../../stores/root-store'
import { queryPasswordError, smsCodeError } from '../../../utils/validate'
import { Cooldown, realClock, type SessionClock } from '../../../stores/cooldown'
import { messageOf } from '../../../stores/session-store'

export type VerificationMethod = VerificationMethods['methods'][number]

/** What the session needs to hear about a success (SessionStore.markVerified). */
export interface VerifiedListener {
  markVerified (verifiedUntil: string): Promise<void> | void
}

/** The methods filled in on a form (tabs), in the order offered; face check has its own block above them. */
export const FORM_METHODS: readonly VerificationMethodName[] = ['sms', 'password']

/** Face checks that must not pass before the other methods are offered where face check is. */
export const FACE_TRIES_BEFORE_OTHERS = 2

/** What the person reads when the face-check screen could not open at all. */
const FACE_UNSUPPORTED = '您的微信或支付宝版本暂不支持刷脸验证，请升级后再试，或改用下面的短信验证码、查询密码'

/** What this device can do beyond forms: the platform's face check and biometric unlock. */
export interface VerificationDevice { face: FaceCheck; biometric: Biometric }

/** Used where a build has neither (jest, tsc): never offered. */
export const NO_DEVICE: VerificationDevice = {
  face: { platform: null, run: async () => 'unsupported' },
  biometric: { mode: async () => null, authenticate: async () => 'unsupported' },
}

const BIOMETRIC_NAMES: Record<BiometricMode, string> = { fingerPrint: '指纹', facial: '面容' }

export class VerificationStore {
  methods: VerificationMethod[] = []
  /** The phone on file, masked: where a code would go. */
  phoneMasked: string | null = null
  loadingMethods = false
  /** Why the methods could not be read, in words for the person. */
  methodsError: string | null = null
  method: VerificationMethodName | null = null

  /** Where the code went, in the server's words. */
  codeNotice: string | null = null
  submitting = false
  /** What went wrong in the last step, in words for the person. */
  error: string | null = null
  /** The query password is locked: `error` then says until when and how to unlock. */
  passwordLocked = false
  verifiedUntil: string | null = null

  /** A face check is under way (server start, the platform's screen, the server's query). */
  faceRunning = false
  /** Face checks in this visit that did not pass (cancelled included). */
  faceFailures = 0
  /** This device cannot open the platform's face check (old WeChat / Alipay). */
  faceUnsupported = false
  /** The biometric this phone can unlock with (SOTER), once asked; null: none. */
  biometricMode: BiometricMode | null = null
  soterRunning = false

  private readonly cooldown: Cooldown

  constructor (
    readonly api: VerificationApi, readonly session: VerifiedListener, clock: SessionClock = realClock,
    readonly device: VerificationDevice = NO_DEVICE,
  ) {
    this.cooldown = new Cooldown(clock)
    makeAutoObservable<this, 'cooldown'>(this, { api: false, session: false, cooldown: false, device: false }, { autoBind: true })
  }

  get face (): FaceCheck {
    return this.device.face
  }

  /** 指纹 or 面容: the quickest way back for a session verified another way on this phone. */
  get biometricOffered (): boolean {
    return this.biometricMode !== null && this.methods.some((m) => m.method === 'soter' && m.available)
  }

  get biometricName (): string {
    return this.biometricMode ? BIOMETRIC_NAMES[this.biometricMode] : ''
  }

  /** The server offers face check for this session and this build can open it: it comes first. */
  get faceOffered (): boolean {
    return this.face.platform !== null && !this.faceUnsupported &&
      this.methods.some((m) => m.method === 'face' && m.available)
  }

  /** SMS and password: at once where face check is not offered, else after two face checks that did not pass. */
  get formMethodsShown (): boolean {
    return !this.faceOffered || this.faceFailures >= FACE_TRIES_BEFORE_OTHERS
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

  /** The methods the person can use now, in the order shown. */
  get available (): VerificationMethod[] {
    return this.methods.filter((m) => m.available && FORM_METHODS.includes(m.method))
  }

  /**
   * Shown greyed out with the server's reason (password locked, …). Left out where this build can never offer it,
   * whatever the server says: face check on a build with no platform face check (H5), biometric unlock on a phone
   * that has none. Their reasons would only confuse.
   */
  get unavailable (): VerificationMethod[] {
    return this.methods.filter((m) => !m.available &&
      (m.method !== 'soter' || this.biometricMode !== null) &&
      (m.method !== 'face' || this.face.platform !== null))
  }

  /**
   * Biometric unlock: the server's one-use challenge, signed by the phone's key after the person's finger or face;
   * the server asks WeChat whether the key signed it. Re-opens the window only (the server allows it only for a
   * session verified another way on this phone).
   */
  async startSoter (): Promise<boolean> {
    const mode = this.biometricMode
    if (!mode || this.soterRunning || this.submitting || this.faceRunning) return false
    this.error = null
    this.passwordLocked = false
    this.soterRunning = true
    try {
      const { challenge, authContent } = await this.api.soterChallenge()
      const signed = await this.device.biometric.authenticate({ challenge, authContent, mode })
      if (typeof signed === 'string') {
        runInAction(() => {
          if (signed === 'unsupported') this.biometricMode = null
          this.error = signed === 'cancelled'
            ? `${BIOMETRIC_NAMES[mode]}解锁已取消，可以再试一次，或改用其他方式验证`
            : `${BIOMETRIC_NAMES[mode]}解锁没有成功，请改用其他方式验证`
        })
        return false
      }
      const { verifiedUntil } = await this.api.verifySoter(signed)
      runInAction(() => { this.verifiedUntil = verifiedUntil })
      await this.session.markVerified(verifiedUntil)
      return true
    } catch (error) {
      runInAction(() => { this.error = messageOf(error, `${BIOMETRIC_NAMES[mode]}解锁没有成功，请改用其他方式验证`) })
      return false
    } finally {
      runInAction(() => { this.soterRunning = false })
    }
  }

  /**
   * Face check: the server starts it, the platform's screen runs, then the server asks the platform and decides.
   * What the screen reported only chooses the words when the server says it did not pass.
   */
  async startFace (): Promise<boolean> {
    if (this.faceRunning || this.submitting || this.soterRunning) return false
    this.error = null
    this.passwordLocked = false
    this.faceRunning = true
    try {
      const start = await this.api.startFace()
      const outcome = await this.face.run(start)
      if (outcome === 'unsupported') {
        runInAction(() => {
          this.faceUnsupported = true
          this.error = FACE_UNSUPPORTED
        })
        return false
      }
      const result = await this.api.faceResult(start.checkId)
      if (result.passed && result.verifiedUntil) {
        runInAction(() => { this.verifiedUntil = result.verifiedUntil })
        await this.session.markVerified(result.verifiedUntil)
        return true
      }
      runInAction(() => {
        this.faceFailures += 1
        const others = this.faceFailures >= FACE_TRIES_BEFORE_OTHERS ? '，也可以改用下面的短信验证码或查询密码' : '，请按提示调整后再试一次'
        this.error = (outcome === 'cancelled' ? '刷脸验证已取消' : '刷脸验证没有通过') + others
      })
      return false
    } catch (error) {
      runInAction(() => { this.error = messageOf(error, '刷脸验证没有完成，请稍后重试') })
      return false
    } finally {
      runInAction(() => { this.faceRunning = false })
    }
  }

  /** A fresh form each time the page opens; the resend cooldown carries on (the server keeps its own). */
  begin (): Promise<void> {
    this.codeNotice = null
    this.error = null
    this.passwordLocked = false
    this.faceFailures = 0
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
    this.faceFailures = 0
    this.faceUnsupported = false
    this.cooldown.stop()
    this.cooldown.seconds = 0
  }

  async loadMethods (): Promise<void> {
    this.loadingMethods = true
    this.methodsError = null
    try {
      const [answer, mode] = await Promise.all([this.api.getMethods(), this.device.biometric.mode().catch(() => null)])
      runInAction(() => { this.biometricMode = mode })
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
    const outcome = await this.cooldown.request(() => this.api.requestSmsCode())
    runInAction(() => {
      if ('error' in outcome) this.error = outcome.error
      else this.codeNotice = outcome.sent.message
    })
    return !('error' in outcome)
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

/** The verify page's store, created by that page (it stays in the verify subpackage), forgotten on a new token. */
export function verificationOf (root: RootStore): VerificationStore {
  return root.feature('verification', () => new VerificationStore(root.api.verification, root.session, root.clock, root.platform))
}

/** What the verify page does on load: the stored session first (the page may be the first one opened). */
export async function showVerification (root: RootStore): Promise<void> {
  await root.session.restore()
  if (root.session.signedIn) await verificationOf(root).begin()
}
