// The card query password: login with lockout (5 wrong → 30 min), the rules for a new one, and the reset.
// The lock is on the identifier typed (an ID number, a card number), the same for one that names a person and one that
// names nobody: no answer tells who is on file, and locking a card number says nothing about which ID number is the
// same person's. Step-up verification names the person both ways, so it counts on, and is locked by, both.
import type { Db } from '../db'
import type { Clock } from './ports'
import { findPersonByCardNumber, findPersonByIdNumberHash, setPasswordHash, type PersonRow } from '../db/repositories/persons'
import { clearAttempts, readAttempts, reserveAttempt } from '../db/repositories/password-attempts'
import { revokeSessionsOfPerson } from '../db/repositories/sessions'
import { AppError } from './errors'
import { pleaseAfter } from './wait-words'
import { isValidIdNumber } from './gb11643'
import { hashPassword, verifyPassword, type DataCipher } from './secrets'

export const PASSWORD_MAX_FAILURES = 5
export const PASSWORD_LOCK_MINUTES = 30

export type PasswordIdentifier = { idNumber: string } | { cardNumber: string }

/** Upper-case X, no spaces; a wrong check digit is a typing slip worth naming before anything is looked up. */
export function normalizeIdNumber (raw: string): string {
  const id = raw.trim().toUpperCase()
  if (!isValidIdNumber(id)) throw new AppError('id_number_invalid')
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

function locked (until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  return new AppError('account_locked',
    `查询密码输错次数过多，已锁定，${pleaseAfter(until, now)}再试；也可以用「忘记密码」重新设置，或拨打 12393 医保服务热线`,
    { retryAfterSeconds: seconds })
}

/**
 * Login names the identifier typed too (which of the two was wrong is not told); step-up verification asks for the
 * password alone, so its sentence names only that.
 */
function incorrect (failures: number, withIdentifier: boolean): AppError {
  const what = withIdentifier ? '证件号或查询密码' : '查询密码'
  return new AppError('password_incorrect', `${what}不正确，还可以再试 ${PASSWORD_MAX_FAILURES - failures} 次`)
}

/** scrypt by default; a test records the calls to see that every path checks exactly one password. */
export interface PasswordHasher {
  hash (password: string): Promise<string>
  verify (password: string, stored: string): Promise<boolean>
}

export class PasswordService {
  /**
   * Checked against where there is no real hash to check (nobody, no password, locked), so that every answer costs
   * one check. Made at once, so that not even the first such answer of a process takes longer.
   */
  private readonly dummyHash: Promise<string>

  constructor (
    private readonly db: Db, private readonly cipher: DataCipher, private readonly clock: Clock,
    private readonly hasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword },
  ) {
    this.dummyHash = hasher.hash('000000')
  }

  /**
   * The same statements and one password check on every path, whether the identifier names a person or nobody,
   * locked or not. The try is reserved before the check, so a burst of parallel guesses gets no more than five checked.
   */
  async login (who: PasswordIdentifier, password: string): Promise<PersonRow> {
    const person = await this.find(who)
    const key = this.keyOf('idNumber' in who ? { idNumber: normalizeIdNumber(who.idNumber) } : { cardNumber: who.cardNumber.trim() })
    const now = this.clock.now()
    const failures = await reserveAttempt(this.db, key, PASSWORD_MAX_FAILURES, now, this.lockUntil(now))
    if (failures === undefined) {
      const until = (await readAttempts(this.db, key)).lockedUntil
      await this.hasher.verify(password, await this.dummy())
      throw locked(until ?? this.lockUntil(now), now)
    }
    const ok = await this.matches(person, password) // runs for nobody too: one check on every path
    if (ok && person) {
      await this.clearLocks(this.db, person)
      return person
    }
    throw failures >= PASSWORD_MAX_FAILURES ? locked(this.lockUntil(now), now) : incorrect(failures, true)
  }

  /**
   * Step-up verification of a signed-in person: one try on each of the person's identifiers, so it shares their
   * counts and locks with login (either locked refuses it), and a success clears both.
   */
  async checkPerson (person: PersonRow, password: string): Promise<PersonRow> {
    const now = this.clock.now()
    const counts: number[] = []
    for (const key of this.keysOfPerson(person)) {
      const failures = await reserveAttempt(this.db, key, PASSWORD_MAX_FAILURES, now, this.lockUntil(now))
      if (failures === undefined) {
        await this.hasher.verify(password, await this.dummy())
        throw locked((await this.lockedUntil(person)) ?? this.lockUntil(now), now)
      }
      counts.push(failures)
    }
    if (await this.matches(person, password)) {
      await this.clearLocks(this.db, person)
      return person
    }
    const failures = Math.max(...counts)
    throw failures >= PASSWORD_MAX_FAILURES ? locked(this.lockUntil(now), now) : incorrect(failures, false)
  }

  /** Until when the person's password is locked (by either identifier), or null. */
  async lockedUntil (person: PersonRow): Promise<Date | null> {
    const now = this.clock.now()
    let until: Date | null = null
    for (const key of this.keysOfPerson(person)) {
      const state = await readAttempts(this.db, key)
      if (state.lockedUntil && state.lockedUntil > now && (!until || state.lockedUntil > until)) until = state.lockedUntil
    }
    return until
  }

  /** Throws password_too_weak with the reason when the new password breaks a rule. */
  checkNewPassword (newPassword: string, idNumber: string): void {
    const problem = newPasswordProblem(newPassword, normalizeIdNumber(idNumber))
    if (problem) throw new AppError('password_too_weak', problem)
  }

  /**
   * Sets a new password, clears the locks and ends every session of the person, together with `useCode` (the SMS
   * code's use): one transaction, so a failure anywhere leaves the code unused, the old password and the sessions.
   */
  async reset (idNumber: string, newPassword: string, useCode: (tx: Db) => Promise<void>): Promise<PersonRow> {
    const id = normalizeIdNumber(idNumber)
    this.checkNewPassword(newPassword, id)
    const person = await findPersonByIdNumberHash(this.db, this.cipher.lookupHash(id))
    if (!person) throw new AppError('sms_code_invalid') // cannot happen: unknown IDs get unmatchable codes
    const hash = await this.hasher.hash(newPassword) // before the transaction: scrypt holds no locks
    await this.db.transaction(async (tx) => {
      await useCode(tx)
      await setPasswordHash(tx, person.id, hash)
      await this.clearLocks(tx, person)
      await revokeSessionsOfPerson(tx, person.id, this.clock.now())
    })
    return person
  }

  /** Exactly one check, against the dummy where the person or the password is missing, which never matches. */
  private async matches (person: PersonRow | undefined, password: string): Promise<boolean> {
    const stored = person?.queryPasswordHash ?? null
    const ok = await this.hasher.verify(password, stored ?? await this.dummy())
    return ok && stored !== null
  }

  private async clearLocks (db: Db, person: PersonRow): Promise<void> {
    for (const key of this.keysOfPerson(person)) await clearAttempts(db, key)
  }

  private keysOfPerson (person: PersonRow): string[] {
    return [
      this.keyOf({ cardNumber: person.cardNumber }),
      this.keyOf({ idNumber: this.cipher.decrypt(person.idNumberEnc).toUpperCase() }),
    ]
  }

  /** The lock's key for a normalised identifier: a keyed hash, so the table holds no ID or card number. */
  private keyOf (who: PasswordIdentifier): string {
    return this.cipher.lookupHash(`pw:${'idNumber' in who ? `id:${who.idNumber}` : `card:${who.cardNumber}`}`)
  }

  private lockUntil (now: Date): Date {
    return new Date(now.getTime() + PASSWORD_LOCK_MINUTES * 60_000)
  }

  private dummy (): Promise<string> {
    return this.dummyHash
  }

  private find (who: PasswordIdentifier): Promise<PersonRow | undefined> {
    if ('idNumber' in who) return findPersonByIdNumberHash(this.db, this.cipher.lookupHash(normalizeIdNumber(who.idNumber)))
    return findPersonByCardNumber(this.db, who.cardNumber.trim())
  }
}
