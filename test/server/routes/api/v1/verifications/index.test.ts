// Step-up verification: after the window, account data asks again; an SMS code or the query password reopens it.
import { makeTestApp, smsSent, type TestApp } from '../../../../../support/app'
import { verifiedDemoSession } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

type Err = { error: { code: string; message: string } }
const as = (token: string) => ({ authorization: `Bearer ${token}` })

async function staleSession (n: number): Promise<string> {
  const { token } = await verifiedDemoSession(t, n)
  t.clock.advance(16 * 60_000) // past the 15-minute window, inside the 30-minute idle limit
  const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })
  expect((account.json() as Err).error.code).toBe('verification_required')
  return token
}

test('the methods say what is open, where a code would go, and nothing unmasked', async () => {
  const token = await staleSession(1)
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: as(token) })
  expect(res.statusCode).toBe(200)
  const body = res.json() as { methods: { method: string; available: boolean }[]; phoneMasked: string; verifiedUntil: string | null }
  expect(body.methods.filter((m) => m.available).map((m) => m.method)).toEqual(['sms', 'password'])
  expect(body.phoneMasked).toBe('138****0001')
  expect(body.verifiedUntil).toBeNull()
  expect(res.body).not.toContain(demoPerson(1).phone)
})

test('an SMS code to the phone on file reopens the window for this session', async () => {
  const token = await staleSession(1)
  const before = t.smsLines.length
  const sent = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/sms-codes', headers: as(token) })
  expect(sent.statusCode).toBe(200)
  expect((sent.json() as { message: string }).message).toBe('验证码已发送至 138****0001，5 分钟内有效')
  await smsSent(t, before + 1)
  const box = await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${demoPerson(1).phone}`, headers: t.adminHeaders })
  const code = (box.json() as { items: { code: string; purpose: string }[] }).items.find((i) => i.purpose === 'verify')!.code

  const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/sms', headers: as(token), payload: { code: code === '000000' ? '111111' : '000000' } })
  expect((wrong.json() as Err).error.code).toBe('sms_code_invalid')
  const ok = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/sms', headers: as(token), payload: { code } })
  expect(ok.statusCode).toBe(200)
  expect(new Date((ok.json() as { verifiedUntil: string }).verifiedUntil).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000)
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)
  // A verification code works once.
  const replay = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/sms', headers: as(token), payload: { code } })
  expect((replay.json() as Err).error.code).toBe('sms_code_expired')
})

test('the query password reopens it too, sharing the login lockout', async () => {
  const p = demoPerson(2)
  const token = await staleSession(2)
  const bad = p.queryPassword === '999999' ? '888888' : '999999'
  const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/password', headers: as(token), payload: { password: bad } })
  expect(wrong.statusCode).toBe(401)
  // The page asks for the password alone: its sentence names nothing else.
  expect((wrong.json() as Err).error.message).toBe('查询密码不正确，还可以再试 4 次')
  // The same counter as login: a wrong login now leaves 3 (login names the identifier typed too).
  const viaLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', payload: { idNumber: p.idNumber, password: bad } })
  expect((viaLogin.json() as Err).error.message).toBe('证件号或查询密码不正确，还可以再试 3 次')
  const ok = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/password', headers: as(token), payload: { password: p.queryPassword } })
  expect(ok.statusCode).toBe(200)
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)
})

test('an unbound identity cannot verify its way to someone\'s data; no token is a 401', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'stranger-code' } })
  const { token } = res.json() as { token: string }
  for (const [method, url] of [['GET', '/api/v1/verifications/methods'], ['POST', '/api/v1/verifications/sms-codes']] as const) {
    const r = await t.app.inject({ method, url, headers: as(token) })
    expect(r.statusCode).toBe(403)
    expect((r.json() as Err).error.code).toBe('binding_required')
  }
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/verifications/password', payload: { password: '135790' } })).statusCode).toBe(401)
})
