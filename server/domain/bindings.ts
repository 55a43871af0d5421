// Real-name binding of a platform identity: name + ID number must match the insured person's record (GB 11643
// check digit first), then the person proves it — by a face check where the platform offers one, else by an SMS
// code to the phone on file; after two face checks that did not pass, the SMS code is offered too. A completed
// binding ties the identity and this session to the person and counts as a verification.
import type { Db } from '../db'
import type { Clock } from './ports'
import type { BindingFaceResult, BindingState } from '../../types/api/binding'
import { findPendingBinding, completeBinding, countFailedBindFaceChecks, insertBinding, type BindingRow } from '../db/repositories/bindings'
import { findIdentityById, type IdentityRow } from '../db/repositories/identities'
import { clearAttempts, readAttempts, reserveAttempt } from '../db/repositories/password-attempts'
import { findPersonById, findPersonByIdNumberHash, type PersonRow } from '../db/repositories/persons'
import { AppError } from './errors'
import { pleaseAfter } from './wait-words'
import type { FaceCheckService, FaceStart } from './face-checks'
import { maskIdNumber, maskName, maskPhoneTail } from './mask'
import { normalizeIdNumber } from './passwords'
import type { DataCipher } from './secrets'
import type { SessionContext, SessionService } from './sessions'
import { smsRequester, type SmsCodeService } from './sms-codes'
import type { SmsCodeSent } from '../../types/api/auth'

/** A binding left half-way is over after this long (the person starts again with name and ID number). */
export const BINDING_TTL_MS = 30 * 60_000
/** Wrong name / ID number pairs per platform identity, and per ID number, before binding is paused. */
export const BINDING_MAX_MISMATCHES = 5
export const BINDING_LOCK_MINUTES = 30
/** Face checks that must fail before an SMS code may prove a binding where face check is offered. */
export const FACE_FAILURES_BEFORE_SMS = 2

/** Names as written on ID cards: no spaces, one kind of middle dot (少数民族姓名), full-width forms folded. */
export function normalizeName (raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/[·•．.・]/g, '·')
}

function lockedError (until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  return new AppError('binding_locked',
    `姓名和身份证号核对失败次数过多，${pleaseAfter(until, now)}再试；如信息无误仍无法绑定，请拨打 12393 医保服务热线`,
    { retryAfterSeconds: seconds })
}

export class BindingService {
  constructor (
    private readonly db: Db, private readonly cipher: DataCipher, private readonly clock: Clock,
    private readonly sessions: SessionService, private readonly faceChecks: FaceCheckService, private readonly smsCodes: SmsCodeService,
  ) {}

  /**
   * Name + ID number against the record; a match opens a binding for this session, a mismatch counts against the
   * platform identity and against the ID number (known or not, alike), so one ID number cannot be probed from many
   * accounts.
   */
  async start (s: SessionContext, name: string, idNumberRaw: string): Promise<BindingState> {
    const identity = await this.unboundIdentity(s)
    const now = this.clock.now()
    const identityKey = `bind:identity:${identity.id}`
    await this.refuseIfLocked(identityKey, now)
    const idNumber = normalizeIdNumber(idNumberRaw) // a typing slip is named before anything is looked up or counted
    const idKey = this.idNumberKey(idNumber)
    await this.refuseIfLocked(idKey, now)
    const person = await findPersonByIdNumberHash(this.db, this.cipher.lookupHash(idNumber))
    if (!person || person.status !== 'active' || normalizeName(person.name) !== normalizeName(name)) {
      const lockUntil = new Date(now.getTime() + BINDING_LOCK_MINUTES * 60_000)
      let failures = 0
      for (const key of [identityKey, idKey]) {
        const n = await reserveAttempt(this.db, key, BINDING_MAX_MISMATCHES, now, lockUntil)
        if (n === undefined || n >= BINDING_MAX_MISMATCHES) throw lockedError(lockUntil, now)
        failures = Math.max(failures, n)
      }
      // Same words whether the ID number is unknown or the name differs: nobody learns who is insured.
      throw new AppError('identity_mismatch',
        `姓名或身份证号与参保登记信息不一致，请核对后重新输入，还可以再试 ${BINDING_MAX_MISMATCHES - failures} 次`)
    }
    const binding = await insertBinding(this.db, {
      sessionId: s.id, identityId: identity.id, personId: person.id, createdAt: now,
      expiresAt: new Date(now.getTime() + BINDING_TTL_MS),
    })
    return this.describe(s, binding, person)
  }

  /** The pending binding of this session, as the client shows it. */
  async current (s: SessionContext): Promise<BindingState> {
    const binding = await this.pending(s)
    return this.describe(s, binding, await this.personOf(binding))
  }

  async sendSmsCode (s: SessionContext): Promise<SmsCodeSent> {
    const binding = await this.pending(s)
    await this.requireSmsOpen(s, binding)
    const phone = this.cipher.decrypt((await this.personOf(binding)).phoneEnc)
    const sent = await this.smsCodes.issue('bind', `binding:${binding.id}`, async () => phone, smsRequester({ session: s }))
    return { ...sent, message: `验证码已发送至 ${maskPhoneTail(phone)}，5 分钟内有效` }
  }

  async proveBySms (s: SessionContext, code: string): Promise<Date> {
    const binding = await this.pending(s)
    await this.requireSmsOpen(s, binding)
    await this.smsCodes.check('bind', `binding:${binding.id}`, code)
    return this.complete(s, binding, 'sms')
  }

  async startFace (s: SessionContext): Promise<FaceStart> {
    const binding = await this.pending(s)
    return this.faceChecks.start(s, binding.personId, 'bind')
  }

  /** Only the server's own query to the platform decides; a pass completes the binding. */
  async finishFace (s: SessionContext, checkId: number): Promise<BindingFaceResult> {
    const binding = await this.pending(s)
    if (await this.faceChecks.finish(s, checkId, { purpose: 'bind', personId: binding.personId })) {
      const verifiedUntil = await this.complete(s, binding, 'face')
      return { passed: true, verifiedUntil: verifiedUntil.toISOString(), message: '绑定成功', faceFailures: 0 }
    }
    const faceFailures = await countFailedBindFaceChecks(this.db, s.id, binding.personId, binding.createdAt)
    const message = faceFailures >= FACE_FAILURES_BEFORE_SMS
      ? '刷脸验证没有通过，可以再试一次，或改用短信验证码完成绑定'
      : '刷脸验证没有通过，请按提示调整后再试一次'
    return { passed: false, verifiedUntil: null, message, faceFailures }
  }

  private async complete (s: SessionContext, binding: BindingRow, by: 'face' | 'sms'): Promise<Date> {
    if (!(await completeBinding(this.db, binding, by, this.clock.now()))) throw new AppError('already_bound')
    await clearAttempts(this.db, `bind:identity:${binding.identityId}`)
    // The person proved it: mismatches others typed against their ID number no longer hold them back.
    await clearAttempts(this.db, this.idNumberKey(this.cipher.decrypt((await this.personOf(binding)).idNumberEnc).toUpperCase()))
    s.personId = binding.personId
    return this.sessions.markVerified(s, 'bind')
  }

  private async describe (s: SessionContext, binding: BindingRow, person: PersonRow): Promise<BindingState> {
    const facePlatform = await this.faceChecks.platformFor(s, 'bind')
    const faceFailures = await countFailedBindFaceChecks(this.db, s.id, binding.personId, binding.createdAt)
    const smsOpen = facePlatform === null || faceFailures >= FACE_FAILURES_BEFORE_SMS
    return {
      nameMasked: maskName(person.name),
      idNumberMasked: maskIdNumber(this.cipher.decrypt(person.idNumberEnc)),
      // Before any proof name + ID number are all the caller has shown, and those are no secret: the last 4 digits only.
      phoneMasked: maskPhoneTail(this.cipher.decrypt(person.phoneEnc)),
      proofs: [
        facePlatform
          ? { method: 'face', available: true }
          : { method: 'face', available: false, reason: '当前环境不支持刷脸验证，请用短信验证码完成绑定' },
        smsOpen
          ? { method: 'sms', available: true }
          : { method: 'sms', available: false, reason: '请先刷脸验证；两次没有通过后，可以改用短信验证码' },
      ],
      faceFailures,
      expiresAt: binding.expiresAt.toISOString(),
    }
  }

  private async refuseIfLocked (key: string, now: Date): Promise<void> {
    const state = await readAttempts(this.db, key)
    if (state.lockedUntil && state.lockedUntil > now) throw lockedError(state.lockedUntil, now)
  }

  /** A keyed hash, so the attempts table holds no ID number. */
  private idNumberKey (idNumber: string): string {
    return this.cipher.lookupHash(`bind:id:${idNumber}`)
  }

  private async requireSmsOpen (s: SessionContext, binding: BindingRow): Promise<void> {
    if ((await this.faceChecks.platformFor(s, 'bind')) === null) return
    const failures = await countFailedBindFaceChecks(this.db, s.id, binding.personId, binding.createdAt)
    if (failures < FACE_FAILURES_BEFORE_SMS) throw new AppError('binding_proof_unavailable')
  }

  private async pending (s: SessionContext): Promise<BindingRow> {
    await this.unboundIdentity(s)
    const binding = await findPendingBinding(this.db, s.id, this.clock.now())
    if (!binding) throw new AppError('binding_not_started')
    return binding
  }

  private async personOf (binding: BindingRow): Promise<PersonRow> {
    const person = await findPersonById(this.db, binding.personId)
    if (!person) throw new AppError('binding_not_started')
    return person
  }

  /** Binding is for a platform login that is not tied to anyone yet; everything else is already bound. */
  private async unboundIdentity (s: SessionContext): Promise<IdentityRow> {
    if (s.personId !== null || s.identityId === null) throw new AppError('already_bound')
    const identity = await findIdentityById(this.db, s.identityId)
    if (!identity) throw new AppError('unauthorized')
    if (identity.personId !== null) {
      throw new AppError('already_bound', '这个账号已经绑定了参保人，请重新登录后查看')
    }
    return identity
  }
}
