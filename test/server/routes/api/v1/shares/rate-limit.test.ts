// The family view's own rate limit, per client address and tighter than the global one: guessing tokens is slow,
// a forged X-Forwarded-For does not open a new window, a 429 is as private as every other share-view answer and
// counts no view, and the owner's routes are not held back by it. And the cap per grant, whatever the address: a
// leaked token opened from many clients adds at most 20 rows a minute to the owner's access log.
import { and, eq, sql } from 'drizzle-orm'
import { accessLogs, claims, persons, shareGrants } from '../../../../../../server/db/schema'
import type { ShareCreated } from '../../../../../../types/api/shares'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { verifiedDemoSession } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

const LIMIT = 5
let t: TestApp
// The global limit stays at the test default (10,000 a minute); the share view's is LIMIT.
beforeAll(async () => { t = await makeTestApp({ env: { SHARE_VIEW_RATE_PER_MINUTE: String(LIMIT) } }) })
afterAll(async () => { await t.close() })

const view = (token: string, from: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': token, ...headers }, remoteAddress: from })

test('LIMIT views a minute per client address, guesses and real views alike; then 429 with Retry-After, private, counting nothing', async () => {
  const { headers: h } = await verifiedDemoSession(t, 1)
  const [claim] = await t.handle.db.select({ id: claims.id }).from(claims).innerJoin(persons, eq(persons.id, claims.personId))
    .where(eq(persons.cardNumber, demoPerson(1).cardNumber)).limit(1)
  const made = (await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim!.id}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel: 'h5' } })).json() as ShareCreated

  const from = '203.0.113.7'
  const statuses: number[] = []
  for (let i = 0; i < LIMIT - 1; i++) statuses.push((await view(`${'G'.repeat(31)}${i}`, from)).statusCode)
  statuses.push((await view(made.token, from)).statusCode)
  expect(statuses).toEqual([404, 404, 404, 404, 200])

  // A new X-Forwarded-For on every try: the server is not behind a proxy, so the address is the connection's.
  for (let i = 0; i < 3; i++) {
    const res = await view(made.token, from, { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` })
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^操作太频繁，(请 \d+ 秒后|请在 \d\d:\d\d 后)再试$/) } })
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-robots-tag']).toBe('noindex')
  }
  const [grant] = await t.handle.db.select({ viewCount: shareGrants.viewCount }).from(shareGrants).where(eq(shareGrants.id, made.grant.id))
  expect(grant!.viewCount).toBe(1)

  // Another client is not held back, nor is the owner on the same address.
  expect((await view(made.token, '203.0.113.8')).statusCode).toBe(200)
  const mine = await t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: h, remoteAddress: from })
  expect(mine.statusCode).toBe(200)

  // The window passes (the store keeps it by the database's clock): the same address may look again.
  await t.handle.db.execute(`update rate_limits set reset_at = now() - interval '1 second' where key like '%share-view%'`)
  expect((await view(made.token, from)).statusCode).toBe(200)
})

test('one grant is counted at most 20 times a minute from all clients together; beyond, 429 as private as any answer, nothing counted or logged', async () => {
  const { headers: h } = await verifiedDemoSession(t, 2)
  const [claim] = await t.handle.db.select({ id: claims.id }).from(claims).innerJoin(persons, eq(persons.id, claims.personId))
    .where(eq(persons.cardNumber, demoPerson(2).cardNumber)).limit(1)
  const share = async () => (await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim!.id}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel: 'h5' } })).json() as ShareCreated
  const made = await share()
  const other = await share()
  const counted = async (id: number) => {
    const [grant] = await t.handle.db.select({ viewCount: shareGrants.viewCount }).from(shareGrants).where(eq(shareGrants.id, id))
    const [logged] = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(accessLogs)
      .where(and(eq(accessLogs.shareGrantId, id), eq(accessLogs.actor, 'share')))
    return [grant!.viewCount, logged!.n]
  }

  // Each view from its own address, so the per-client limit (LIMIT) never bites: only the grant's cap does.
  const statuses: number[] = []
  for (let i = 0; i < 20; i++) statuses.push((await view(made.token, `198.51.100.${i + 1}`)).statusCode)
  expect(statuses).toEqual(Array(20).fill(200))
  for (const from of ['198.51.100.101', '198.51.100.102']) {
    const res = await view(made.token, from)
    expect(res.statusCode).toBe(429)
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^操作太频繁，请在 \d\d:\d\d 后再试$/) } })
    expect(res.headers['retry-after']).toBe('60')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-robots-tag']).toBe('noindex')
  }
  expect(await counted(made.grant.id)).toEqual([20, 20])
  // Another grant of the same owner is not held back.
  expect((await view(other.token, '198.51.100.103')).statusCode).toBe(200)

  // The window is the server clock's minute since the oldest counted view.
  t.clock.advance(30_000)
  const later = await view(made.token, '198.51.100.104')
  expect([later.statusCode, later.headers['retry-after']]).toEqual([429, '30'])
  t.clock.advance(30_000)
  expect((await view(made.token, '198.51.100.105')).statusCode).toBe(200)
  expect(await counted(made.grant.id)).toEqual([21, 21])
})
