// Two app instances on one database act as one for shares: parallel views through both count exactly and log one
// row each, parallel creates through both never pass the live-grant bound, a revocation through one is final on the
// other, and the share-view rate limit and the per-grant view cap are one window for both.
import { and, eq, sql } from 'drizzle-orm'
import type { DbHandle } from '../../../../../../server/db'
import { rowsOf } from '../../../../../../server/db/rows'
import { accessLogs, claims, persons, shareGrants } from '../../../../../../server/db/schema'
import { MAX_LIVE_GRANTS } from '../../../../../../server/domain/shares'
import type { ShareCreated } from '../../../../../../types/api/shares'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { testDb } from '../../../../../support/db'
import { demoPerson } from '../../../../../support/demo'

let handle: DbHandle; let a: TestApp; let b: TestApp
beforeAll(async () => {
  handle = await testDb()
  // The per-grant cap out of the way here; its test below runs its own pair of processes with a low one.
  const env = { SHARE_VIEW_RATE_PER_MINUTE: '1000', SHARE_GRANT_VIEWS_PER_MINUTE: '1000' }
  a = await makeTestApp({ handle, env })
  b = await makeTestApp({ handle, env, seed: false })
})
afterAll(async () => { await a.close(); await b.close(); await handle.close() })

type Headers = Record<string, string>
const login = (t: TestApp, n: number): Promise<Headers> => demoLogin(t, n)
async function claimOf (n: number): Promise<number> {
  const [row] = await handle.db.select({ id: claims.id }).from(claims).innerJoin(persons, eq(persons.id, claims.personId))
    .where(eq(persons.cardNumber, demoPerson(n).cardNumber)).orderBy(claims.id).limit(1)
  return row!.id
}
const create = (t: TestApp, h: Headers, claimId: number) =>
  t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel: 'h5' } })
const view = (t: TestApp, token: string, from = '127.0.0.1') =>
  t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': token }, remoteAddress: from })

test('60 views at once through two processes: 60 answers, view_count 60, 60 access-log rows for the grant', async () => {
  const h = await login(a, 1)
  const made = (await create(a, h, await claimOf(1))).json() as ShareCreated
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => view(i % 2 ? a : b, made.token)))
  expect(answers.map((r) => r.statusCode)).toEqual(Array(60).fill(200))
  const [grant] = await handle.db.select().from(shareGrants).where(eq(shareGrants.id, made.grant.id))
  expect(grant!.viewCount).toBe(60)
  expect(grant!.lastViewedAt).toEqual(a.clock.now())
  const logged = await handle.db.select({ n: sql<number>`count(*)::int` }).from(accessLogs)
    .where(and(eq(accessLogs.shareGrantId, made.grant.id), eq(accessLogs.actor, 'share')))
  expect(logged[0]!.n).toBe(60)
  // 我的分享 on either process says the same.
  const listed = await Promise.all([a, b].map(async (t) => ((await t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: h })).json() as { items: { id: number; viewCount: number }[] })
    .items.find((g) => g.id === made.grant.id)!.viewCount))
  expect(listed).toEqual([60, 60])
})

test('creates racing through both processes never pass the live-grant bound', async () => {
  const h = await login(a, 2)
  const claimId = await claimOf(2)
  const answers = await Promise.all(Array.from({ length: MAX_LIVE_GRANTS + 10 }, (_, i) => create(i % 2 ? a : b, h, claimId)))
  const statuses = answers.map((r) => r.statusCode)
  expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_LIVE_GRANTS)
  expect(statuses.filter((s) => s === 409)).toHaveLength(10)
  const res = await handle.db.execute(sql`select count(*)::int as n from share_grants g join persons p on p.id = g.person_id
    where p.card_number = ${demoPerson(2).cardNumber} and g.revoked_at is null`)
  expect(rowsOf<{ n: number }>(res)[0]!.n).toBe(MAX_LIVE_GRANTS)
  const tokens = answers.filter((r) => r.statusCode === 201).map((r) => (r.json() as ShareCreated).token)
  expect(new Set(tokens).size).toBe(MAX_LIVE_GRANTS)
})

test('a revocation through one process is final for views through the other, also while views are in flight', async () => {
  const h = await login(a, 3)
  const made = (await create(a, h, await claimOf(3))).json() as ShareCreated
  const during = await Promise.all([
    ...Array.from({ length: 10 }, () => view(b, made.token)),
    b.app.inject({ method: 'POST', url: `/api/v1/shares/${made.grant.id}/revoke`, headers: h }),
    ...Array.from({ length: 10 }, () => view(a, made.token)),
  ])
  const viewAnswers = [...during.slice(0, 10), ...during.slice(11)]
  const served = viewAnswers.filter((r) => r.statusCode === 200).length
  expect(viewAnswers.every((r) => r.statusCode === 200 || r.statusCode === 404)).toBe(true)
  // Every answer given was counted and logged; none after the revocation.
  const [grant] = await handle.db.select().from(shareGrants).where(eq(shareGrants.id, made.grant.id))
  expect(grant!.viewCount).toBe(served)
  const logged = await handle.db.select({ n: sql<number>`count(*)::int` }).from(accessLogs).where(eq(accessLogs.shareGrantId, made.grant.id))
  expect(logged[0]!.n).toBe(served)
  for (const t of [a, b]) expect((await view(t, made.token)).statusCode).toBe(404)
})

test('the share-view rate limit is one window across processes, per client address', async () => {
  const limited = { SHARE_VIEW_RATE_PER_MINUTE: '4' }
  const c = await makeTestApp({ handle, env: limited, seed: false })
  const d = await makeTestApp({ handle, env: limited, seed: false })
  try {
    await handle.db.execute(sql`delete from rate_limits`)
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await view(i % 2 ? c : d, 'A'.repeat(32), '10.9.8.7')).statusCode)
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429])
    expect((await view(c, 'A'.repeat(32), '10.9.8.6')).statusCode).toBe(404)
  } finally {
    await c.app.close()
    await d.app.close()
  }
})

test('the per-grant view cap holds exactly for views at once through two processes', async () => {
  const capped = { SHARE_VIEW_RATE_PER_MINUTE: '1000', SHARE_GRANT_VIEWS_PER_MINUTE: '7' }
  const c = await makeTestApp({ handle, env: capped, seed: false })
  const d = await makeTestApp({ handle, env: capped, seed: false })
  try {
    const made = (await create(c, await login(c, 1), await claimOf(1))).json() as ShareCreated
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => view(i % 2 ? c : d, made.token, `10.7.0.${i + 1}`)))
    const statuses = answers.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 200)).toHaveLength(7)
    expect(statuses.filter((s) => s === 429)).toHaveLength(23)
    const [grant] = await handle.db.select().from(shareGrants).where(eq(shareGrants.id, made.grant.id))
    expect(grant!.viewCount).toBe(7)
    const logged = await handle.db.select({ n: sql<number>`count(*)::int` }).from(accessLogs).where(eq(accessLogs.shareGrantId, made.grant.id))
    expect(logged[0]!.n).toBe(7)
  } finally {
    await c.app.close()
    await d.app.close()
  }
})
