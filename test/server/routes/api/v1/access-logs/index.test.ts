// 谁查看了我的数据: each read of account data comes back as a sentence (when, who, through which build, what), newest
// first, in pages whose cursor is bound to the person and the filters; filtered by channel and by who; a family
// member's view through a share names the share; the same checks as account data; rows older than the retention go.
import { eq, sql } from 'drizzle-orm'
import { accessLogs } from '../../../../../../server/db/schema'
import { rowsOf } from '../../../../../../server/db/rows'
import { housekeepingDeletes, purgeExpired } from '../../../../../../server/domain/housekeeping'
import { accessLogPageQuery } from '../../../../../../server/domain/access-log-page'
import type { AccessLogPage } from '../../../../../../types/api/access-logs'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPersonId } from '../../../../../support/demo'

type Headers = Record<string, string>
let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
const page = async (query: string, h: Headers) => {
  const res = await get(`/api/v1/access-logs${query}`, h)
  expect(res.statusCode).toBe(200)
  return res.json() as AccessLogPage
}
const err = (res: { statusCode: number; json: () => unknown }) => [res.statusCode, (res.json() as { error: { code: string } }).error.code]

test('reads become sentences, newest first, paged; by channel; a family member\'s view names the share; reading the log is not logged', async () => {
  const h = await demoLogin(t, 2)
  const person = await demoPersonId(t.handle.db, 2)
  await t.handle.db.delete(accessLogs).where(eq(accessLogs.personId, person))
  // From the test clock's 11:00 in China, a minute apart: 账户余额 from WeChat, 消费记录 from the web page, …
  expect((await get('/api/v1/account', { ...h, 'x-client-channel': 'weapp' })).statusCode).toBe(200)
  t.clock.advance(60_000)
  expect((await get('/api/v1/spending', { ...h, 'x-client-channel': 'h5' })).statusCode).toBe(200)
  t.clock.advance(60_000)
  const claims = (await get('/api/v1/claims', h)).json() as { items: { id: number }[] }
  // The family view through a share made for 女儿.
  const made = (await t.app.inject({
    method: 'POST', url: `/api/v1/claims/${claims.items[0]!.id}/shares`, headers: h,
    payload: { duration: '1d', showAmounts: false, channel: 'weapp', recipientLabel: '女儿' },
  })).json() as { token: string }
  t.clock.advance(60_000)
  expect((await get('/api/v1/share-view', { 'x-share-token': made.token, 'x-client-channel': 'weapp' })).statusCode).toBe(200)

  const all = await page('', h)
  expect(all.items.map((i) => i.sentence)).toEqual([
    '11月20日 11:03 家人（女儿）通过你分享的链接查看了一笔报销的详情',
    '11月20日 11:02 你本人查看了报销进度',
    '11月20日 11:01 你本人在网页中查看了消费记录',
    '11月20日 11:00 你本人在微信小程序中查看了账户余额',
  ])
  expect(all.items[3]).toMatchObject({ actor: 'self', channel: 'weapp', channelName: '微信小程序', resourceName: '账户余额' })
  expect(all.items[1]).toMatchObject({ channel: null, channelName: '未知渠道' })
  expect(all.nextCursor).toBeNull()
  // Reading the log added nothing to it.
  expect((await page('', h)).items).toHaveLength(4)

  const first = await page('?limit=3', h)
  expect(first.items).toHaveLength(3)
  const rest = await page(`?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`, h)
  expect([...first.items, ...rest.items].map((i) => i.id)).toEqual(all.items.map((i) => i.id))
  expect(rest.nextCursor).toBeNull()
  // The cursor is this list's, with these filters.
  expect(err(await get(`/api/v1/access-logs?limit=3&channel=h5&cursor=${encodeURIComponent(first.nextCursor!)}`, h))).toEqual([400, 'cursor_invalid'])

  expect((await page('?channel=h5', h)).items.map((i) => i.resourceName)).toEqual(['消费记录'])
  expect((await page('?actor=share', h)).items.map((i) => i.actor)).toEqual(['share'])
  expect((await page('?from=2026-11-21', h)).items).toEqual([])
  for (const bad of ['?channel=fax', '?actor=stranger', '?from=2026-11-21&to=2026-11-20', '?limit=101']) {
    expect(err(await get(`/api/v1/access-logs${bad}`, h))).toEqual([400, 'validation_failed'])
  }
})

test('one person\'s log only, and only with the checks account data has', async () => {
  const h1 = await demoLogin(t, 1)
  const mine = await page('', h1)
  const other = await demoPersonId(t.handle.db, 2)
  const theirs = rowsOf<{ id: number }>(await t.handle.db.execute(sql`select id::int as id from access_logs where person_id = ${other}`)).map((r) => r.id)
  expect(mine.items.some((i) => theirs.includes(i.id))).toBe(false)
  expect(err(await get('/api/v1/access-logs', {}))).toEqual([401, 'unauthorized'])
  t.clock.advance(16 * 60_000) // past the verification window
  expect(err(await get('/api/v1/access-logs', h1))).toEqual([403, 'verification_required'])
})

test('housekeeping keeps three years by default (or what the operator set), with an index behind the delete', async () => {
  const person = await demoPersonId(t.handle.db, 3)
  const now = t.clock.now()
  const old = new Date(now.getTime() - (3 * 365 + 1) * 24 * 3600_000)
  const recent = new Date(now.getTime() - 400 * 24 * 3600_000)
  await t.handle.db.insert(accessLogs).values([old, recent].map((at) => ({ personId: person, resource: 'account', at })))
  const ats = async () => (await t.handle.db.select({ at: accessLogs.at }).from(accessLogs).where(eq(accessLogs.personId, person))).map((r) => r.at.getTime())
  await purgeExpired(t.handle.db, now)
  expect(await ats()).not.toContain(old.getTime())
  expect(await ats()).toContain(recent.getTime())
  await purgeExpired(t.handle.db, now, { accessLogDays: 365 })
  expect(await ats()).not.toContain(recent.getTime())
  const del = housekeepingDeletes(now).find((d) => d.table === 'access_logs')!
  await t.handle.db.execute(sql`set enable_seqscan = off`)
  try {
    const plan = rowsOf<{ 'QUERY PLAN': string }>(await t.handle.db.execute(sql`explain ${del.query}`)).map((r) => r['QUERY PLAN']).join('\n')
    expect(plan).toMatch(/access_logs_at_idx/)
    const pageSql = accessLogPageQuery(t.handle.db, { personId: person, limit: 21 }).toSQL()
    const pagePlan = rowsOf<{ 'QUERY PLAN': string }>(await t.handle.db.execute(sql.raw(`explain ${pageSql.sql.replace(/\$(\d+)/g, (_m, n: string) => JSON.stringify(pageSql.params[Number(n) - 1]).replace(/"/g, "'"))}`))).map((r) => r['QUERY PLAN']).join('\n')
    expect(pagePlan).toMatch(/access_logs_person_at_idx/)
  } finally {
    await t.handle.db.execute(sql`set enable_seqscan = on`)
  }
})
