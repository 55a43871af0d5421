// 缴费记录: keyset pages newest period first, 断缴 gaps found on the server (once, whatever the page), residents by
// year, retirees empty with a note, only the caller's own data, verification rules, an access-log row, and a plan
// that stays an index scan with no sort.
import { sql } from 'drizzle-orm'
import type { ContributionEntry, ContributionGap, ContributionItem, ContributionsPage } from '../../../../../../types/api/contributions'
import { contributionPageQuery } from '../../../../../../server/db/repositories/contributions'
import { rowsOf } from '../../../../../../server/db/rows'
import { makeTestApp, TEST_AS_OF, type TestApp } from '../../../../../support/app'
import { consentedSession, demoLogin } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

type Headers = Record<string, string>
interface Res { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }

const login = async (n: number | string): Promise<Headers> => typeof n === 'number' ? demoLogin(t, n) : (await consentedSession(t, n)).headers

async function list (headers: Headers, query: Record<string, string | number> = {}): Promise<Res> {
  return t.app.inject({ method: 'GET', url: '/api/v1/contributions', headers, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })
}

async function page (headers: Headers, query: Record<string, string | number> = {}): Promise<ContributionsPage> {
  const res = await list(headers, query)
  expect([res.statusCode, res.body]).toEqual([200, expect.any(String)])
  return res.json() as ContributionsPage
}

/** Every page in turn; checks the page size on the way. */
async function walk (headers: Headers, limit: number, query: Record<string, string> = {}): Promise<ContributionsPage[]> {
  const pages: ContributionsPage[] = []
  let cursor: string | null = null
  do {
    const p = await page(headers, { ...query, limit, ...(cursor ? { cursor } : {}) })
    expect(p.items.length).toBeLessThanOrEqual(limit)
    expect(p.items.length).toBeGreaterThan(0) // a cursor never leads to an empty page
    pages.push(p)
    cursor = p.nextCursor
    if (pages.length > 500) throw new Error('pagination does not end')
  } while (cursor)
  return pages
}

const errorOf = (res: Res) => (res.json() as { error: { code: string; message: string } }).error
const key = (e: ContributionEntry) => `${e.kind}:${e.id}`
const gapsOf = (items: ContributionEntry[]) => items.filter((e): e is ContributionGap => e.kind === 'gap')
const recordsOf = (items: ContributionEntry[]) => items.filter((e): e is ContributionItem => e.kind === 'contribution')

const personId = (n: number) => demoPersonId(t.handle.db, n)

interface DbContribution {
  id: number; period: string; paid_at: string; base_fen: number; employer_fen: number; personal_fen: number
  credited_fen: number; paying_unit: string; late_paid: boolean
}
async function dbContributions (n: number): Promise<DbContribution[]> {
  return rowsOf<DbContribution>(await t.handle.db.execute(sql`
    select id::int as id, period, paid_at, base_fen::int as base_fen, employer_fen::int as employer_fen, personal_fen::int as personal_fen,
      credited_fen::int as credited_fen, paying_unit, late_paid
    from contributions where person_id = ${await personId(n)} order by period desc`))
}

/** Removes periods from a person's history (with their ledger credits), to make gaps of a chosen shape. */
async function removePeriods (n: number, periods: string[]): Promise<void> {
  const pid = await personId(n)
  for (const period of periods) {
    await t.handle.db.execute(sql`delete from ledger_entries where contribution_id in
      (select id from contributions where person_id = ${pid} and period = ${period})`)
    const res = await t.handle.db.execute(sql`delete from contributions where person_id = ${pid} and period = ${period} returning id`)
    expect(rowsOf(res)).toHaveLength(1)
  }
}

async function accessCount (n: number): Promise<number> {
  const res = await t.handle.db.execute(sql`select count(*)::int as n from access_logs where person_id = ${await personId(n)} and resource = 'contributions'`)
  return Number(rowsOf<{ n: number }>(res)[0]!.n)
}

describe('person 1 (employee): records, the 断缴 month and the 补缴 month', () => {
  test('every record, newest period first, with the amounts of the database and the one gap in its place', async () => {
    const res = await list(await login(1), { limit: 100 })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json() as ContributionsPage
    expect(body.nextCursor).toBeNull()
    expect(body.asOf).toBe(TEST_AS_OF.toISOString())
    expect(body.note).toContain('统筹基金')

    const rows = await dbContributions(1)
    expect(recordsOf(body.items)).toEqual(rows.map((r) => ({
      kind: 'contribution', id: r.id, period: r.period, paidAt: new Date(r.paid_at).toISOString(),
      baseFen: r.base_fen, employerFen: r.employer_fen, personalFen: r.personal_fen, creditedFen: r.credited_fen,
      payingUnit: r.paying_unit, latePaid: r.late_paid, status: r.late_paid ? 'late_paid' : 'paid',
    })))
    // Strictly newest first, gaps included.
    const periods = body.items.map((e) => e.period)
    expect([...periods].sort().reverse()).toEqual(periods)
    expect(new Set(periods).size).toBe(periods.length)

    // The 2021 reform: the employer part is shown but never credited; the account gets the personal part.
    for (const r of recordsOf(body.items)) {
      expect(r.employerFen).toBeGreaterThan(0)
      expect(r.creditedFen).toBe(r.personalFen)
      for (const [k, v] of Object.entries(r)) if (k.endsWith('Fen')) expect(Number.isInteger(v)).toBe(true)
    }

    const gaps = gapsOf(body.items)
    expect(gaps).toHaveLength(1)
    const gap = gaps[0]!
    // The demo gap month is the one month between the first record and October 2026 (the last full month) with no row.
    const have = new Set(rows.map((r) => r.period))
    const missing: string[] = []
    for (let y = 2023; y <= 2026; y++) {
      for (let m = 1; m <= 12; m++) {
        const p = `${y}-${String(m).padStart(2, '0')}`
        if (p > [...have].sort()[0]! && p <= '2026-10' && !have.has(p)) missing.push(p)
      }
    }
    expect(missing).toHaveLength(1)
    expect(gap).toMatchObject({ kind: 'gap', id: `gap-${missing[0]}`, period: missing[0], fromPeriod: missing[0], toPeriod: missing[0], months: 1, ongoing: false })
    const [gy, gm] = missing[0]!.split('-').map(Number)
    expect(gap.title).toBe(`${gy}年${gm}月 断缴`)
    expect(gap.explanation).toContain('断缴')
    expect(gap.explanation).toContain('个人账户')
    expect(gap.explanation).toContain('补缴')
    expect(gap.explanation).toContain('12393')
    const at = body.items.indexOf(gap)
    expect(body.items[at - 1]!.period > gap.period && body.items[at + 1]!.period < gap.period).toBe(true)

    // The late-paid month: paid after its month, and not a gap.
    const late = recordsOf(body.items).filter((r) => r.latePaid)
    expect(late).toHaveLength(1)
    expect(late[0]!.status).toBe('late_paid')
    expect(late[0]!.paidAt > `${late[0]!.period}-31`).toBe(true)
    expect(gaps.some((g) => g.fromPeriod <= late[0]!.period && late[0]!.period <= g.toPeriod)).toBe(false)
  })

  test('every page size walks the same list: no item twice, none lost, exact multiples end without an empty page', async () => {
    const headers = await login(1)
    const full = (await page(headers, { limit: 100 })).items
    expect(full).toHaveLength(36) // 35 records + 1 gap
    for (let limit = 1; limit <= 40; limit++) {
      const pages = await walk(headers, limit)
      expect(pages.flatMap((p) => p.items).map(key)).toEqual(full.map(key))
      expect(pages).toHaveLength(Math.ceil(36 / limit))
      expect(pages[pages.length - 1]!.nextCursor).toBeNull()
    }
  })

  test('from and to select by period, inclusive at both edges', async () => {
    const headers = await login(1)
    const periods = async (q: Record<string, string>) => (await page(headers, { limit: 100, ...q })).items.map((e) => `${e.kind}:${e.period}`)
    // The last day of March and the first day of May still bring in their months.
    expect(await periods({ from: '2024-03-31', to: '2024-05-01' })).toEqual(['contribution:2024-05', 'contribution:2024-04', 'contribution:2024-03'])
    expect(await periods({ from: '2024-04-01', to: '2024-04-30' })).toEqual(['contribution:2024-04'])
    expect(await periods({ from: '2024-04-30', to: '2024-04-30' })).toEqual(['contribution:2024-04'])
    const gap = gapsOf((await page(headers, { limit: 100 })).items)[0]!
    // A range that holds only the gap month answers the gap alone.
    expect(await periods({ from: `${gap.period}-01`, to: `${gap.period}-28` })).toEqual([`gap:${gap.period}`])
    // One-sided ranges.
    const all = await periods({})
    expect(await periods({ from: '2026-09-01' })).toEqual(all.filter((p) => p.split(':')[1]! >= '2026-09'))
    expect(await periods({ to: '2024-01-15' })).toEqual(all.filter((p) => p.split(':')[1]! <= '2024-01'))
    expect(await periods({ to: '2020-12-31' })).toEqual([])
    // A page walk inside a range stays inside it.
    const ranged = await walk(headers, 2, { from: '2024-06-10', to: '2025-06-10' })
    expect(ranged.flatMap((p) => p.items).map((e) => e.period)).toEqual(all.map((p) => p.split(':')[1]!).filter((p) => p >= '2024-06' && p <= '2025-06'))
  })

  test('a bad range or date is a 400 in Chinese', async () => {
    const headers = await login(1)
    const reversed = await list(headers, { from: '2025-06-01', to: '2025-05-31' })
    expect(reversed.statusCode).toBe(400)
    expect(errorOf(reversed)).toEqual({ code: 'validation_failed', message: '开始日期不能晚于结束日期，请重新选择日期范围' })
    const cases: [Record<string, string | number>, string][] = [
      [{ from: '2025-02-30' }, '请选择正确的开始日期，格式如 2026-01-31'],
      [{ to: '2025/05/01' }, '请选择正确的结束日期，格式如 2026-12-31'],
      [{ limit: 0 }, '每页条数应为 1 到 100 之间的整数'],
      [{ limit: 101 }, '每页条数应为 1 到 100 之间的整数'],
      [{ limit: 'ten' }, '每页条数应为 1 到 100 之间的整数'],
    ]
    for (const [q, message] of cases) {
      const res = await list(headers, q)
      expect([res.statusCode, errorOf(res)]).toEqual([400, { code: 'validation_failed', message }])
    }
  })
})

describe('cursors', () => {
  test('a cursor works only for the person and the filters it was made for', async () => {
    const h1 = await login(1)
    const first = await page(h1, { limit: 5 })
    expect(first.nextCursor).toEqual(expect.any(String))
    const cursor = first.nextCursor!
    // Same person, same (no) filters: fine.
    expect((await list(h1, { limit: 5, cursor })).statusCode).toBe(200)
    // Another person.
    const other = await list(await login(4), { limit: 5, cursor })
    expect(other.statusCode).toBe(400)
    expect(errorOf(other)).toEqual({ code: 'cursor_invalid', message: '列表已经变化，请下拉刷新后重新查看' })
    // Other filters.
    expect(errorOf(await list(h1, { limit: 5, cursor, from: '2024-01-01' })).code).toBe('cursor_invalid')
    const ranged = await page(h1, { limit: 2, from: '2024-01-01', to: '2024-12-31' })
    expect(errorOf(await list(h1, { limit: 2, cursor: ranged.nextCursor!, from: '2024-01-01', to: '2024-12-30' })).code).toBe('cursor_invalid')
    expect(errorOf(await list(h1, { limit: 2, cursor: ranged.nextCursor! })).code).toBe('cursor_invalid')
    // Edited or made up.
    for (const bad of [`${cursor}x`, 'abc', cursor.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))]) {
      expect(errorOf(await list(h1, { cursor: bad })).code).toBe('cursor_invalid')
    }
    // A limit change between pages is fine: the cursor says where, not how many.
    expect((await list(h1, { limit: 50, cursor })).statusCode).toBe(200)
  })
})

describe('other kinds of person', () => {
  test('a retiree has no contributions: an empty last page and a note that says why', async () => {
    const res = await list(await login(2))
    expect(res.statusCode).toBe(200)
    const body = res.json() as ContributionsPage
    expect(body.items).toEqual([])
    expect(body.nextCursor).toBeNull()
    expect(body.note).toContain('退休人员不再缴纳医保费')
    expect(body.note).toContain('统筹基金')
  })

  test('one short page: the young employee, four months, no gap', async () => {
    const body = await page(await login(4))
    const rows = await dbContributions(4)
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(body.items.map(key)).toEqual(rows.map((r) => `contribution:${r.id}`))
    expect(body.nextCursor).toBeNull()
  })

  test('a resident pays by year: no employer part, nothing credited, a note about having no personal account', async () => {
    const headers = await login(3)
    const body = await page(headers)
    expect(body.note).toContain('没有个人账户')
    expect(body.items.length).toBeGreaterThanOrEqual(3)
    for (const r of recordsOf(body.items)) {
      expect(r.period).toMatch(/^\d{4}$/)
      expect(r).toMatchObject({ baseFen: 0, employerFen: 0, creditedFen: 0 })
      expect(r.personalFen).toBeGreaterThan(0)
    }
    expect(gapsOf(body.items)).toEqual([])
    // Yearly cursors walk the same list, and year ranges are inclusive.
    expect((await walk(headers, 1)).flatMap((p) => p.items).map(key)).toEqual(body.items.map(key))
    expect((await page(headers, { from: '2024-12-31', to: '2025-01-01' })).items.map((e) => e.period)).toEqual(['2025', '2024'])
  })

  test('another person\'s records never appear, and nothing personal leaves unmasked', async () => {
    const mine = new Set((await dbContributions(4)).map((r) => r.id))
    const res = await list(await login(4), { limit: 100 })
    const body = res.json() as ContributionsPage
    expect(recordsOf(body.items).every((r) => mine.has(r.id))).toBe(true)
    const p1 = new Set((await dbContributions(1)).map((r) => r.id))
    expect(recordsOf(body.items).some((r) => p1.has(r.id))).toBe(false)
    for (const n of [1, 4]) {
      const text = (await list(await login(n), { limit: 100 })).body
      const p = demoPerson(n)
      for (const secret of [p.name, p.phone, p.idNumber, p.cardNumber]) expect(text).not.toContain(secret)
    }
  })
})

describe('who may read', () => {
  test('an unbound login is asked to bind; an unverified one to verify; no token is 401', async () => {
    const unbound = await list(await login('a-fresh-unbound-code'))
    expect([unbound.statusCode, errorOf(unbound).code]).toEqual([403, 'binding_required'])
    const headers = await login(1)
    t.clock.advance(16 * 60_000)
    const stale = await list(headers)
    expect([stale.statusCode, errorOf(stale)]).toEqual([403, { code: 'verification_required', message: '为保护您的医保信息，请先完成身份验证' }])
    expect((await list({})).statusCode).toBe(401)
  })

  test('each read leaves an access-log row with channel and scene; a refused read leaves none', async () => {
    const headers = await login(4)
    const before = await accessCount(4)
    const res = await list({ ...headers, 'x-client-channel': 'alipay', 'x-entry-scene': '1011' }, { limit: 2 })
    expect(res.statusCode).toBe(200)
    expect(await accessCount(4)).toBe(before + 1)
    const row = rowsOf<Record<string, unknown>>(await t.handle.db.execute(sql`
      select resource, channel, scene, actor, person_id::int as person_id from access_logs order by id desc limit 1`))[0]
    expect(row).toEqual({ resource: 'contributions', channel: 'alipay', scene: '1011', actor: 'self', person_id: await personId(4) })
    expect(errorOf(await list(headers, { from: '2025-02-01', to: '2025-01-01' })).code).toBe('validation_failed')
    expect(errorOf(await list(headers, { cursor: 'nope' })).code).toBe('cursor_invalid')
    t.clock.advance(16 * 60_000)
    expect(errorOf(await list(headers)).code).toBe('verification_required')
    expect(await accessCount(4)).toBe(before + 1)
  })
})

// These change the demo data, so they run last.
describe('gaps made to measure', () => {
  test('a four-month gap is reported once, on the page of its newest month, for every page size and range', async () => {
    await removePeriods(1, ['2024-06', '2024-07', '2024-08', '2024-09'])
    const headers = await login(1)
    const full = (await page(headers, { limit: 100 })).items
    const long = gapsOf(full).find((g) => g.fromPeriod === '2024-06')!
    expect(long).toMatchObject({ id: 'gap-2024-06', period: '2024-09', toPeriod: '2024-09', months: 4, ongoing: false, title: '2024年6月至2024年9月 断缴 4 个月' })
    expect(long.explanation).toContain('2024年6月至2024年9月共 4 个月')
    // It sits between 2024-10 and 2024-05.
    const at = full.indexOf(long)
    expect([full[at - 1]!.period, full[at + 1]!.period]).toEqual(['2024-10', '2024-05'])

    for (let limit = 1; limit <= full.length + 1; limit++) {
      const pages = await walk(headers, limit)
      expect(pages.flatMap((p) => p.items).map(key)).toEqual(full.map(key))
      const holding = pages.filter((p) => p.items.some((e) => e.id === 'gap-2024-06'))
      expect(holding).toHaveLength(1)
      // On the page where 2024-09 would be: after every newer item, before every older one.
      const i = pages.indexOf(holding[0]!)
      expect(pages.slice(0, i).flatMap((p) => p.items).every((e) => e.period > '2024-09')).toBe(true)
      expect(pages.slice(i + 1).flatMap((p) => p.items).every((e) => e.period < '2024-09')).toBe(true)
    }
    // A boundary right before the gap: page one ends at 2024-10, page two starts with the gap.
    const before = full.findIndex((e) => e.period === '2024-10') + 1
    const [p1, p2] = await walk(headers, before)
    expect(p1!.items[p1!.items.length - 1]!.period).toBe('2024-10')
    expect(p2!.items[0]!.id).toBe('gap-2024-06')

    // A range that cuts the gap shows it whole, placed at its newest month inside the range.
    const cut = await page(headers, { from: '2024-07-15', to: '2024-08-10' })
    expect(cut.items).toEqual([{ ...long, period: '2024-08' }])
    const tail = await walk(headers, 1, { from: '2024-05-01', to: '2024-07-31' })
    expect(tail.flatMap((p) => p.items).map((e) => `${e.kind}:${e.period}`)).toEqual(['gap:2024-07', 'contribution:2024-05'])
  })

  test('a gap that lasts until now is ongoing, says what to do now; the current month is not a gap yet', async () => {
    const rows = await dbContributions(4)
    const periods = rows.map((r) => r.period).sort()
    expect(periods[periods.length - 1]).toBe('2026-11')
    await removePeriods(4, periods.slice(1)) // keep only the first month, 2026-08
    const body = await page(await login(4))
    expect(body.items.map((e) => `${e.kind}:${e.period}`)).toEqual(['gap:2026-10', 'contribution:2026-08'])
    const gap = gapsOf(body.items)[0]!
    expect(gap).toMatchObject({ fromPeriod: '2026-09', toPeriod: '2026-10', months: 2, ongoing: true })
    expect(gap.explanation).toContain('从2026年9月起已经 2 个月没有缴费记录')
    expect(gap.explanation).toContain('灵活就业')
    expect(gap.explanation).toContain('12393')
  })

  test('a resident\'s missed year is a gap explained the resident way', async () => {
    await removePeriods(3, ['2024'])
    const headers = await login(3)
    const body = await page(headers)
    const gap = gapsOf(body.items)
    expect(gap).toHaveLength(1)
    expect(gap[0]).toMatchObject({ id: 'gap-2024', period: '2024', fromPeriod: '2024', toPeriod: '2024', months: 1, ongoing: false, title: '2024年度 未缴费（断保）' })
    expect(gap[0]!.explanation).toContain('城乡居民医保')
    expect(gap[0]!.explanation).toContain('不能用医保报销')
    expect(gap[0]!.explanation).not.toContain('个人账户')
    expect(body.items.map((e) => e.period)).toEqual([...body.items.map((e) => e.period)].sort().reverse())
    expect((await walk(headers, 1)).flatMap((p) => p.items).map(key)).toEqual(body.items.map(key))
  })
})

describe('query plan', () => {
  interface PlanNode { 'Node Type': string; 'Index Name'?: string; 'Scan Direction'?: string; Plans?: PlanNode[] }
  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)]

  test('a page for a person with many rows is a backward index scan on (person_id, period), with no sort', async () => {
    // 200 persons × 240 months of contributions (48,000 rows), written month by month as a real system receives
    // them (so one person's rows are spread over the table), then fresh statistics.
    await t.handle.db.execute(sql`
      insert into persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash, card_number, insurance_type, region_code)
      select '测试', 'x', 'plan-id-' || g, 'x', 'plan-phone-' || g, 'PLAN' || g, 'employee', '310104' from generate_series(1, 200) g`)
    await t.handle.db.execute(sql`
      insert into contributions (person_id, period, base_fen, employer_fen, personal_fen, credited_fen, paying_unit, paid_at)
      select p.id, to_char(date '2006-01-01' + make_interval(months => m), 'YYYY-MM'), 1000000, 95000, 20000, 20000, '演示单位',
        timestamptz '2006-01-15 10:00+08' + make_interval(months => m)
      from generate_series(0, 239) m cross join persons p where p.card_number like 'PLAN%' order by m, p.id`)
    await t.handle.db.execute(sql`analyze contributions`)
    const pid = Number(rowsOf<{ id: number }>(await t.handle.db.execute(sql`select id from persons where card_number = 'PLAN100'`))[0]!.id)
    const client = (t.handle.db as unknown as { $client: { query: (q: string, p: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } }).$client
    for (const args of [
      { personId: pid, limit: 21 },
      { personId: pid, limit: 21, before: '2015-06' },
      { personId: pid, limit: 21, before: '2015-06', fromPeriod: '2010-01', toPeriod: '2020-12' },
      { personId: pid, limit: 21, fromPeriod: '2012-01' },
    ]) {
      // (When the whole range holds fewer rows than the limit, the planner may instead fetch those few rows with a
      // bitmap scan and sort them: at most `limit` rows of one person, so still cheap. Pages smaller than the range
      // are what must never sort.)
      const q = contributionPageQuery(t.handle.db, args).toSQL()
      const res = await client.query(`explain (format json) ${q.sql}`, q.params)
      const raw = res.rows[0]!['QUERY PLAN']
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[]
      const all = nodes(plan[0]!.Plan)
      expect(all.map((n) => n['Node Type'])).not.toEqual(expect.arrayContaining([expect.stringMatching(/Sort/)]))
      const scan = all.find((n) => n['Node Type'] === 'Index Scan')
      expect(scan).toMatchObject({ 'Index Name': 'contributions_person_period_key', 'Scan Direction': 'Backward' })
    }
    // And the answer for that person is still right: 240 months, no gap.
    const rows = await contributionPageQuery(t.handle.db, { personId: pid, limit: 3 })
    expect(rows.map((r) => r.period)).toEqual(['2025-12', '2025-11', '2025-10'])
  })
})

test('the contract is published', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
  expect(doc.paths['/api/v1/contributions']?.get).toBeDefined()
})
