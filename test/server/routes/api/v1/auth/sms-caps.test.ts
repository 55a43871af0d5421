// The daily SMS caps: counted per requester as well as per phone, silent where an answer
// would tell who is insured, an honest 429 with the real end of the 24-hour window where it only concerns the
// requester, and per-address limits loose enough for many people behind one hospital Wi-Fi.
import { sql } from 'drizzle-orm'
import { rowsOf } from '../../../../../../server/db/rows'
import { persons } from '../../../../../../server/db/schema'
import { checkDigit } from '../../../../../../server/domain/gb11643'
import { makeTestApp, smsSent, twoProcesses, type TestApp } from '../../../../../support/app'
import { platformSession } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

const STRANGER = '203.0.113.9'
const OTHER_STRANGER = '198.51.100.23'
const HOME = '192.0.2.44'
const RESEND_MS = 61_000

type Res = Awaited<ReturnType<TestApp['app']['inject']>>
const post = (t: TestApp, url: string, payload: Record<string, unknown>, from: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: from, headers })
const loginCode = (t: TestApp, phone: string, from: string) => post(t, '/api/v1/auth/sms-codes', { phone, purpose: 'login' }, from)
const resetCode = (t: TestApp, idNumber: string, from: string) => post(t, '/api/v1/auth/password-reset/sms-codes', { idNumber }, from)

/** Messages the dev provider has sent, by purpose, for one phone (the outbox table, shared by every process). */
async function sentTo (t: TestApp, phone: string): Promise<Record<string, number>> {
  const res = await t.handle.db.execute(sql`select purpose, count(*)::int as n from dev_sms_outbox
    where phone_hash = ${t.cipher.lookupHash(phone)} group by purpose`)
  return Object.fromEntries(rowsOf<{ purpose: string; n: number }>(res).map((r) => [r.purpose, r.n]))
}

/**
 * Everything of an answer a client can see, except the clock's: Date, and (`later`, for a request in a window an
 * earlier one opened) the seconds left in the per-address window, which count down in real time.
 */
const visible = (res: Res, later = false) => {
  const { date: _date, 'x-ratelimit-reset': reset, ...headers } = res.headers
  return { status: res.statusCode, headers: later ? headers : { ...headers, 'x-ratelimit-reset': reset }, body: res.body }
}

/** An ID number with a correct check digit that belongs to nobody. */
function unknownIdNumber (): string {
  const first17 = `${demoPerson(1).idNumber.slice(0, 14)}999`
  return first17 + checkDigit(first17)
}

describe('ten login codes for a phone, then a password reset for an ID number (a stranger trying to link a phone to an ID number)', () => {
  /** One world: a stranger asks ten login codes for demo person 1's phone, then a reset code for `idNumber`, twice. */
  async function attack (idNumber: string) {
    const t = await makeTestApp({ env: { SMS_RESEND_SECONDS: '60' } })
    try {
      const phone = demoPerson(1).phone
      const logins: number[] = []
      for (let i = 0; i < 10; i++) {
        logins.push((await loginCode(t, phone, STRANGER)).statusCode)
        t.clock.advance(RESEND_MS)
      }
      const reset = await resetCode(t, idNumber, STRANGER)
      t.clock.advance(20_000)
      const resetAgain = await resetCode(t, idNumber, STRANGER)
      const guess = await post(t, '/api/v1/auth/password-reset', { idNumber, code: '000000', newPassword: '739251' }, STRANGER)
      // The person's own login code afterwards: it must go out, and once it is there every earlier send has landed.
      const own = await loginCode(t, phone, HOME)
      await smsSent(t, 6)
      return { logins, reset: visible(reset), resetAgain: visible(resetAgain, true), guess: visible(guess), own: own.statusCode, sent: await sentTo(t, phone) }
    } finally {
      await t.close()
    }
  }

  test('the person\'s ID number and an unknown one get the same status, body, headers, cooldown and wrong-code answer, and no message', async () => {
    const known = await attack(demoPerson(1).idNumber)
    const unknown = await attack(unknownIdNumber())
    expect(known.reset).toEqual(unknown.reset)
    expect(known.reset.status).toBe(200)
    expect(JSON.parse(known.reset.body)).toEqual({ message: '如果该身份证号已登记，验证码将发送到登记的手机号', expiresInSeconds: 300, resendAfterSeconds: 60 })
    expect(known.resetAgain).toEqual(unknown.resetAgain)
    expect(known.resetAgain.status).toBe(429)
    expect(known.resetAgain.headers['retry-after']).toBe('40')
    // A guess at the code that was (or was not) sent: answered alike too.
    expect(known.guess).toEqual(unknown.guess)
    expect(JSON.parse(known.guess.body)).toEqual({ error: { code: 'sms_code_invalid', message: '验证码不正确，还可以再试 4 次' } })
    // The stranger alone got five codes sent to the phone; the person's own request from home still went out.
    expect(known.sent).toEqual({ login: 6 })
    expect(unknown.sent).toEqual({ login: 6 })
    expect(known.own).toBe(200)
  })
})

describe('per requester and per phone', () => {
  let t: TestApp
  beforeEach(async () => { t = await makeTestApp({ env: { SMS_RESEND_SECONDS: '60' } }) })
  afterEach(async () => { await t.close() })

  test('a requester asking about one phone too often gets 429 until the oldest counted code is 24 hours old, known phone or not', async () => {
    for (const phone of [demoPerson(2).phone, '13311114444']) {
      const start = t.clock.now().getTime()
      for (let i = 0; i < 5; i++) {
        expect((await loginCode(t, phone, STRANGER)).statusCode).toBe(200)
        t.clock.advance(RESEND_MS)
      }
      const capped = await loginCode(t, phone, STRANGER)
      expect(capped.statusCode).toBe(429)
      const wait = Math.ceil((start + 24 * 3600_000 - t.clock.now().getTime()) / 1000)
      expect(capped.headers['retry-after']).toBe(String(wait))
      expect(capped.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^获取验证码的次数已达上限，请在(明天)? \d\d:\d\d 后再试$/) } })
      t.clock.advance((wait - 1) * 1000)
      expect((await loginCode(t, phone, STRANGER)).headers['retry-after']).toBe('1')
      t.clock.advance(1000)
      expect((await loginCode(t, phone, STRANGER)).statusCode).toBe(200)
      t.clock.advance(RESEND_MS)
    }
  })

  test('a stranger\'s login and reset codes together send at most five to a phone; the person still gets theirs', async () => {
    const p = demoPerson(3)
    const answers: number[] = []
    for (let i = 0; i < 5; i++) {
      answers.push((await loginCode(t, p.phone, STRANGER)).statusCode)
      answers.push((await resetCode(t, p.idNumber, STRANGER)).statusCode)
      t.clock.advance(RESEND_MS)
    }
    expect(answers).toEqual(Array(10).fill(200))
    expect((await loginCode(t, p.phone, HOME)).statusCode).toBe(200)
    await smsSent(t, 6)
    const sent = await sentTo(t, p.phone)
    expect((sent.login ?? 0) + (sent.password_reset ?? 0)).toBe(6)
  })

  test('ten codes a day reach a phone whoever asks; more are answered alike and not sent, except to the person\'s own session', async () => {
    const p = demoPerson(4)
    const statuses: number[] = []
    for (const from of [STRANGER, OTHER_STRANGER, HOME]) {
      for (let i = 0; i < 5; i++) {
        statuses.push((await loginCode(t, p.phone, from)).statusCode)
        t.clock.advance(RESEND_MS)
      }
    }
    expect(statuses).toEqual(Array(15).fill(200))
    await smsSent(t, 10)
    // A session of the person: a step-up code still goes out (their own allowance), counted like any other.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-demo-4' } })
    const auth = { authorization: `Bearer ${(login.json() as { token: string }).token}` }
    expect((await post(t, '/api/v1/verifications/sms-codes', {}, HOME, auth)).statusCode).toBe(200)
    await smsSent(t, 11)
    expect(await sentTo(t, p.phone)).toEqual({ login: 10, verify: 1 })
  })
})

describe('one code a minute to a phone, whoever asks and about whatever', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp({ env: { SMS_RESEND_SECONDS: '60' } }) })
  afterAll(async () => { await t.close() })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  /** A new platform account that has started binding to `p` (no face check here, so the SMS code is open at once). */
  async function bindingTo (p: ReturnType<typeof demoPerson>, code: string): Promise<string> {
    const { token } = await platformSession(t, code, 'alipay')
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/binding', headers: bearer(token), payload: { name: p.name, idNumber: p.idNumber } })).statusCode).toBe(200)
    return token
  }

  test('each new binding is a new subject, but strangers still cannot send a phone more than one code a minute; the person\'s own session can', async () => {
    const p = demoPerson(3)
    const first = await bindingTo(p, 'alipay-drain-a')
    const second = await bindingTo(p, 'alipay-drain-b')
    const before = t.smsLines.length
    const sent = await post(t, '/api/v1/binding/sms-codes', {}, STRANGER, bearer(first))
    expect(sent.statusCode).toBe(200)
    await smsSent(t, before + 1)
    // Within the minute: the same answer, nothing sent.
    const again = await post(t, '/api/v1/binding/sms-codes', {}, OTHER_STRANGER, bearer(second))
    expect(again.statusCode).toBe(200)
    expect(again.body).toBe(sent.body)
    expect((await resetCode(t, p.idNumber, OTHER_STRANGER)).statusCode).toBe(200)
    t.clock.advance(RESEND_MS)
    expect((await post(t, '/api/v1/binding/sms-codes', {}, OTHER_STRANGER, bearer(second))).statusCode).toBe(200)
    // The person's own session right after: their step-up code goes out.
    const own = await post(t, '/api/v1/auth/login/password', { idNumber: p.idNumber, password: p.queryPassword }, HOME)
    expect((await post(t, '/api/v1/verifications/sms-codes', {}, HOME, bearer((own.json() as { token: string }).token))).statusCode).toBe(200)
    await smsSent(t, before + 3)
    expect(await sentTo(t, p.phone)).toEqual({ bind: 2, verify: 1 })
  })
})

describe('parallel requests through two processes on one database', () => {
  let both: Awaited<ReturnType<typeof twoProcesses>>; let a: TestApp; let b: TestApp
  beforeAll(async () => { both = await twoProcesses(); ({ a, b } = both) })
  afterAll(async () => { await both.close() })

  test('ten login and ten reset requests at once for one person, from one address: five 200 each, five codes sent to the phone', async () => {
    const p = demoPerson(2)
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => i % 2
      ? loginCode(i % 4 === 1 ? a : b, p.phone, STRANGER)
      : resetCode(i % 4 === 0 ? a : b, p.idNumber, STRANGER)))
    const statuses = (kind: number) => answers.filter((_, i) => i % 2 === kind).map((r) => r.statusCode).sort()
    expect(statuses(1)).toEqual([...Array(5).fill(200), ...Array(5).fill(429)])
    expect(statuses(0)).toEqual([...Array(5).fill(200), ...Array(5).fill(429)])
    // The person's own request from home is the barrier: once it has landed, so has everything sent before it.
    expect((await loginCode(a, p.phone, HOME)).statusCode).toBe(200)
    await smsSent({ get smsLines () { return [...a.smsLines, ...b.smsLines] } }, 6)
    const sent = await sentTo(a, p.phone)
    expect((sent.login ?? 0) + (sent.password_reset ?? 0)).toBe(6)
  })
})

describe('one address shared by many people (a hospital Wi-Fi, a carrier NAT), with the default limits', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp({ env: { SMS_RATE_PER_HOUR: '', LOGIN_RATE_PER_MINUTE: '' } }) })
  afterAll(async () => { await t.close() })
  const WARD = '10.20.30.40'

  test('thirty people request login codes from one address within the hour: each gets theirs', async () => {
    const people = Array.from({ length: 30 }, (_, i) => ({ phone: `1390000${String(i).padStart(4, '0')}`, id: `NAT${i}` }))
    await t.handle.db.insert(persons).values(people.map((p, i) => {
      const first17 = `319901199001011${String(i).padStart(2, '0')}`
      const idNumber = first17 + checkDigit(first17)
      return {
        name: '测试', idNumberEnc: t.cipher.encrypt(idNumber), idNumberHash: t.cipher.lookupHash(idNumber),
        phoneEnc: t.cipher.encrypt(p.phone), phoneHash: t.cipher.lookupHash(p.phone), cardNumber: p.id,
        insuranceType: 'employee' as const, regionCode: '310104',
      }
    }))
    const before = t.smsLines.length
    for (const p of people) expect((await loginCode(t, p.phone, WARD)).statusCode).toBe(200)
    await smsSent(t, before + people.length)
    for (const p of people) expect(await sentTo(t, p.phone)).toEqual({ login: 1 })
  })

  test('forty password logins from one address within a minute are all answered', async () => {
    const answers: number[] = []
    for (let i = 0; i < 40; i++) {
      const p = demoPerson((i % 4) + 1)
      answers.push((await post(t, '/api/v1/auth/login/password', { cardNumber: p.cardNumber, password: p.queryPassword }, WARD)).statusCode)
    }
    expect(answers).toEqual(Array(40).fill(200))
  })
})
