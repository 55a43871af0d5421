// SMS and platform login through the real routes, on the real database engine, with the dev stand-ins.
import { sql } from 'drizzle-orm'
import { makeTestApp, smsSent, type TestApp } from '../../../../../support/app'
import { giveConsents } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

const json = (payload: unknown) => ({ payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } })
const requestCode = (phone: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', ...json({ phone, purpose: 'login' }) })
/** Requests a code for a phone on file and waits until the dev provider has "sent" it. */
async function requestSentCode (phone: string) {
  const before = t.smsLines.length
  const res = await requestCode(phone)
  await smsSent(t, before + 1)
  return res
}
const loginSms = (phone: string, code: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login/sms', ...json({ phone, code }) })
const outbox = async (phone: string) => {
  const res = await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${phone}`, headers: t.adminHeaders })
  expect(res.statusCode).toBe(200)
  return (res.json() as { items: { code: string; phoneMasked: string }[] }).items
}
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe('SMS login', () => {
  test('a demo person requests a code, logs in and is verified for the window', async () => {
    const phone = demoPerson(1).phone
    const sent = await requestSentCode(phone)
    expect(sent.statusCode).toBe(200)
    expect(sent.json()).toEqual({ message: '如果该手机号已登记，验证码将发送到该手机', expiresInSeconds: 300, resendAfterSeconds: 0 })
    const [latest] = await outbox(phone)
    expect(latest!.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
    const res = await loginSms(phone, latest!.code)
    expect(res.statusCode).toBe(200)
    const body = res.json() as { token: string; bound: boolean; verifiedUntil: string; expiresAt: string }
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.bound).toBe(true)
    expect(new Date(body.verifiedUntil).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000)
    expect(new Date(body.expiresAt).getTime()).toBe(t.clock.now().getTime() + 12 * 3600_000)
    const rows = await t.handle.db.execute(sql`select token_hash from sessions`)
    const hashes = ((rows as unknown as { rows: { token_hash: string }[] }).rows).map((r) => r.token_hash)
    expect(hashes).not.toContain(body.token) // stored hashed only
    expect(hashes.length).toBeGreaterThan(0)
  })

  test('a wrong code says how many tries are left; the right one still works after', async () => {
    const phone = demoPerson(2).phone
    await requestSentCode(phone)
    const code = (await outbox(phone))[0]!.code
    const bad = await loginSms(phone, wrong(code))
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toEqual({ error: { code: 'sms_code_invalid', message: '验证码不正确，还可以再试 4 次' } })
    expect((await loginSms(phone, code)).statusCode).toBe(200)
    const reuse = await loginSms(phone, code)
    expect(reuse.statusCode).toBe(400)
    expect(reuse.json()).toEqual({ error: { code: 'sms_code_expired', message: '这个验证码已经用过，请重新获取' } })
  })

  test('a code typed before any was asked for says so (not 已过期), for phones on file and not alike', async () => {
    for (const phone of [demoPerson(4).phone, '13311116666']) {
      const res = await loginSms(phone, '123456')
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'sms_code_not_requested', message: '请先点「获取验证码」，再输入短信里的 6 位数字' } })
    }
  })

  test('five wrong tries use the code up, even for the right code afterwards', async () => {
    const phone = demoPerson(3).phone
    await requestSentCode(phone)
    const code = (await outbox(phone))[0]!.code
    for (let i = 0; i < 4; i++) expect((await loginSms(phone, wrong(code))).statusCode).toBe(400)
    const fifth = await loginSms(phone, wrong(code))
    expect((fifth.json() as { error: { code: string } }).error.code).toBe('sms_code_attempts_exceeded')
    const right = await loginSms(phone, code)
    expect(right.statusCode).toBe(400)
    expect(right.json()).toEqual({ error: { code: 'sms_code_attempts_exceeded', message: '验证码输错次数过多，请重新获取' } })
  })

  test('a code expires after five minutes', async () => {
    const phone = demoPerson(1).phone
    await requestSentCode(phone)
    const code = (await outbox(phone))[0]!.code
    t.clock.advance(301_000)
    const res = await loginSms(phone, code)
    expect(res.json()).toEqual({ error: { code: 'sms_code_expired', message: '验证码已过期，请重新获取' } })
  })

  test('a phone not on file gets the same answer and no message', async () => {
    const before = (await outbox('13311112222')).length
    const res = await requestCode('13311112222')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual((await requestSentCode(demoPerson(1).phone)).json())
    expect((await outbox('13311112222')).length).toBe(before)
    expect(t.smsLines.join('\n')).not.toContain('1331111')
    const guess = await loginSms('13311112222', '000000')
    expect(guess.statusCode).toBe(400)
  })
})

describe('resend cooldown', () => {
  let c: TestApp
  beforeAll(async () => { c = await makeTestApp({ env: { SMS_RESEND_SECONDS: '60' } }) })
  afterAll(async () => { await c.close() })

  test('a second request within 60 s is refused with Retry-After, for known and unknown phones alike', async () => {
    for (const phone of [demoPerson(1).phone, '13311113333']) {
      const first = await c.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', ...json({ phone, purpose: 'login' }) })
      expect(first.statusCode).toBe(200)
      c.clock.advance(20_000)
      const again = await c.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', ...json({ phone, purpose: 'login' }) })
      expect(again.statusCode).toBe(429)
      expect(again.headers['retry-after']).toBe('40')
      expect(again.json()).toEqual({ error: { code: 'rate_limited', message: '验证码已发送，请 40 秒后再重新获取' } })
      c.clock.advance(41_000)
      const later = await c.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', ...json({ phone, purpose: 'login' }) })
      expect(later.statusCode).toBe(200)
    }
  })
})

describe('platform login with the dev exchanger', () => {
  const platformLogin = (platform: string, code: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', ...json({ platform, code }) })

  test('a demo code is bound to demo person n and verified (dev only)', async () => {
    const res = await platformLogin('wechat', 'wx-demo-1')
    expect(res.statusCode).toBe(200)
    const body = res.json() as { token: string; bound: boolean; verifiedUntil: string | null }
    expect(body.bound).toBe(true)
    expect(body.verifiedUntil).not.toBeNull()
    await giveConsents(t, body.token)
    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${body.token}` } })
    expect(account.statusCode).toBe(200)
    expect((account.json() as { maskedName: string }).maskedName).toBe(demoPerson(1).maskedName)
  })

  test('an Alipay demo code works the same way', async () => {
    const res = await platformLogin('alipay', 'alipay-demo-2')
    const body = res.json() as { token: string; bound: boolean }
    expect(body.bound).toBe(true)
    await giveConsents(t, body.token)
    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${body.token}` } })
    expect((account.json() as { maskedName: string }).maskedName).toBe(demoPerson(2).maskedName)
  })

  test('any other code is a new, unbound identity: account data asks for binding', async () => {
    const res = await platformLogin('wechat', 'some-fresh-code')
    const body = res.json() as { token: string; bound: boolean; verifiedUntil: string | null }
    expect(body).toMatchObject({ bound: false, verifiedUntil: null })
    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${body.token}` } })
    expect(account.statusCode).toBe(403)
    expect((account.json() as { error: { code: string } }).error.code).toBe('binding_required')
    // The same code again is the same identity, not a second one.
    await platformLogin('wechat', 'some-fresh-code')
    const n = await t.handle.db.execute(sql`select count(*)::int as n from platform_identities where subject like 'dev-wechat-%' and subject not like 'dev-wechat-demo-%'`)
    expect((n as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1)
  })
})

test('logout ends the session', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', ...json({ platform: 'wechat', code: 'wx-demo-1' }) })
  const { token } = res.json() as { token: string }
  const auth = { authorization: `Bearer ${token}` }
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode).toBe(204)
  const after = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: auth })
  expect(after.statusCode).toBe(401)
  expect((after.json() as { error: { code: string } }).error.code).toBe('session_expired')
})

test('the dev SMS outbox is on the admin listener only, needs the operator token, and answers nothing that came through a proxy', async () => {
  const outbox = { method: 'GET' as const, url: '/api/v1/dev/sms-outbox' }
  expect((await t.admin.inject({ ...outbox, headers: t.adminHeaders })).statusCode).toBe(200)
  expect((await t.admin.inject({ ...outbox, headers: t.adminHeaders, remoteAddress: '192.0.2.10' })).statusCode).toBe(404)
  for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
    const res = await t.admin.inject({ ...outbox, headers: { ...t.adminHeaders, [header]: '203.0.113.7' } })
    expect(res.statusCode).toBe(404)
  }
  expect((await t.admin.inject(outbox)).statusCode).toBe(403)
  // The public listener: the same 404 as any unknown URL, even from loopback with the token.
  const unknown = await t.app.inject({ ...outbox, url: '/api/v1/dev/no-such-outbox', headers: t.adminHeaders })
  const res = await t.app.inject({ ...outbox, headers: t.adminHeaders })
  expect([res.statusCode, res.body]).toEqual([404, unknown.body])
})

test('the daily cap of 10 codes is per phone, across login, password reset and verification; past it nothing is sent and the answer is the same', async () => {
  const capped = await makeTestApp()
  try {
    const p = demoPerson(4)
    const post = (url: string, payload: unknown, from: string, headers: Record<string, string> = {}) =>
      capped.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, remoteAddress: from })
    const sent = async () => {
      const res = await capped.handle.db.execute(sql`select count(*)::int as n from dev_sms_outbox where phone_hash = ${capped.cipher.lookupHash(p.phone)}`)
      return (res as unknown as { rows: { n: number }[] }).rows[0]!.n
    }
    const session = (await post('/api/v1/auth/login/platform', { platform: 'wechat', code: 'wx-demo-4' }, '127.0.0.1')).json() as { token: string }
    const statuses: number[] = []
    // Three requesters (the daily cap per requester and phone is 5): two addresses and the person's own session.
    for (let i = 0; i < 4; i++) statuses.push((await post('/api/v1/auth/sms-codes', { phone: p.phone, purpose: 'login' }, '192.0.2.1')).statusCode)
    for (let i = 0; i < 3; i++) statuses.push((await post('/api/v1/auth/password-reset/sms-codes', { idNumber: p.idNumber }, '192.0.2.2')).statusCode)
    for (let i = 0; i < 3; i++) statuses.push((await post('/api/v1/verifications/sms-codes', {}, '127.0.0.1', { authorization: `Bearer ${session.token}` })).statusCode)
    expect(statuses).toEqual(Array(10).fill(200))
    await smsSent(capped, 10)
    const login = await post('/api/v1/auth/sms-codes', { phone: p.phone, purpose: 'login' }, '192.0.2.3')
    const reset = await post('/api/v1/auth/password-reset/sms-codes', { idNumber: p.idNumber }, '192.0.2.3')
    expect([login.statusCode, login.json()]).toEqual([200, { message: '如果该手机号已登记，验证码将发送到该手机', expiresInSeconds: 300, resendAfterSeconds: 0 }])
    expect([reset.statusCode, reset.json()]).toEqual([200, { message: '如果该身份证号已登记，验证码将发送到登记的手机号', expiresInSeconds: 300, resendAfterSeconds: 0 }])
    // The person's own session is not stopped by what others asked for; it is the barrier that every send has landed.
    expect((await post('/api/v1/verifications/sms-codes', {}, '127.0.0.1', { authorization: `Bearer ${session.token}` })).statusCode).toBe(200)
    await smsSent(capped, 11)
    expect(await sent()).toBe(11)
  } finally {
    await capped.close()
  }
})
