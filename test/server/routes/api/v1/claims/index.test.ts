// 报销进度 over HTTP: keyset pages (edges, cursors bound to person and filters), date and stage filters, the detail
// with its timeline and a masked card only, 404 for another person's claim, the verification rules, access-log rows,
// WeChat subscriptions, and the page query's plan at thousands of rows.
import { and, desc, eq, sql } from 'drizzle-orm'
import { DEV_CLAIM_TEMPLATE_ID } from '../../../../../../server/config'
import { claimPageQuery } from '../../../../../../server/db/repositories/claims'
import { rowsOf } from '../../../../../../server/db/rows'
import { claimEvents, claimSubscriptions, claims } from '../../../../../../server/db/schema'
import { chinaDateString } from '../../../../../../server/demo/generator'
import type { ClaimDetail, ClaimListItem, ClaimsPage } from '../../../../../../types/api/claims'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin, demoPasswordSession } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

type Headers = Record<string, string>
interface Err { error: { code: string; message: string } }

const login = (n: number, platform: 'wechat' | 'alipay' = 'wechat') => demoLogin(t, n, platform)
const passwordLogin = async (n: number) => (await demoPasswordSession(t, n)).headers
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
const list = async (query: string, headers: Headers) => {
  const res = await get(`/api/v1/claims${query}`, headers)
  expect(res.statusCode).toBe(200)
  return res.json() as ClaimsPage
}
const err = (res: { statusCode: number; json: () => unknown }) => [res.statusCode, (res.json() as Err).error.code]

const personId = (n: number) => demoPersonId(t.handle.db, n)
/** The person's claim ids in the order the list must give: submitted_at desc, id desc. */
async function claimIds (n: number): Promise<number[]> {
  const rows = await t.handle.db.select({ id: claims.id }).from(claims).where(eq(claims.personId, await personId(n)))
    .orderBy(desc(claims.submittedAt), desc(claims.id))
  return rows.map((r) => r.id)
}
/** Every item of every page, following nextCursor; also returns the page sizes. */
async function walk (query: string, headers: Headers): Promise<{ ids: number[]; sizes: number[] }> {
  const ids: number[] = []
  const sizes: number[] = []
  let cursor: string | null = null
  for (let guard = 0; guard < 1000; guard++) {
    const sep = query ? '&' : '?'
    const page: ClaimsPage = await list(cursor ? `${query}${sep}cursor=${encodeURIComponent(cursor)}` : query, headers)
    ids.push(...page.items.map((i) => i.id))
    sizes.push(page.items.length)
    cursor = page.nextCursor
    if (!cursor) return { ids, sizes }
  }
  throw new Error('too many pages')
}

describe('list', () => {
  test('person 1\'s claims, newest first, with names, integer fen amounts, institution and next step; not cached', async () => {
    const h = await login(1)
    const res = await get('/api/v1/claims', h)
    expect(res.headers['cache-control']).toBe('no-store')
    const page = res.json() as ClaimsPage
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((i) => i.id)).toEqual(await claimIds(1))
    expect(page.items.map((i) => i.stage).sort()).toEqual(['first_review', 'materials_needed', 'paid', 'rejected'])
    const byStage = (s: string) => page.items.find((i) => i.stage === s)!
    expect(byStage('paid')).toMatchObject({
      stageName: '已打款', title: '异地就医门诊费用报销（浙江省杭州市）', claimedFen: 128_640, approvedFen: 110_230,
      institution: { code: 'H33010600001', name: expect.any(String) },
    })
    expect(byStage('first_review')).toMatchObject({ stageName: '初审中', approvedFen: null, institution: null })
    expect(byStage('materials_needed').nextStep).toMatch(/^请补充 3 项材料：出院小结/)
    for (const item of page.items) {
      expect(Number.isInteger(item.claimedFen)).toBe(true)
      expect(item.nextStep.length).toBeGreaterThan(10)
      expect(Date.parse(item.submittedAt)).toBeLessThanOrEqual(Date.parse(item.updatedAt))
    }
  })

  test('every stage appears across the demo persons, 已提交 included', async () => {
    const stages = new Set<string>()
    for (const n of [1, 2, 3, 4]) for (const i of (await list('', await login(n))).items) stages.add(i.stageName)
    expect([...stages].sort()).toEqual(['复审中', '审核通过', '已打款', '已提交', '初审中', '未通过', '需补充材料'].sort())
  })

  test('pages: empty, one page, exact multiples and a remainder; never an empty last page', async () => {
    expect(await list('', await login(4))).toEqual({ items: [], nextCursor: null })
    const h = await login(1)
    const all = await claimIds(1)
    expect(all).toHaveLength(4)
    expect(await walk('?limit=4', h)).toEqual({ ids: all, sizes: [4] })
    expect(await walk('?limit=100', h)).toEqual({ ids: all, sizes: [4] })
    expect(await walk('?limit=2', h)).toEqual({ ids: all, sizes: [2, 2] })
    expect(await walk('?limit=1', h)).toEqual({ ids: all, sizes: [1, 1, 1, 1] })
    expect(await walk('?limit=3', h)).toEqual({ ids: all, sizes: [3, 1] })
    expect((await list('', h)).items).toHaveLength(4) // default limit 20
  })

  test('a cursor from another person, another filter, another list or edited is 400 cursor_invalid', async () => {
    const h1 = await login(1)
    const cursor = (await list('?limit=1', h1)).nextCursor!
    expect(cursor).toEqual(expect.any(String))
    const h2 = await login(2)
    const other = await get(`/api/v1/claims?limit=1&cursor=${encodeURIComponent(cursor)}`, h2)
    expect(err(other)).toEqual([400, 'cursor_invalid'])
    expect((other.json() as Err).error.message).toBe('列表已经变化，请下拉刷新后重新查看')
    expect(err(await get(`/api/v1/claims?limit=1&stage=paid&cursor=${encodeURIComponent(cursor)}`, h1))).toEqual([400, 'cursor_invalid'])
    expect(err(await get(`/api/v1/claims?limit=1&from=2020-01-01&cursor=${encodeURIComponent(cursor)}`, h1))).toEqual([400, 'cursor_invalid'])
    const edited = `${cursor.slice(0, 3)}${cursor[3] === 'A' ? 'B' : 'A'}${cursor.slice(4)}`
    expect(err(await get(`/api/v1/claims?cursor=${encodeURIComponent(edited)}`, h1))).toEqual([400, 'cursor_invalid'])
    expect(err(await get('/api/v1/claims?cursor=nonsense', h1))).toEqual([400, 'cursor_invalid'])
    // The same cursor, same person and filters, still works (a different limit is fine).
    expect((await list(`?limit=2&cursor=${encodeURIComponent(cursor)}`, h1)).items).toHaveLength(2)
  })

  test('bad limits, dates and stages are 400s in Chinese that name the field', async () => {
    const h = await login(1)
    for (const q of ['limit=0', 'limit=101', 'limit=abc']) {
      const res = await get(`/api/v1/claims?${q}`, h)
      expect(err(res)).toEqual([400, 'validation_failed'])
      expect((res.json() as Err).error.message).toBe('每页条数应为 1 到 100 之间的整数')
    }
    for (const q of ['from=2026-02-30', 'from=20261101', 'to=yesterday']) {
      const res = await get(`/api/v1/claims?${q}`, h)
      expect(err(res)).toEqual([400, 'validation_failed'])
      expect((res.json() as Err).error.message).toMatch(/^请选择正确的(开始|结束)日期/)
    }
    const backwards = await get('/api/v1/claims?from=2026-11-02&to=2026-11-01', h)
    expect(err(backwards)).toEqual([400, 'validation_failed'])
    expect((backwards.json() as Err).error.message).toBe('开始日期不能晚于结束日期，请重新选择日期范围')
    const stage = await get('/api/v1/claims?stage=lost', h)
    expect(err(stage)).toEqual([400, 'validation_failed'])
    expect((stage.json() as Err).error.message).toBe('办理阶段格式不正确，请检查后重试')
  })

  test('stage filter', async () => {
    const h = await login(1)
    const rejected = await list('?stage=rejected', h)
    expect(rejected.items.map((i) => i.stage)).toEqual(['rejected'])
    expect(await list('?stage=approved', h)).toEqual({ items: [], nextCursor: null })
  })

  test('from / to are China calendar dates, inclusive at both ends, whatever the machine zone', async () => {
    const p4 = await personId(4)
    const at = (iso: string) => new Date(iso)
    const edges = [
      ['before', '2026-11-09T23:59:59.999+08:00'], ['first', '2026-11-10T00:00:00.000+08:00'],
      ['last', '2026-11-10T23:59:59.999+08:00'], ['after', '2026-11-11T00:00:00.000+08:00'],
    ] as const
    const inserted = await t.handle.db.insert(claims).values(edges.map(([name, iso], i) => ({
      personId: p4, claimNo: `EDGE${i}`, title: name, stage: 'submitted' as const, claimedFen: 100, submittedAt: at(iso), updatedAt: at(iso),
    }))).returning({ id: claims.id, title: claims.title })
    try {
      const h = await login(4)
      const titles = async (q: string) => (await walk(q, h)).ids.map((id) => inserted.find((r) => r.id === id)!.title)
      expect(await titles('?from=2026-11-10&to=2026-11-10')).toEqual(['last', 'first'])
      expect(await titles('?from=2026-11-10&to=2026-11-10&limit=1')).toEqual(['last', 'first'])
      expect(await titles('?from=2026-11-10')).toEqual(['after', 'last', 'first'])
      expect(await titles('?to=2026-11-10')).toEqual(['last', 'first', 'before'])
      expect(await titles('?from=2026-11-11&to=2026-11-11')).toEqual(['after'])
      expect(await titles('?from=2026-11-12')).toEqual([])
    } finally {
      await t.handle.db.delete(claims).where(eq(claims.personId, p4))
    }
  })

  test('a date range over the demo data picks exactly the claims submitted in it', async () => {
    const h = await login(1)
    const rows = await t.handle.db.select({ id: claims.id, at: claims.submittedAt }).from(claims).where(eq(claims.personId, await personId(1)))
    const day = chinaDateString(rows[0]!.at)
    const expected = rows.filter((r) => chinaDateString(r.at) === day).map((r) => r.id)
    expect((await list(`?from=${day}&to=${day}`, h)).items.map((i) => i.id).sort()).toEqual(expected.sort())
  })
})

describe('detail', () => {
  async function claimOf (n: number, stage: string): Promise<number> {
    const [row] = await t.handle.db.select({ id: claims.id }).from(claims)
      .where(and(eq(claims.personId, await personId(n)), sql`${claims.stage} = ${stage}`))
    return row!.id
  }

  test('the paid claim: full timeline oldest first, dated, with notes; approved amount; masked card only', async () => {
    const h = await login(1)
    const id = await claimOf(1, 'paid')
    const res = await get(`/api/v1/claims/${id}`, h)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const d = res.json() as ClaimDetail
    expect(d.timeline.map((e) => [e.stage, e.stageName])).toEqual([
      ['submitted', '已提交'], ['first_review', '初审中'], ['second_review', '复审中'], ['approved', '审核通过'], ['paid', '已打款'],
    ])
    const times = d.timeline.map((e) => Date.parse(e.at))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(new Set(times).size).toBe(times.length)
    expect(d.timeline[3]!.note).toBe('复审通过，核定报销金额 ¥1,102.30')
    expect(d).toMatchObject({ id, stage: 'paid', approvedFen: 110_230, missingMaterials: [], subscribed: false, subscribeTemplateId: null })
    // Why ¥1,102.30 of ¥1,286.40: each part not paid, named and explained, adding up to the difference.
    expect(d.deductions.map((x) => [x.kind, x.name, x.amountFen])).toEqual([['deductible', '起付线以下', 10_000], ['co_pay', '个人按比例负担', 8_410]])
    expect(d.deductions.reduce((sum, x) => sum + x.amountFen, 0)).toBe(d.claimedFen - d.approvedFen!)
    for (const x of d.deductions) expect(x.explanation.length).toBeGreaterThan(10)
    // Where the money goes: the bank and the last four digits, and the full number nowhere in the answer.
    const [row] = await t.handle.db.select({ enc: claims.payoutCardEnc }).from(claims).where(eq(claims.id, id))
    const card = t.cipher.decrypt(row!.enc!)
    expect(card).toMatch(/^[0-9]{16,19}$/)
    expect(d.payout).toEqual({ bankName: '上海银行', cardMasked: `**** ${card.slice(-4)}` })
    expect(res.body).not.toContain(card)
    expect(res.body).not.toContain(card.slice(0, -4))
    expect(d.nextStep).toContain(`尾号 ${card.slice(-4)} 的银行卡`)
    const p = demoPerson(1)
    for (const secret of [p.name, p.phone, p.idNumber]) expect(res.body).not.toContain(secret)
  })

  test('materials needed: the checklist, no payout yet (the bank account is one of the missing materials)', async () => {
    const d = (await get(`/api/v1/claims/${await claimOf(1, 'materials_needed')}`, await login(1))).json() as ClaimDetail
    expect(d.missingMaterials).toEqual(['出院小结（加盖医院公章）', '住院费用明细清单', '本人社会保障卡银行账户信息'])
    expect(d.payout).toBeNull()
    expect(d.timeline.at(-1)!.note).toBe('材料不全，请补充：出院小结（加盖医院公章）、住院费用明细清单、本人社会保障卡银行账户信息')
    expect(d.subscribeTemplateId).toBe(DEV_CLAIM_TEMPLATE_ID)
    expect(d.deductions).toEqual([])
  })

  test('rejected: the next step gives the bureau\'s reason itself', async () => {
    const d = (await get(`/api/v1/claims/${await claimOf(1, 'rejected')}`, await login(1))).json() as ClaimDetail
    expect(d.nextStep).toMatch(/^本次申请未通过，原因是：所购药品为医保目录外（丙类）药品，不予报销。/)
    expect(d.nextStep).not.toContain('办理记录')
    expect(d.timeline.at(-1)!.note).toBe('所购药品为医保目录外（丙类）药品，不予报销')
  })

  test('the list item and the detail agree', async () => {
    const h = await login(2)
    for (const item of (await list('', h)).items) {
      const d = (await get(`/api/v1/claims/${item.id}`, h)).json() as ClaimDetail
      const { timeline: _t, missingMaterials: _m, deductions: _d, payout: _p, subscribed: _s, subscribeTemplateId: _st, ...rest } = d
      expect(rest as ClaimListItem).toEqual(item)
    }
  })

  test('another person\'s claim is 404, like a missing one; a malformed id is a 400; neither leaves a log row', async () => {
    const theirs = await claimOf(1, 'paid')
    const h2 = await login(2)
    const before = await logCount(2)
    const res = await get(`/api/v1/claims/${theirs}`, h2)
    expect(err(res)).toEqual([404, 'not_found'])
    expect(res.body).not.toContain('异地就医门诊')
    expect(err(await get('/api/v1/claims/999999999', h2))).toEqual([404, 'not_found'])
    const bad = await get('/api/v1/claims/abc', h2)
    expect(err(bad)).toEqual([400, 'validation_failed'])
    expect((bad.json() as Err).error.message).toBe('报销申请编号格式不正确，请检查后重试')
    expect(err(await get('/api/v1/claims/99999999999999999999', h2))).toEqual([400, 'validation_failed'])
    expect(await logCount(2)).toBe(before)
  })
})

async function logCount (n: number): Promise<number> {
  const res = await t.handle.db.execute(sql`select count(*)::int as n from access_logs where person_id = ${await personId(n)}`)
  return rowsOf<{ n: number }>(res)[0]!.n
}

describe('verification rules and the access log', () => {
  test('an unbound session: 403 binding_required on list, detail and subscriptions', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-stranger-claims' } })
    const h = { authorization: `Bearer ${(res.json() as { token: string }).token}` }
    expect(err(await get('/api/v1/claims', h))).toEqual([403, 'binding_required'])
    expect(err(await get('/api/v1/claims/1', h))).toEqual([403, 'binding_required'])
    expect(err(await t.app.inject({ method: 'POST', url: '/api/v1/claims/1/subscriptions', headers: h, payload: { templateIds: [DEV_CLAIM_TEMPLATE_ID] } })))
      .toEqual([403, 'binding_required'])
    expect(err(await get('/api/v1/claims', {}))).toEqual([401, 'unauthorized'])
  })

  test('after the verification window: 403 verification_required, and no log row', async () => {
    const h = await login(3)
    const id = (await list('', h)).items[0]!.id
    t.clock.advance(16 * 60_000)
    const before = await logCount(3)
    expect(err(await get('/api/v1/claims', h))).toEqual([403, 'verification_required'])
    expect(err(await get(`/api/v1/claims/${id}`, h))).toEqual([403, 'verification_required'])
    expect(await logCount(3)).toBe(before)
  })

  test('each list and detail read leaves one row: who, what, which id, channel, scene', async () => {
    const h = { ...(await login(2)), 'x-client-channel': 'weapp', 'x-entry-scene': '1047' }
    const before = await logCount(2)
    const page = await list('', h)
    await get(`/api/v1/claims/${page.items[0]!.id}`, h)
    expect(await logCount(2)).toBe(before + 2)
    const res = await t.handle.db.execute(sql`
      select resource, resource_id, actor, channel, scene, session_id is not null as has_session from access_logs
      where person_id = ${await personId(2)} order by id desc limit 2`)
    expect(rowsOf(res)).toEqual([
      { resource: 'claim_detail', resource_id: String(page.items[0]!.id), actor: 'self', channel: 'weapp', scene: '1047', has_session: true },
      { resource: 'claims', resource_id: null, actor: 'self', channel: 'weapp', scene: '1047', has_session: true },
    ])
  })
})

describe('subscriptions', () => {
  const subscribe = (id: number, h: Headers, payload: unknown = { templateIds: [DEV_CLAIM_TEMPLATE_ID] }) =>
    t.app.inject({ method: 'POST', url: `/api/v1/claims/${id}/subscriptions`, headers: h, payload: payload as Record<string, unknown> })

  async function openClaim (n: number): Promise<number> {
    const [row] = await t.handle.db.select({ id: claims.id }).from(claims)
      .where(and(eq(claims.personId, await personId(n)), sql`${claims.stage} not in ('paid', 'rejected')`)).limit(1)
    return row!.id
  }

  test('from the WeChat mini-program: recorded, and the detail says so', async () => {
    const h = await login(3)
    const id = await openClaim(3)
    const res = await subscribe(id, h)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ subscribed: true, remaining: 1 })
    const d = (await get(`/api/v1/claims/${id}`, h)).json() as ClaimDetail
    expect([d.subscribed, d.subscribeTemplateId]).toEqual([true, DEV_CLAIM_TEMPLATE_ID])
    const rows = await t.handle.db.select().from(claimSubscriptions).where(eq(claimSubscriptions.claimId, id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ personId: await personId(3), templateId: DEV_CLAIM_TEMPLATE_ID, usedAt: null })
  })

  test('a session without a WeChat identity (password login, Alipay) gets 403 subscribe_unavailable with a clear message', async () => {
    const id = await openClaim(1)
    for (const h of [await passwordLogin(1), await login(1, 'alipay')]) {
      const res = await subscribe(id, h)
      expect(err(res)).toEqual([403, 'subscribe_unavailable'])
      expect((res.json() as Err).error.message).toBe('进度提醒需要在微信小程序里订阅，请在微信中打开小程序后再试')
      expect(((await get(`/api/v1/claims/${id}`, h)).json() as ClaimDetail).subscribeTemplateId).toBeNull()
    }
  })

  test('someone else\'s claim 404, a finished claim 409, an unknown template 400, a bad body 400', async () => {
    const h = await login(2)
    expect(err(await subscribe(await openClaim(1), h))).toEqual([404, 'not_found'])
    const [paid] = await t.handle.db.select({ id: claims.id }).from(claims).where(and(eq(claims.personId, await personId(1)), eq(claims.stage, 'paid')))
    const finished = await subscribe(paid!.id, await login(1))
    expect(err(finished)).toEqual([409, 'claim_final'])
    expect((finished.json() as Err).error.message).toBe('这笔报销已经办结，进度不会再变化，无需订阅提醒')
    const mine = await openClaim(2)
    expect(err(await subscribe(mine, h, { templateIds: ['another-template'] }))).toEqual([400, 'subscribe_template_unknown'])
    expect(err(await subscribe(mine, h, { templateIds: [] }))).toEqual([400, 'validation_failed'])
    expect(err(await subscribe(mine, h, {}))).toEqual([400, 'validation_failed'])
    expect(err(await subscribe(mine, h, { templateIds: [DEV_CLAIM_TEMPLATE_ID], extra: 1 }))).toEqual([400, 'validation_failed'])
    const dup = await subscribe(mine, h, { templateIds: [DEV_CLAIM_TEMPLATE_ID, DEV_CLAIM_TEMPLATE_ID] })
    expect(err(dup)).toEqual([400, 'validation_failed'])
    expect((await t.handle.db.select().from(claimSubscriptions).where(eq(claimSubscriptions.claimId, mine)))).toEqual([])
  })
})

describe('the page query at scale', () => {
  test('EXPLAIN: an index scan on claims_person_idx, no sort — plain, with a cursor, with dates and a stage', async () => {
    const p4 = await personId(4)
    const others = [await personId(1), await personId(2), await personId(3)]
    const start = Date.parse('2020-01-01T09:00:00+08:00')
    const stages = ['submitted', 'first_review', 'second_review', 'approved', 'paid', 'rejected', 'materials_needed'] as const
    const rows = Array.from({ length: 6000 }, (_, i) => {
      const at = new Date(start + i * 6 * 3600_000)
      return {
        personId: i % 3 === 0 ? others[i % 9 === 0 ? 0 : i % 9 === 3 ? 1 : 2]! : p4, claimNo: `BULK${i}`, title: '批量', stage: stages[i % 7]!,
        claimedFen: 1000 + i, submittedAt: at, updatedAt: at, institutionId: null,
      }
    })
    try {
      for (let i = 0; i < rows.length; i += 1000) await t.handle.db.insert(claims).values(rows.slice(i, i + 1000))
      await t.handle.db.execute(sql`analyze claims`)
      await t.handle.db.execute(sql`analyze institutions`)
      const cases = [
        { personId: p4, limit: 21 },
        { personId: p4, limit: 21, before: { t: new Date(start + 3000 * 6 * 3600_000), id: 1_000_000 } },
        { personId: p4, limit: 101, from: new Date('2021-01-01T00:00:00+08:00'), to: new Date('2022-01-01T00:00:00+08:00') },
        { personId: p4, limit: 21, stage: 'paid' as const, before: { t: new Date(start + 5000 * 6 * 3600_000), id: 1_000_000 } },
      ]
      for (const c of cases) {
        const q = claimPageQuery(t.handle.db, c)
        const res = await t.handle.db.execute(sql`explain (format json) ${q.getSQL()}`)
        const raw = rowsOf<Record<string, unknown>>(res)[0]!['QUERY PLAN']
        const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }]
        const nodes = flatten(plan[0].Plan)
        const scan = nodes.find((n) => n['Relation Name'] === 'claims')
        expect({ type: scan?.['Node Type'], index: scan?.['Index Name'] }).toEqual({ type: 'Index Scan', index: 'claims_person_idx' })
        expect(scan?.['Scan Direction']).toBe('Backward')
        expect(nodes.filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort')).toEqual([])
        // The plan is for the query the route runs: it gives the right rows.
        const got = await q
        expect(got.length).toBeGreaterThan(0)
        for (let i = 1; i < got.length; i++) expect(got[i - 1]!.submittedAt.getTime()).toBeGreaterThan(got[i]!.submittedAt.getTime())
      }
      // And over HTTP, the walk over thousands of rows is complete and in order.
      const h = await login(4)
      const { ids } = await walk('?limit=100&from=2021-01-01&to=2021-12-31', h)
      const expected = (await t.handle.db.select({ id: claims.id }).from(claims)
        .where(and(eq(claims.personId, p4), sql`${claims.submittedAt} >= '2021-01-01T00:00:00+08:00' and ${claims.submittedAt} < '2022-01-01T00:00:00+08:00'`))
        .orderBy(desc(claims.submittedAt), desc(claims.id))).map((r) => r.id)
      expect(expected.length).toBeGreaterThan(900)
      expect(ids).toEqual(expected)
    } finally {
      await t.handle.db.delete(claimEvents).where(sql`${claimEvents.claimId} in (select id from claims where claim_no like 'BULK%')`)
      await t.handle.db.delete(claims).where(sql`${claims.claimNo} like 'BULK%'`)
    }
  })
})

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] }
function flatten (n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(flatten)]
}
