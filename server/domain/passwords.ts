// The card query password: login with lockout (5 wrong → 30 min), the rules for a new one, and the reset.
// Identifiers that match nobody count and lock exactly like real ones, so no answer tells who is on file.
import type { Db } from '../db'
import type { Clock } from '../adapters/types'
import {
  clearPasswordFailures, findPersonById, findPersonByCardNumber, findPersonByIdNumberHash, reservePasswordTry,
  setPasswordHash, type PersonRow,
} from '../db/repositories/persons'
import { clearAttempts, readAttempts, reserveAttempt } from '../db/repositories/password-attempts'
import { AppError } from './errors'
import { isValidIdNumber } from './gb11643'
import { hashPassword, verifyPassword, type DataCipher } from './secrets'

export const PASSWORD_MAX_FAILURES = 5
export const PASSWORD_LOCK_MINUTES = 30

export type PasswordIdentifier = { idNumber: string } | { cardNumber: string }

/** Upper-case X, no spaces; a wrong check digit is a typing slip worth naming before anything is looked up. */
export function normalizeIdNumber (raw: string): string {
  const id = raw.trim().toUpperCase()
  if (!isValidIdNumber(id)) throw new AppError(400, 'id_number_invalid')
  return id
}

/** Why a new query password is not acceptable, in words for the person; null when it is fine. */
export function newPasswordProblem (password: string, idNumber?: string): string | null {
  if (!/^[0-9]{6}$/.test(password)) return '查询密码应为 6 位数字'
  if (/^(\d)\1{5}$/.test(password)) return '查询密码不能是 6 个相同的数字'
  const digits = [...password].map(Number)
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10)
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return '查询密码不能是 123456、654321 这样的连续数字'
  if (idNumber && (idNumber.slice(8, 14) === password || idNumber.slice(-6) === password)) {
    return '查询密码不能使用身份证号中的出生日期或末尾 6 位'
  }
  return null
}

const chinaTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })

function locked (until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  return new AppError(403, 'account_locked',
    `查询密码输错次数过多，已锁定，请在 ${chinaTime.format(until)} 后再试；也可以用「忘记密码」重新设置，或拨打 12393 医保服务热线`,
    { 'retry-after': String(seconds) })
}

function incorrect (failures: number): AppError {
  return new AppError(401, 'password_incorrect', `证件号或查询密码不正确，还可以再试 ${PASSWORD_MAX_FAILURES - failures} 次`)
}

export class PasswordService {
  /** Checked against for identifiers that match nobody, so that both answers take as long. */
  private dummyHash: Promise<string> | null = null

  constructor (private readonly db: Db, private readonly cipher: DataCipher, private readonly clock: Clock) {}

  async login (who: PasswordIdentifier, password: string): Promise<PersonRow> {
    const person = await this.find(who)
    if (person) return this.checkPerson(person, password)
    const now = this.clock.now()
    const key = this.cipher.lookupHash(`pw:${'idNumber' in who ? `id:${normalizeIdNumber(who.idNumber)}` : `card:${who.cardNumber.trim()}`}`)
    const failures = await reserveAttempt(this.db, key, PASSWORD_MAX_FAILURES, now, this.lockUntil(now))
    if (failures === undefined) throw locked((await readAttempts(this.db, key)).lockedUntil ?? this.lockUntil(now), now)
    await verifyPassword(password, await this.dummy()) // as long as a real check takes
    throw failures >= PASSWORD_MAX_FAILURES ? locked(this.lockUntil(now), now) : incorrect(failures)
  }

  /**
   * The person's own password, with the same count and lock (login and step-up verification share them). The try
   * is reserved before scrypt runs, so a burst of parallel guesses gets no more than five checked.
   */
  async checkPerson (person: PersonRow, password: string): Promise<PersonRow> {
    const now = this.clock.now()
    const failures = await reservePasswordTry(this.db, person.id, PASSWORD_MAX_FAILURES, now, this.lockUntil(now))
    if (failures === undefined) {
      const current = await findPersonById(this.db, person.id)
      throw locked(current?.passwordLockedUntil ?? this.lockUntil(now), now)
    }
    // A person without a password is checked against the dummy, so that the answer takes as long as any other.
    const ok = await verifyPassword(password, person.queryPasswordHash ?? await this.dummy()) && person.queryPasswordHash !== null
    if (ok) {
      await clearPasswordFailures(this.db, person.id)
      return person
    }
    throw failures >= PASSWORD_MAX_FAILURES ? locked(this.lockUntil(now), now) : incorrect(failures)
  }

  private lockUntil (now: Date): Date {
    return new Date(now.getTime() + PASSWORD_LOCK_MINUTES * 60_000)
  }

  private dummy (): Promise<string> {
    return (this.dummyHash ??= hashPassword('000000'))
  }

  /** Throws password_too_weak with the reason when the new password breaks a rule. */
  checkNewPassword (newPassword: string, idNumber: string): void {
    const problem = newPasswordProblem(newPassword, normalizeIdNumber(idNumber))
    if (problem) throw new AppError(400, 'password_too_weak', problem)
  }

  /** Sets a new password (the caller has checked the SMS code) and clears any lock on it. */
  async reset (idNumber: string, newPassword: string): Promise<PersonRow> {
    const id = normalizeIdNumber(idNumber)
    this.checkNewPassword(newPassword, id)
    const person = await findPersonByIdNumberHash(this.db, this.cipher.lookupHash(id))
    if (!person) throw new AppError(400, 'sms_code_invalid') // cannot happen: unknown IDs get unmatchable codes
    await setPasswordHash(this.db, person.id, await hashPassword(newPassword))
    // Locks on the identifiers themselves (kept while nobody matched them) go too.
    await clearAttempts(this.db, this.cipher.lookupHash(`pw:card:${person.cardNumber}`))
    await clearAttempts(this.db, this.cipher.lookupHash(`pw:id:${id}`))
    return person
  }

  private find (who: PasswordIdentifier): Promise<PersonRow | undefined> {
    if ('idNumber' in who) return findPersonByIdNumberHash(this.db, this.cipher.lookupHash(normalizeIdNumber(who.idNumber)))
    return findPersonByCardNumber(this.db, who.cardNumber.trim())
  }
}
