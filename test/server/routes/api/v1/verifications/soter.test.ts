// SOTER biometric unlock through the real WeChat SOTER client and the fake WeChat server, whose device keys sign
// like a phone's TEE: offered only to a WeChat session that already passed SMS / password / face, one-use
// challenges of this session only, WeChat decides the signature, and a SOTER unlock never counts as real-name proof.
import { Writable } from 'node:stream'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { makeTestApp, smsSent, type TestApp } from '../../../../../support/app'
import { consentedSession } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { loggerOptions } from '../../../../../../server/plugins/logger'
import { rowsOf } from '../../../../../../server/db/rows'

let wx: FakeWechatServer; let t: TestApp
const logLines: string[] = []
/** Every challenge the server handed out in this file: none may appear in a log line. */
const issued: string[] = []
const devices = new Map<string, { sign (jsonString: string): string }>()

beforeAll(async () => {
  wx = await startWechatServer({ appId: 'wx-soter-app', secret: 'wx-soter-secret' })
  const stream = new Writable({ write (chunk, _enc, cb) { logLines.push(String(chunk)); cb() } })
  t = await makeTestApp({
    env: { WECHAT_APPID: 'wx-soter-app', WECHAT_SECRET: 'wx-soter-secret', WECHAT_API_BASE: wx.url },
    logger: { ...loggerOptions('debug'), stream },
  })
  // Each demo person's phone has enrolled a SOTER key with WeChat (as the WeChat client does at enrolment).
  for (const n of [1, 2, 3, 4]) devices.set(`dev-wechat-demo-${n}`, await wx.soterDevice(`dev-wechat-demo-${n}`))
})
afterAll(async () => { await t.close(); await wx.close() })

type Err = { error: { code: string; message: string } }
type Methods = { methods: { method: string; available: boolean; reason?: string }[] }
const as = (token: string) => ({ authorization: `Bearer ${token}` })
const NEEDS_STRONG = '请先用短信验证码、查询密码或刷脸验证一次，之后可在本机用指纹/面容解锁'

let codeNo = 0
/** A real platform login through the fake WeChat: bound (demo data) but not verified; both consents given. */
async function wechatSession (openid: string): Promise<string> {
  const code = `soter-code-${++codeNo}`
  wx.answers.set(code, { openid })
  return (await consentedSession(t, code)).token
}

async function verifyByPassword (token: string, n: number): Promise<void> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/password', headers: as(token), payload: { password: demoPerson(n).queryPassword } })
  expect(res.statusCode).toBe(200)
}

/** A WeChat session of demo person n that passed the query password, then let its window lapse. */
async function lapsedSession (n: number): Promise<string> {
  const token = await wechatSession(`dev-wechat-demo-${n}`)
  await verifyByPassword(token, n)
  t.clock.advance(16 * 60_000) // past the 15-minute window, inside the 30-minute idle limit
  expect(((await account(token)).json() as Err).error.code).toBe('verification_required')
  return token
}

const account = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })

async function soterMethod (token: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: as(token) })
  expect(res.statusCode).toBe(200)
  return (res.json() as Methods).methods.find((m) => m.method === 'soter')!
}

async function challenge (token: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges', headers: as(token) })
  expect(res.statusCode).toBe(200)
  const body = res.json() as { challenge: string; authContent: string; expiresAt: string }
  issued.push(body.challenge)
  return body.challenge
}

let counter = 100
/** What wx.startSoterAuthentication returns on the phone of `openid` for this challenge. */
function unlock (openid: string, raw: string): { resultJSON: string; resultJSONSignature: string } {
  const resultJSON = JSON.stringify({ raw, fid: '2', counter: ++counter, tee_n: 'TEE Name', tee_v: '2.0', fp_n: 'FPC', fp_v: '1.0', cpu_id: 'cpu-7c1e', uid: '10021' })
  return { resultJSON, resultJSONSignature: devices.get(openid)!.sign(resultJSON) }
}

const submit = (token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter', headers: as(token), payload })

const soterCalls = () => wx.calls.filter((c) => c.path === '/cgi-bin/soter/verify_signature').length

async function strongVerifiedAt (token: string): Promise<string | null> {
  // The session row behind this token (only its hash is stored).
  const { sha256Hex } = await import('../../../../../../server/domain/secrets')
  const res = await t.handle.db.execute(sql`select strong_verified_at from sessions where token_hash = ${sha256Hex(token)}`)
  const v = rowsOf<{ strong_verified_at: Date | string | null }>(res)[0]!.strong_verified_at
  return v === null ? null : new Date(v).toISOString()
}

test('not offered before a real-name verification in this session; offered after the query password or an SMS code', async () => {
  const token = await wechatSession('dev-wechat-demo-1')
  expect(await soterMethod(token)).toEqual({ method: 'soter', available: false, reason: NEEDS_STRONG })
  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges', headers: as(token) })
  expect(refused.statusCode).toBe(403)
  expect(refused.json()).toEqual({ error: { code: 'soter_unavailable', message: NEEDS_STRONG } })

  await verifyByPassword(token, 1)
  expect(await soterMethod(token)).toEqual({ method: 'soter', available: true })

  // The same with an SMS code to the phone on file.
  const other = await wechatSession('dev-wechat-demo-2')
  expect((await soterMethod(other)).available).toBe(false)
  const before = t.smsLines.length
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/verifications/sms-codes', headers: as(other) })).statusCode).toBe(200)
  await smsSent(t, before + 1)
  const box = await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${demoPerson(2).phone}`, headers: t.adminHeaders })
  const code = (box.json() as { items: { code: string; purpose: string }[] }).items.find((i) => i.purpose === 'verify')!.code
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/verifications/sms', headers: as(other), payload: { code } })).statusCode).toBe(200)
  expect(await soterMethod(other)).toEqual({ method: 'soter', available: true })
})

test('the full unlock: challenge → signed resultJSON → window open again; SOTER itself is not real-name proof', async () => {
  const token = await lapsedSession(1)
  const strongBefore = await strongVerifiedAt(token)
  expect(strongBefore).not.toBeNull()

  const res = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges', headers: as(token) })
  expect(res.statusCode).toBe(200)
  const body = res.json() as { challenge: string; authContent: string; expiresAt: string }
  issued.push(body.challenge)
  expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/) // 32 random bytes
  expect(body.authContent).toBe('请验证本人指纹或面容，以查看医保账户')
  expect(new Date(body.expiresAt).getTime()).toBe(t.clock.now().getTime() + 5 * 60_000)
  // Only the hash is stored.
  const stored = rowsOf<{ challenge_hash: string }>(await t.handle.db.execute(sql`select challenge_hash from soter_challenges`))
  expect(stored.map((r) => r.challenge_hash).join()).not.toContain(body.challenge)

  t.clock.advance(60_000)
  const ok = await submit(token, unlock('dev-wechat-demo-1', body.challenge))
  expect(ok.statusCode).toBe(200)
  expect(new Date((ok.json() as { verifiedUntil: string }).verifiedUntil).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000)
  expect((await account(token)).statusCode).toBe(200)
  // WeChat was asked with this session's openid and the resultJSON exactly as the phone produced it.
  const asked = wx.calls.filter((c) => c.path === '/cgi-bin/soter/verify_signature').pop()!.body as Record<string, string>
  expect(asked.openid).toBe('dev-wechat-demo-1')
  expect(JSON.parse(asked.json_string!)).toMatchObject({ raw: body.challenge })
  // The unlock re-opened the window without renewing the real-name verification time.
  expect(await strongVerifiedAt(token)).toBe(strongBefore)

  // A later session of the same person and phone, which did nothing but log in, is not offered SOTER: an
  // earlier unlock elsewhere does not carry over, and SOTER never counts as the first verification.
  const fresh = await wechatSession('dev-wechat-demo-1')
  expect(await soterMethod(fresh)).toEqual({ method: 'soter', available: false, reason: NEEDS_STRONG })
  expect(await strongVerifiedAt(fresh)).toBeNull()
})

test('a challenge works once: a replay is refused, and of two parallel submissions only one passes', async () => {
  const token = await lapsedSession(2)
  const c = await challenge(token)
  const signed = unlock('dev-wechat-demo-2', c)
  expect((await submit(token, signed)).statusCode).toBe(200)
  const replay = await submit(token, signed)
  expect(replay.statusCode).toBe(400)
  expect((replay.json() as Err).error).toEqual({ code: 'soter_challenge_invalid', message: '这次指纹/面容解锁已过期或已使用，请重新解锁一次' })

  const c2 = await challenge(token)
  const signed2 = unlock('dev-wechat-demo-2', c2)
  const both = await Promise.all([submit(token, signed2), submit(token, signed2)])
  expect(both.map((r) => r.statusCode).sort()).toEqual([200, 400])
})

test('a challenge belongs to the session that asked for it', async () => {
  const mine = await lapsedSession(3)
  const other = await lapsedSession(3) // same person, same phone, another session
  const c = await challenge(mine)
  const signed = unlock('dev-wechat-demo-3', c)
  const stolen = await submit(other, signed)
  expect(stolen.statusCode).toBe(400)
  expect((stolen.json() as Err).error.code).toBe('soter_challenge_invalid')
  expect(((await account(other)).json() as Err).error.code).toBe('verification_required')
  // The attempt from the other session did not use it up.
  expect((await submit(mine, signed)).statusCode).toBe(200)
})

test('a challenge older than 5 minutes is refused', async () => {
  const token = await lapsedSession(4)
  const c = await challenge(token)
  t.clock.advance(5 * 60_000)
  const late = await submit(token, unlock('dev-wechat-demo-4', c))
  expect(late.statusCode).toBe(400)
  expect((late.json() as Err).error.code).toBe('soter_challenge_invalid')
  expect(((await account(token)).json() as Err).error.code).toBe('verification_required')
  // A fresh one, used in time, works.
  expect((await submit(token, unlock('dev-wechat-demo-4', await challenge(token)))).statusCode).toBe(200)
})

test('a signature WeChat rejects leaves the session unverified, and the challenge is spent', async () => {
  const token = await lapsedSession(1)
  const c = await challenge(token)
  const good = unlock('dev-wechat-demo-1', c)
  // Signed by another phone's key (another person's device), or a resultJSON changed after signing.
  const wrongKey = { resultJSON: good.resultJSON, resultJSONSignature: devices.get('dev-wechat-demo-2')!.sign(good.resultJSON) }
  const calls = soterCalls()
  const refused = await submit(token, wrongKey)
  expect(refused.statusCode).toBe(401)
  expect((refused.json() as Err).error).toEqual({
    code: 'soter_failed', message: '指纹/面容解锁没有通过，可以再试一次，或改用短信验证码、查询密码或刷脸验证',
  })
  expect(soterCalls()).toBe(calls + 1)
  expect(wx.calls.filter((c) => c.path === '/cgi-bin/soter/verify_signature').pop()!.answer).toMatchObject({ is_ok: false })
  expect(((await account(token)).json() as Err).error.code).toBe('verification_required')
  expect((await submit(token, good)).statusCode).toBe(400) // spent: start again with a new challenge

  const c2 = await challenge(token)
  const tampered = unlock('dev-wechat-demo-1', c2)
  const changed = { ...tampered, resultJSON: tampered.resultJSON.replace('"counter":', '"counter":1') }
  expect((await submit(token, changed)).statusCode).toBe(401)
  expect(((await account(token)).json() as Err).error.code).toBe('verification_required')
})

test('a resultJSON that is not JSON, or has no raw, is a 400 of its own; WeChat is not asked', async () => {
  const token = await lapsedSession(2)
  await challenge(token)
  const calls = soterCalls()
  for (const resultJSON of ['not json', '[]', '"raw"', '{"counter":1}', '{"raw":42}', '{"raw":""}', JSON.stringify({ raw: 'x'.repeat(300) })]) {
    const res = await submit(token, { resultJSON, resultJSONSignature: 'c2lnbmF0dXJl' })
    expect([res.statusCode, (res.json() as Err).error.code]).toEqual([400, 'soter_result_malformed'])
    expect((res.json() as Err).error.message).toMatch(/[\u4e00-\u9fa5]/)
  }
  // The body's own shape is checked before anything else.
  const missing = await submit(token, { resultJSON: '{"raw":"x"}' })
  expect([missing.statusCode, (missing.json() as Err).error.code]).toEqual([400, 'validation_failed'])
  const huge = await submit(token, { resultJSON: JSON.stringify({ raw: 'x', pad: 'y'.repeat(5000) }), resultJSONSignature: 'c2ln' })
  expect([huge.statusCode, (huge.json() as Err).error.code]).toEqual([400, 'validation_failed'])
  const extra = await submit(token, { resultJSON: '{"raw":"x"}', resultJSONSignature: 'c2ln', openid: 'someone-else' })
  expect([extra.statusCode, (extra.json() as Err).error.code]).toEqual([400, 'validation_failed'])
  expect(soterCalls()).toBe(calls)
})

test('a raw that matches no challenge is refused without asking WeChat, even when properly signed', async () => {
  const token = await lapsedSession(3)
  await challenge(token)
  const calls = soterCalls()
  const res = await submit(token, unlock('dev-wechat-demo-3', randomBytes(32).toString('base64url')))
  expect([res.statusCode, (res.json() as Err).error.code]).toEqual([400, 'soter_challenge_invalid'])
  expect(soterCalls()).toBe(calls)
  expect(((await account(token)).json() as Err).error.code).toBe('verification_required')
})

test('SMS and password logins have no WeChat identity: SOTER is not offered, even though they are verified', async () => {
  const p = demoPerson(3)
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', payload: { idNumber: p.idNumber, password: p.queryPassword } })
  const token = (login.json() as { token: string }).token
  const m = await soterMethod(token)
  expect(m.available).toBe(false)
  expect(m.reason).toMatch(/[\u4e00-\u9fa5]/)
  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges', headers: as(token) })
  expect([refused.statusCode, (refused.json() as Err).error.code]).toEqual([403, 'soter_unavailable'])
  const submitted = await submit(token, { resultJSON: '{"raw":"x"}', resultJSONSignature: 'c2ln' })
  expect([submitted.statusCode, (submitted.json() as Err).error.code]).toEqual([403, 'soter_unavailable'])
})

test('an unbound WeChat identity cannot use SOTER: it must bind first (SOTER never binds)', async () => {
  const token = await wechatSession('o-unbound-soter-user')
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges', headers: as(token) })
  expect([res.statusCode, (res.json() as Err).error.code]).toEqual([403, 'binding_required'])
  const submitted = await submit(token, { resultJSON: '{"raw":"x"}', resultJSONSignature: 'c2ln' })
  expect([submitted.statusCode, (submitted.json() as Err).error.code]).toEqual([403, 'binding_required'])
  const noLogin = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges' })
  expect(noLogin.statusCode).toBe(401)
})

test('both routes are in the OpenAPI document with their schemas', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }
  const challenges = doc.paths['/api/v1/verifications/soter/challenges']!.post!
  expect(Object.keys(challenges.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429', '502']))
  const verify = doc.paths['/api/v1/verifications/soter']!.post!
  expect(JSON.stringify(verify.requestBody)).toContain('resultJSONSignature')
})

test('no challenge handed out in this file appears in any log line', () => {
  expect(issued.length).toBeGreaterThan(5)
  const text = logLines.join('')
  expect(text).toContain('/api/v1/verifications/soter') // the logger really was writing these requests
  for (const c of issued) expect(text).not.toContain(c)
})

describe('a server without WeChat credentials', () => {
  let dev: TestApp
  beforeAll(async () => { dev = await makeTestApp() })
  afterAll(async () => { await dev.close() })

  test('offers no SOTER, even to a verified demo WeChat session', async () => {
    const login = await dev.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-demo-1' } })
    const token = (login.json() as { token: string }).token
    const res = await dev.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: as(token) })
    expect((res.json() as Methods).methods.find((m) => m.method === 'soter')).toMatchObject({ available: false })
    const refused = await dev.app.inject({ method: 'POST', url: '/api/v1/verifications/soter/challenges', headers: as(token) })
    expect([refused.statusCode, (refused.json() as Err).error.code]).toEqual([403, 'soter_unavailable'])
  })
})
