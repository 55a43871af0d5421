// SMS verification codes: issue (cooldown, daily cap, same answer for unknown phones) and check (expiry, tries, one use).
import type { Db } from '../db'
import { countAttempt, consumeCode, countSince, insertCode, latestCode } from '../db/repositories/sms-codes'
import { findActivePersonsByPhoneHash, type PersonRow } from '../db/repositories/persons'
import { sql } from 'drizzle-orm'
import type { Clock, SmsSender } from '../adapters/types'
import { AppError } from './errors'
import { newNumericCode, type DataCipher } from './secrets'

export interface SmsPolicy { ttlSeconds: number; resendSeconds: number; maxAttempts: number; dailyLimit: number }

export const SMS_SENT_MESSAGE = '如果该手机号已登记，验证码将发送到该手机'

export class SmsCodeService {
  constructor (
    private readonly db: Db, private readonly cipher: DataCipher, private readonly sender: SmsSender,
    private readonly clock: Clock, private readonly policy: SmsPolicy,
    /** A send that failed after the answer went out (the person simply asks again after the cooldown). */
    private readonly onSendError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Issues a code. A phone that is not on file gets the same answer and the same cooldown (a code row that
   * matches nothing), so nobody can learn from this who is insured; no message is sent to it.
   */
  async request (phone: string, purpose: string): Promise<{ message: string; expiresInSeconds: number; resendAfterSeconds: number }> {
    const now = this.clock.now()
    const phoneHash = this.cipher.lookupHash(phone)
    const code = newNumericCode(6)
    // One transaction under a per-phone lock: parallel requests from several processes cannot all pass the
    // cooldown check and each send a message.
    const sendTo = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${phoneHash}`}))`)
      const last = await latestCode(tx, phoneHash, purpose)
      if (last) {
        const wait = Math.ceil((last.createdAt.getTime() + this.policy.resendSeconds * 1000 - now.getTime()) / 1000)
        if (wait > 0) throw new AppError(429, 'rate_limited', `验证码已发送，请 ${wait} 秒后再重新获取`, { 'retry-after': String(wait) })
      }
      const sentToday = await countSince(tx, phoneHash, new Date(now.getTime() - 24 * 3600_000))
      if (sentToday >= this.policy.dailyLimit) {
        throw new AppError(429, 'rate_limited', '今天获取验证码的次数已达上限，请明天再试', { 'retry-after': String(3600) })
      }
      const known = (await findActivePersonsByPhoneHash(tx, phoneHash, 1)).length > 0
      await insertCode(tx, {
        phoneHash, purpose, codeHash: this.codeHash(phone, purpose, known ? code : `unknown:${newNumericCode(12)}`),
        createdAt: now, expiresAt: new Date(now.getTime() + this.policy.ttlSeconds * 1000),
      })
      return known
    })
    // The answer never waits for the gateway, so neither its timing nor a gateway failure tells whether the
    // phone is on file.
    if (sendTo) {
      this.sender.send({ phone, purpose, code, ttlSeconds: this.policy.ttlSeconds }).catch(this.onSendError)
    }
    return { message: SMS_SENT_MESSAGE, expiresInSeconds: this.policy.ttlSeconds, resendAfterSeconds: this.policy.resendSeconds }
  }

  /** Checks and uses up a code; returns the person it proves, or throws a specific, kind error. */
  async verify (phone: string, purpose: string, code: string): Promise<PersonRow> {
    const now = this.clock.now()
    const phoneHash = this.cipher.lookupHash(phone)
    const row = await latestCode(this.db, phoneHash, purpose)
    if (!row || row.consumedAt || row.expiresAt.getTime() <= now.getTime()) throw new AppError(400, 'sms_code_expired')
    const attempts = await countAttempt(this.db, row.id, this.policy.maxAttempts)
    if (attempts === undefined) throw new AppError(400, 'sms_code_attempts_exceeded')
    if (row.codeHash !== this.codeHash(phone, purpose, code)) {
      const left = this.policy.maxAttempts - attempts
      if (left <= 0) throw new AppError(400, 'sms_code_attempts_exceeded')
      throw new AppError(400, 'sms_code_invalid', `验证码不正确，还可以再试 ${left} 次`)
    }
    if (!(await consumeCode(this.db, row.id, now))) throw new AppError(400, 'sms_code_expired')
    const persons = await findActivePersonsByPhoneHash(this.db, phoneHash)
    if (persons.length === 0) throw new AppError(400, 'sms_code_invalid') // unknown phones get unmatchable codes
    // Never guess between two people: the code proves the phone, not which of them is asking.
    if (persons.length > 1) throw new AppError(409, 'phone_shared')
    return persons[0]!
  }

  private codeHash (phone: string, purpose: string, code: string): string {
    return this.cipher.lookupHash(`sms:${purpose}:${phone}:${code}`)
  }
}
