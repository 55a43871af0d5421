// The account summary: verified sessions only, masked output, the balance as the ledger's sum.
import { sql } from 'drizzle-orm'
import { makeTestApp, TEST_AS_OF, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

const login = (n: number) => demoLogin(t, n)
const account = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/account', headers })
const errorCode = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code

async function ledgerSum (phoneHash: string): Promise<number> {
  const res = await t.handle.db.execute(sql`
    select coalesce(sum(l.amount_fen), 0)::text as s from ledger_entries l join persons p on p.id = l.person_id
    where p.phone_hash = ${phoneHash} and l.posted_at <= ${TEST_AS_OF.toISOString()}::timestamptz`)
  return Number((res as unknown as { rows: { s: string }[] }).rows[0]!.s)
}

test('an employee sees a masked name, region, type and the ledger balance as of the sync time', async () => {
  const res = await account(await login(1))
  expect(res.statusCode).toBe(200)
  expect(res.headers['cache-control']).toBe('no-store')
  const body = res.json() as Record<string, unknown>
  const p = demoPerson(1)
  expect(body).toEqual({
    maskedName: p.maskedName,
    insuranceType: 'employee',
    insuranceTypeName: '职工医保（在职）',
    region: { code: p.regionCode, name: p.regionName },
    hasPersonalAccount: true,
    balanceFen: await ledgerSum(t.cipher.lookupHash(p.phone)),
    asOf: TEST_AS_OF.toISOString(),
    // This year's figures are checked row by row in this-year.test.ts.
    thisYear: expect.objectContaining({ year: 2026, premiums: [] }),
  })
  expect(body.balanceFen).toBeGreaterThan(0)
})

test('a resident has no personal account, and the answer says so instead of a zero balance', async () => {
  const resident = [1, 2, 3, 4].find((n) => demoPerson(n).insuranceType === 'resident')!
  const body = (await account(await login(resident))).json() as { hasPersonalAccount: boolean; balanceFen: number; insuranceTypeName: string }
  expect(body).toMatchObject({ hasPersonalAccount: false, balanceFen: 0, insuranceTypeName: '城乡居民医保' })
})

test('nothing personal leaves the server unmasked', async () => {
  const text = (await account(await login(1))).body
  const p = demoPerson(1)
  expect(text).not.toContain(p.phone)
  expect(text).not.toContain(p.idNumber)
  expect(text).not.toContain(p.name)
})

test('no token, an unknown token: 401', async () => {
  expect(errorCode(await account({}))).toBe('unauthorized')
  // A token nobody issued answers as a revoked or expired one does (test/server/domain/sessions.test.ts).
  expect(errorCode(await account({ authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))).toBe('session_expired')
})

test('idle for 30 minutes ends the session; activity keeps it alive until the absolute limit', async () => {
  const idle = await login(1)
  t.clock.advance(31 * 60_000)
  const res = await account(idle)
  expect(res.statusCode).toBe(401)
  expect(res.json()).toEqual({ error: { code: 'session_expired', message: '登录已失效，请重新登录' } })

  const busy = await login(1)
  for (let i = 0; i < 35; i++) { // 35 × 20 min = 11 h 40 min of steady use
    t.clock.advance(20 * 60_000)
    const a = await account(busy)
    expect([200, 403]).toContain(a.statusCode) // alive; verification window long gone
  }
  t.clock.advance(20 * 60_000) // past 12 h
  expect(errorCode(await account(busy))).toBe('session_expired')
})

test('after the 15-minute verification window, account data asks to verify again', async () => {
  const h = await login(1)
  t.clock.advance(14 * 60_000)
  expect((await account(h)).statusCode).toBe(200)
  t.clock.advance(2 * 60_000)
  const res = await account(h)
  expect(res.statusCode).toBe(403)
  expect(res.json()).toEqual({ error: { code: 'verification_required', message: '为保护您的医保信息，请先完成身份验证' } })
})

test('every read leaves an access-log row with the channel and scene the client named; refusals leave none', async () => {
  const headers = await login(4)
  const count = async () => {
    const res = await t.handle.db.execute(sql`
      select count(*)::int as n from access_logs a join persons p on p.id = a.person_id where p.card_number = ${demoPerson(4).cardNumber}`)
    return Number((res as unknown as { rows: { n: number }[] }).rows[0]!.n)
  }
  const before = await count()
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { ...headers, 'x-client-channel': 'weapp', 'x-entry-scene': '1011' } })).statusCode).toBe(200)
  expect(await count()).toBe(before + 1)
  const res = await t.handle.db.execute(sql`
    select resource, channel, scene, actor from access_logs order by id desc limit 1`)
  expect((res as unknown as { rows: unknown[] }).rows[0]).toEqual({ resource: 'account', channel: 'weapp', scene: '1011', actor: 'self' })
  // An unknown channel is not stored as given; a scene keeps only safe characters.
  await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { ...headers, 'x-client-channel': 'evil', 'x-entry-scene': '<b>1047</b>' } })
  const last = await t.handle.db.execute(sql`select channel, scene from access_logs order by id desc limit 1`)
  expect((last as unknown as { rows: unknown[] }).rows[0]).toEqual({ channel: null, scene: 'b1047b' })
  // A refused read is not a read.
  t.clock.advance(16 * 60_000)
  expect(errorCode(await account(headers))).toBe('verification_required')
  expect(await count()).toBe(before + 2)
})
