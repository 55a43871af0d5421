// SMS verification codes: issue (cooldown, daily caps per requester and per phone, the same answer whoever is on
// file) and check (expiry, tries, one use).
import { isIPv6 } from 'node:net'
import type { Db } from '../db'
import {
  countAttempt, consumeCode, countSentBy, countSentTo, insertCode, latestCode, requestTimes,
} from '../db/repositories/sms-codes'
import { findActivePersonsByPhoneHash, type PersonRow } from '../db/repositories/persons'
import { sql } from 'drizzle-orm'
import type { Clock, SmsSender } from './ports'
import { AppError } from './errors'
import { pleaseAfter } from './wait-words'
import { newNumericCode, type DataCipher } from './secrets'
import type { SessionContext } from './sessions'

export interface SmsPolicy {
  ttlSeconds: number; resendSeconds: number; maxAttempts: number
  /** Codes one phone receives in 24 hours, whoever asks: what a stranger with many addresses can cost. */
  dailyPerRecipient: number
  /** Codes one requester gets sent to one phone, and asks about one subject, in 24 hours. */
  dailyPerRequester: number
}

/**
 * Who asked for a code, as the daily caps count it: the client address, or inside a session its person or platform
 * identity. Stored only as a keyed hash.
 */
export interface SmsRequester {
  key: string
  /** The person on file asking from their own session for a code to their own phone: others cannot use that up. */
  ownPhone?: boolean
}

/** The requester of a request made in `session`, or (without one) from `address`. */
export function smsRequester (from: { session: SessionContext } | { address: string }): SmsRequester {
  if ('address' in from) return { key: `ip:${addressKey(from.address)}` }
  const s = from.session
  return { key: s.personId !== null ? `person:${s.personId}` : s.identityId !== null ? `identity:${s.identityId}` : `session:${s.id}` }
}

/** One key per IPv4 address, one per IPv6 /64 (what one subscriber gets, so rotating within it changes nothing). */
function addressKey (ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]!
  if (!isIPv6(ip)) return ip
  const [head = '', tail] = ip.split('%')[0]!.split('::')
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  const h = groups(head); const t = groups(tail)
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t]
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`
}

const DAY_MS = 24 * 3600_000

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
  request (phone: string, purpose: string, requester: SmsRequester): Promise<SmsCodeSent> {
    return this.issue(purpose, phone, async (tx) => (await findActivePersonsByPhoneHash(tx, this.cipher.lookupHash(phone), 1)).length > 0 ? phone : null, requester)
  }

  /** Checks and uses up a login code; returns the person it proves, or throws a specific, kind error. */
  async verify (phone: string, purpose: string, code: string): Promise<PersonRow> {
    await this.check(purpose, phone, code)
    const persons = await findActivePersonsByPhoneHash(this.db, this.cipher.lookupHash(phone))
    if (persons.length === 0) throw new AppError('sms_code_invalid') // unknown phones get unmatchable codes
    // Never guess between two people: the code proves the phone, not which of them is asking.
    if (persons.length > 1) throw new AppError('phone_shared')
    return persons[0]!
  }

  /**
   * Issues a code about `subject` (the phone for login, the ID number for a password reset) and sends it to
   * whatever `recipient` finds on file. When it finds nothing, a code row that matches nothing is stored all
   * the same: same answer, same cooldown, so nobody can learn from this who is insured.
   *
   * The daily caps keep that promise. What depends only on the requester's own asking (the cooldown per subject,
   * and how often this requester asked about this subject) is refused with 429 and the time it really ends.
   * What depends on who is on file (codes already sent to the phone, by this requester or by anyone) never
   * changes the answer: past those caps the request is answered as usual and nothing is sent. One requester
   * alone cannot use up a phone's allowance, and the person's own session always keeps theirs.
   */
  async issue (purpose: string, subject: string, recipient: (db: Db) => Promise<string | null>, requester: SmsRequester): Promise<SmsCodeSent> {
    const now = this.clock.now()
    const dayAgo = new Date(now.getTime() - DAY_MS)
    const subjectHash = this.cipher.lookupHash(subject)
    const requesterHash = this.cipher.lookupHash(`sms-requester:${requester.key}`)
    const { dailyPerRequester, dailyPerRecipient } = this.policy
    const code = newNumericCode(6)
    // One transaction under a per-subject lock, then a per-recipient one (always in that order): parallel requests
    // from several processes cannot all pass the cooldown or a cap and each send a message.
    const sendTo = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${subjectHash}`}))`)
      const last = await latestCode(tx, subjectHash, purpose)
      if (last) {
        const wait = Math.ceil((last.createdAt.getTime() + this.policy.resendSeconds * 1000 - now.getTime()) / 1000)
        if (wait > 0) throw new AppError('rate_limited', `验证码已发送，${pleaseAfter(new Date(now.getTime() + wait * 1000), now)}再重新获取`, { retryAfterSeconds: wait })
      }
      const asked = await requestTimes(tx, requesterHash, subjectHash, dayAgo)
      if (asked.length >= dailyPerRequester) {
        // Free again when enough of the counted requests are 24 hours old.
        const until = new Date(asked[asked.length - dailyPerRequester]!.getTime() + DAY_MS)
        const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
        throw new AppError('rate_limited', `获取验证码的次数已达上限，${pleaseAfter(until, now)}再试`, { retryAfterSeconds: seconds })
      }
      const to = await recipient(tx)
      // Nobody on file: the subject stands in for the phone, so the same caps run on the same kind of rows.
      const recipientHash = to ? this.cipher.lookupHash(to) : subjectHash
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms-to:${recipientHash}`}))`)
      // Both counts every time: whether a cap is reached must not show in how long the answer takes.
      const byRequester = await countSentBy(tx, requesterHash, recipientHash, dayAgo)
      const byAnyone = await countSentTo(tx, recipientHash, dayAgo)
      // The cooldown above is per subject, and a subject is cheap to change (each new binding is one, a reset is
      // another than a login): a phone gets one code a minute at most, except in the person's own session.
      const lastMinute = await countSentTo(tx, recipientHash, new Date(now.getTime() - this.policy.resendSeconds * 1000))
      const sends = byRequester < dailyPerRequester &&
        (requester.ownPhone === true || (byAnyone < dailyPerRecipient && lastMinute === 0))
      await insertCode(tx, {
        phoneHash: subjectHash, recipientHash: sends ? recipientHash : null, requesterHash, purpose,
        codeHash: this.codeHash(subject, purpose, to && sends ? code : `unknown:${newNumericCode(12)}`),
        createdAt: now, expiresAt: new Date(now.getTime() + this.policy.ttlSeconds * 1000),
      })
      return sends ? to : null
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
    await (await this.accept(purpose, subject, code))(this.db)
  }

  /**
   * Checks the newest code about `subject` and counts the try at once (a later rollback never gives tries back);
   * returns what uses the code up, to run in the transaction of whatever the code allows, so that both stand or
   * fall together. Throws the same specific errors as `check`.
   */
  async accept (purpose: string, subject: string, code: string): Promise<(tx: Db) => Promise<void>> {
    const now = this.clock.now()
    const row = await latestCode(this.db, this.cipher.lookupHash(subject), purpose)
    // No code asked for this subject: "expired" would send the person looking for a message that never came.
    if (!row) throw new AppError('sms_code_not_requested')
    if (row.consumedAt) throw new AppError('sms_code_expired', '这个验证码已经用过，请重新获取')
    if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('sms_code_expired')
    const attempts = await countAttempt(this.db, row.id, this.policy.maxAttempts)
    if (attempts === undefined) throw new AppError('sms_code_attempts_exceeded')
    if (row.codeHash !== this.codeHash(subject, purpose, code)) {
      const left = this.policy.maxAttempts - attempts
      if (left <= 0) throw new AppError('sms_code_attempts_exceeded')
      throw new AppError('sms_code_invalid', `验证码不正确，还可以再试 ${left} 次`)
    }
    return async (tx) => {
      if (!(await consumeCode(tx, row.id, now))) throw new AppError('sms_code_expired')
    }
  }

  private codeHash (subject: string, purpose: string, code: string): string {
    return this.cipher.lookupHash(`sms:${purpose}:${subject}:${code}`)
  }
}
