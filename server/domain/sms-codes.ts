// SMS verification codes: issue (cooldown, daily cap, same answer for unknown phones) and check (expiry, tries, one use).
import type { Db } from '../db'
import { countAttempt, consumeCode, countSentTo, insertCode, latestCode } from '../db/repositories/sms-codes'
import { findActivePersonsByPhoneHash, type PersonRow } from '../db/repositories/persons'
import { sql } from 'drizzle-orm'
import type { Clock, SmsSender } from '../adapters/types'
import { AppError } from './errors'
import { newNumericCode, type DataCipher } from './secrets'

export interface SmsPolicy { ttlSeconds: number; resendSeconds: number; maxAttempts: number; dailyLimit: number }

export const SMS_SENT_MESSAGE = '如果该手机号已登记，验证码将发送到该手机'

export type SmsCodeSent = { message: string; expiresInSeconds: number; resendAfterSeconds: number }

export class SmsCodeService {
  constructor (
    private readonly db: Db, private readonly cipher: DataCipher, private readonly sender: SmsSender,
    private readonly clock: Clock, private readonly policy: SmsPolicy,
    /** A send that failed after the answer went out (the person simply asks again after the cooldown). */
    private readonly onSendError: (error: unknown) => void = () => undefined,
  ) {}

  /** A login code for a phone. A phone not on file gets the same answer and cooldown, and no message. */
  request (phone: string, purpose: string): Promise<SmsCodeSent> {
    return this.issue(purpose, phone, async (tx) => (await findActivePersonsByPhoneHash(tx, this.cipher.lookupHash(phone), 1)).length > 0 ? phone : null)
  }

  /** Checks and uses up a login code; returns the person it proves, or throws a specific, kind error. */
  async verify (phone: string, purpose: string, code: string): Promise<PersonRow> {
    await this.check(purpose, phone, code)
    const persons = await findActivePersonsByPhoneHash(this.db, this.cipher.lookupHash(phone))
    if (persons.length === 0) throw new AppError(400, 'sms_code_invalid') // unknown phones get unmatchable codes
    // Never guess between two people: the code proves the phone, not which of them is asking.
    if (persons.length > 1) throw new AppError(409, 'phone_shared')
    return persons[0]!
  }

  /**
   * Issues a code about `subject` (the phone for login, the ID number for a password reset) and sends it to
   * whatever `recipient` finds on file. When it finds nothing, a code row that matches nothing is stored all
   * the same: same answer, same cooldown, so nobody can learn from this who is insured.
   */
  async issue (purpose: string, subject: string, recipient: (db: Db) => Promise<string | null>): Promise<SmsCodeSent> {
    const now = this.clock.now()
    const subjectHash = this.cipher.lookupHash(subject)
    const code = newNumericCode(6)
    // One transaction under a per-subject lock: parallel requests from several processes cannot all pass the
    // cooldown check and each send a message.
    const sendTo = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${subjectHash}`}))`)
      const last = await latestCode(tx, subjectHash, purpose)
      if (last) {
        const wait = Math.ceil((last.createdAt.getTime() + this.policy.resendSeconds * 1000 - now.getTime()) / 1000)
        if (wait > 0) throw new AppError(429, 'rate_limited', `验证码已发送，请 ${wait} 秒后再重新获取`, { 'retry-after': String(wait) })
      }
      // The daily cap is per phone that receives the codes, across login, reset and verification.
      const to = await recipient(tx)
      const recipientHash = to ? this.cipher.lookupHash(to) : subjectHash
      const sentToday = await countSentTo(tx, recipientHash, new Date(now.getTime() - 24 * 3600_000))
      if (sentToday >= this.policy.dailyLimit) {
        throw new AppError(429, 'rate_limited', '今天获取验证码的次数已达上限，请明天再试', { 'retry-after': String(3600) })
      }
      await insertCode(tx, {
        phoneHash: subjectHash, recipientHash, purpose, codeHash: this.codeHash(subject, purpose, to ? code : `unknown:${newNumericCode(12)}`),
        createdAt: now, expiresAt: new Date(now.getTime() + this.policy.ttlSeconds * 1000),
      })
      return to
    })
    // The answer never waits for the gateway, so neither its timing nor a gateway failure tells whether the
    // subject is on file.
    if (sendTo) {
      this.sender.send({ phone: sendTo, purpose, code, ttlSeconds: this.policy.ttlSeconds }).catch(this.onSendError)
    }
    return { message: SMS_SENT_MESSAGE, expiresInSeconds: this.policy.ttlSeconds, resendAfterSeconds: this.policy.resendSeconds }
  }

  /** Checks and uses up the newest code about `subject`: expired, used, wrong (with tries left) or exhausted. */
  async check (purpose: string, subject: string, code: string): Promise<void> {
    const now = this.clock.now()
    const row = await latestCode(this.db, this.cipher.lookupHash(subject), purpose)
    if (!row || row.consumedAt || row.expiresAt.getTime() <= now.getTime()) throw new AppError(400, 'sms_code_expired')
    const attempts = await countAttempt(this.db, row.id, this.policy.maxAttempts)
    if (attempts === undefined) throw new AppError(400, 'sms_code_attempts_exceeded')
    if (row.codeHash !== this.codeHash(subject, purpose, code)) {
      const left = this.policy.maxAttempts - attempts
      if (left <= 0) throw new AppError(400, 'sms_code_attempts_exceeded')
      throw new AppError(400, 'sms_code_invalid', `验证码不正确，还可以再试 ${left} 次`)
    }
    if (!(await consumeCode(this.db, row.id, now))) throw new AppError(400, 'sms_code_expired')
  }

  private codeHash (subject: string, purpose: string, code: string): string {
    return this.cipher.lookupHash(`sms:${purpose}:${subject}:${code}`)
  }
}
