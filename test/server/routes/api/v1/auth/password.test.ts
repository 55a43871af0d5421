// Card query password: login by ID or card number, lockout after 5 wrong tries, and the SMS-checked reset.
// Identifiers that match nobody must answer exactly like real ones.
import { sql } from 'drizzle-orm'
import { makeTestApp, smsSent, type TestApp } from '../../../../../support/app'
import { giveConsents } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'
import { checkDigit } from '../../../../../../server/domain/gb11643'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

type Err = { error: { code: string; message: string } }
const login = (body: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', payload: body })
const account = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${token}` } })
const wrongOf = (pw: string) => (pw === '999999' ? '888888' : '999999')
const unknownId = (() => { const first = '11010519800101123'; return first + checkDigit(first) })()

test('ID number + password logs in and counts as a verification; so does the card number', async () => {
  const p = demoPerson(1)
  const res = await login({ idNumber: p.idNumber, password: p.queryPassword })
  expect(res.statusCode).toBe(200)
  const body = res.json() as { token: string; bound: boolean; verifiedUntil: string | null }
  expect(body.bound).toBe(true)
  expect(body.verifiedUntil).not.toBeNull()
  await giveConsents(t, body.token)
  expect((await account(body.token)).statusCode).toBe(200)
  expect((await login({ cardNumber: p.cardNumber, password: p.queryPassword })).statusCode).toBe(200)
})

test('a lower-case x in the ID number is the same person', async () => {
  const p = demoPerson(2) // 11990119580621035X
  expect(p.idNumber.endsWith('X')).toBe(true)
  expect((await login({ idNumber: p.idNumber.toLowerCase(), password: p.queryPassword })).statusCode).toBe(200)
})

test('wrong tries count down, the fifth locks for 30 minutes even for the right password, then it opens', async () => {
  const p = demoPerson(4)
  const messages: string[] = []
  for (let i = 0; i < 4; i++) {
    const res = await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) })
    expect(res.statusCode).toBe(401)
    messages.push((res.json() as Err).error.message)
  }
  expect(messages).toEqual([4, 3, 2, 1].map((n) => `证件号或查询密码不正确，还可以再试 ${n} 次`))
  const fifth = await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) })
  expect(fifth.statusCode).toBe(403)
  expect(fifth.headers['retry-after']).toBe('1800')
  const lockMsg = (fifth.json() as Err).error
  expect(lockMsg.code).toBe('account_locked')
  expect(lockMsg.message).toMatch(/请在 \d{2}:\d{2} 后再试/)
  expect(lockMsg.message).toContain('忘记密码')
  expect(lockMsg.message).toContain('12393')

  const right = await login({ idNumber: p.idNumber, password: p.queryPassword })
  expect(right.statusCode).toBe(403)
  expect((right.json() as Err).error.code).toBe('account_locked')

  t.clock.advance(31 * 60_000)
  // After the lock runs out, a wrong try is the first of a new count, not a new lock.
  const afterExpiry = await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) })
  expect(afterExpiry.statusCode).toBe(401)
  expect((afterExpiry.json() as Err).error.message).toContain('还可以再试 4 次')
  expect((await login({ idNumber: p.idNumber, password: p.queryPassword })).statusCode).toBe(200)
  const afterSuccess = await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) })
  expect((afterSuccess.json() as Err).error.message).toContain('还可以再试 4 次') // a success starts the count again
  await login({ idNumber: p.idNumber, password: p.queryPassword })
})

test('a burst of parallel guesses gets no more than five checked, for a person and for nobody alike', async () => {
  const p = demoPerson(1)
  const guesses = Array.from({ length: 12 }, (_, i) => String(100000 + i * 7919).slice(0, 6)).filter((g) => g !== p.queryPassword)
  for (const who of [{ cardNumber: p.cardNumber }, { cardNumber: 'DM-NOBODY-77' }]) {
    const answers = await Promise.all(guesses.map((password) => login({ ...who, password })))
    const codes = answers.map((a) => (a.json() as Err).error.code)
    expect(codes.filter((c) => c === 'password_incorrect').length).toBe(4)
    expect(codes.filter((c) => c === 'account_locked').length).toBe(guesses.length - 4)
    // Even the right password is refused now.
    if ('cardNumber' in who && who.cardNumber === p.cardNumber) {
      expect(((await login({ ...who, password: p.queryPassword })).json() as Err).error.code).toBe('account_locked')
    }
  }
  t.clock.advance(31 * 60_000)
  expect((await login({ cardNumber: p.cardNumber, password: p.queryPassword })).statusCode).toBe(200)
})

test('locking one identifier of a person tells nothing about which other identifier is theirs', async () => {
  // The attack: lock a card number, then probe an ID number. If the person's ID number answered "locked" while
  // anyone else's answered "wrong, 4 left", the two would be linked. Each identifier locks on its own.
  const p = demoPerson(3)
  const strangerId = (() => { const first = '11010519900202234'; return first + checkDigit(first) })()
  const strangerCard = 'DM-NOBODY-31'
  for (const [lockWith, probePerson, probeStranger] of [
    [{ cardNumber: p.cardNumber }, { idNumber: p.idNumber }, { idNumber: strangerId }],
    [{ idNumber: p.idNumber }, { cardNumber: p.cardNumber }, { cardNumber: strangerCard }],
  ] as const) {
    for (let i = 0; i < 5; i++) await login({ ...lockWith, password: wrongOf(p.queryPassword) })
    expect(((await login({ ...lockWith, password: wrongOf(p.queryPassword) })).json() as Err).error.code).toBe('account_locked')
    const person = await login({ ...probePerson, password: wrongOf(p.queryPassword) })
    const stranger = await login({ ...probeStranger, password: wrongOf(p.queryPassword) })
    expect([person.statusCode, person.body]).toEqual([stranger.statusCode, stranger.body])
    expect((person.json() as Err).error.message).toBe('证件号或查询密码不正确，还可以再试 4 次')
    t.clock.advance(31 * 60_000)
  }
})

test('an ID number that matches nobody answers exactly like one that does', async () => {
  const answers: string[] = []
  for (let i = 0; i < 5; i++) answers.push((await login({ idNumber: unknownId, password: '135790' })).body)
  expect(answers.slice(0, 4).map((a) => (JSON.parse(a) as Err).error.message))
    .toEqual([4, 3, 2, 1].map((n) => `证件号或查询密码不正确，还可以再试 ${n} 次`))
  expect((JSON.parse(answers[4]!) as Err).error.code).toBe('account_locked')
  expect((await login({ idNumber: unknownId, password: '135790' })).statusCode).toBe(403)
})

test('bad identifiers get specific 400s before anything is looked up', async () => {
  const p = demoPerson(1)
  const bad = p.idNumber.slice(0, 17) + (p.idNumber[17] === '0' ? '1' : '0')
  const res = await login({ idNumber: bad, password: '135790' })
  expect(res.statusCode).toBe(400)
  expect((res.json() as Err).error.code).toBe('id_number_invalid')
  const neitherOrBoth: Record<string, string>[] = [{ password: '135790' }, { idNumber: p.idNumber, cardNumber: p.cardNumber, password: '135790' }]
  for (const body of neitherOrBoth) {
    const r = await login(body)
    expect(r.statusCode).toBe(400)
    expect((r.json() as Err).error.message).toBe('请填写身份证号或医保卡号中的一项，再输入查询密码')
  }
  expect(((await login({ idNumber: p.idNumber, password: '12ab' })).json() as Err).error.message).toBe('查询密码为 6 位数字')
})

describe('forgot password', () => {
  const requestCode = (idNumber: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/sms-codes', payload: { idNumber } })
  const reset = (body: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: body })
  async function sentCode (phone: string): Promise<string> {
    const res = await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${phone}`, headers: t.adminHeaders })
    const items = (res.json() as { items: { code: string; purpose: string }[] }).items.filter((i) => i.purpose === 'password_reset')
    return items[0]!.code
  }

  test('code to the phone on file, weak passwords refused without spending the code, reset clears the lock', async () => {
    const p = demoPerson(3)
    // Lock it first, and hold a session that the reset must end.
    const held = (await login({ idNumber: p.idNumber, password: p.queryPassword })).json() as { token: string }
    for (let i = 0; i < 5; i++) await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) })
    expect(((await login({ idNumber: p.idNumber, password: p.queryPassword })).json() as Err).error.code).toBe('account_locked')

    const before = t.smsLines.length
    const sent = await requestCode(p.idNumber)
    expect(sent.statusCode).toBe(200)
    expect((sent.json() as { message: string }).message).toBe('如果该身份证号已登记，验证码将发送到登记的手机号')
    await smsSent(t, before + 1)
    const code = await sentCode(p.phone)

    for (const [weak, why] of [['111111', '相同'], ['123456', '连续'], ['654321', '连续'], [p.idNumber.slice(8, 14), '出生日期'], ['12345', '6 位数字']] as const) {
      const r = await reset({ idNumber: p.idNumber, code, newPassword: weak })
      expect(r.statusCode).toBe(400)
      expect((r.json() as Err).error.message).toContain(why)
    }
    const ok = await reset({ idNumber: p.idNumber, code, newPassword: '270419' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ message: '查询密码已重新设置，请用新密码登录' })

    expect((await login({ idNumber: p.idNumber, password: '270419' })).statusCode).toBe(200) // lock gone
    expect((await login({ idNumber: p.idNumber, password: p.queryPassword })).statusCode).toBe(401)
    expect((await account(held.token)).statusCode).toBe(401) // the old session ended
    // The code was used: a replay fails.
    expect(((await reset({ idNumber: p.idNumber, code, newPassword: '380526' })).json() as Err).error.code).toBe('sms_code_expired')
  })

  test('a reset that fails at its last step writes nothing: code unused, old password, attempts and sessions kept', async () => {
    const p = demoPerson(2)
    const methods = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: { authorization: `Bearer ${token}` } })
    const held = (await login({ idNumber: p.idNumber, password: p.queryPassword })).json() as { token: string }
    await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) }) // a count the reset would clear
    const before = t.smsLines.length
    expect((await requestCode(p.idNumber)).statusCode).toBe(200)
    await smsSent(t, before + 1)
    const code = /验证码：(\d{6})/.exec(t.smsLines[t.smsLines.length - 1]!)![1]!

    // Ending the person's sessions is the reset's last write: make the database refuse it.
    await t.handle.db.execute(sql.raw(`create or replace function test_refuse_revoke() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`))
    await t.handle.db.execute(sql.raw(`create trigger test_refuse_revoke before update of revoked_at on sessions
      for each row execute function test_refuse_revoke()`))
    try {
      expect((await reset({ idNumber: p.idNumber, code, newPassword: '270419' })).statusCode).toBe(500)
    } finally {
      await t.handle.db.execute(sql.raw('drop trigger test_refuse_revoke on sessions'))
      await t.handle.db.execute(sql.raw('drop function test_refuse_revoke()'))
    }

    const rows = await t.handle.db.execute(sql`select consumed_at from sms_codes where purpose = 'password_reset' order by id desc limit 1`)
    expect((rows as unknown as { rows: { consumed_at: unknown }[] }).rows[0]!.consumed_at).toBeNull()
    expect((await methods(held.token)).statusCode).toBe(200)
    expect(((await login({ idNumber: p.idNumber, password: wrongOf(p.queryPassword) })).json() as Err).error.message).toContain('还可以再试 3 次')
    expect((await login({ idNumber: p.idNumber, password: '270419' })).statusCode).toBe(401)
    expect((await login({ idNumber: p.idNumber, password: p.queryPassword })).statusCode).toBe(200)

    // The same code, still unused, then does all of it.
    expect((await reset({ idNumber: p.idNumber, code, newPassword: '270419' })).statusCode).toBe(200)
    expect((await methods(held.token)).statusCode).toBe(401)
    expect((await login({ idNumber: p.idNumber, password: '270419' })).statusCode).toBe(200)
  })

  test('an unknown ID number gets the same answer, no message, and no way to reset', async () => {
    const before = t.smsLines.length
    const res = await requestCode(unknownId)
    expect(res.statusCode).toBe(200)
    expect((res.json() as { message: string }).message).toBe('如果该身份证号已登记，验证码将发送到登记的手机号')
    expect(t.smsLines.length).toBe(before)
    const rows = await t.handle.db.execute(sql`select count(*)::int as n from sms_codes where purpose = 'password_reset'`)
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThan(0)
    const guess = await reset({ idNumber: unknownId, code: '000000', newPassword: '270419' })
    expect(guess.statusCode).toBe(400)
    expect((guess.json() as Err).error.code).toBe('sms_code_invalid')
  })
})

test('logins are rate-limited per client address as well', async () => {
  const strict = await makeTestApp({ seed: false, env: { LOGIN_RATE_PER_MINUTE: '2' } })
  try {
    const attempt = (ip: string) => strict.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', remoteAddress: ip, payload: { idNumber: unknownId, password: '135790' } })
    expect((await attempt('127.0.0.21')).statusCode).toBe(401)
    expect((await attempt('127.0.0.21')).statusCode).toBe(401)
    const third = await attempt('127.0.0.21')
    expect(third.statusCode).toBe(429)
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
    expect((await attempt('127.0.0.22')).statusCode).toBe(401) // another client is not affected
  } finally {
    await strict.close()
  }
})
