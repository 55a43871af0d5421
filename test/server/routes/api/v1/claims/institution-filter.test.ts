// 报销进度 filtered by institution (GET /api/v1/claims?institution=<code>, what the hospital page's 我在这里的报销
// lists): only that institution's claims, pages whose cursors are sealed to the filter, with the other filters, and
// the page query still one backward index scan with no sort.
import { and, desc, eq, sql } from 'drizzle-orm'
import { claimPageQuery } from '../../../../../../server/db/repositories/claims'
import { rowsOf } from '../../../../../../server/db/rows'
import { claims, institutions } from '../../../../../../server/db/schema'
import type { ClaimsPage } from '../../../../../../types/api/claims'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

type Headers = Record<string, string>
interface Err { error: { code: string; message: string } }
const INST = 'H31010400001'

const login = (n: number) => demoLogin(t, n)
const get = (query: string, h: Headers) => t.app.inject({ method: 'GET', url: `/api/v1/claims${query}`, headers: h })
async function list (query: string, h: Headers): Promise<ClaimsPage> {
  const res = await get(query, h)
  expect(res.statusCode).toBe(200)
  return res.json() as ClaimsPage
}
const personId = (n: number) => demoPersonId(t.handle.db, n)
async function institutionId (code: string): Promise<number> {
  const [row] = await t.handle.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code))
  return row!.id
}
/** The person's claims at the institution, in list order (submitted_at desc, id desc). */
async function expectedIds (n: number, code: string, stage?: string): Promise<number[]> {
  const rows = await t.handle.db.select({ id: claims.id }).from(claims)
    .where(and(eq(claims.personId, await personId(n)), eq(claims.institutionId, await institutionId(code)), stage ? sql`${claims.stage} = ${stage}` : undefined))
    .orderBy(desc(claims.submittedAt), desc(claims.id))
  return rows.map((r) => r.id)
}
async function walk (query: string, h: Headers): Promise<number[]> {
  const ids: number[] = []
  let cursor: string | null = null
  for (let guard = 0; guard < 100; guard++) {
    const page: ClaimsPage = await list(cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query, h)
    ids.push(...page.items.map((i) => i.id))
    cursor = page.nextCursor
    if (!cursor) return ids
  }
  throw new Error('too many pages')
}

beforeAll(async () => {
  // Person 1 has one demo claim at this hospital; five more (two paid) make several pages.
  const p1 = await personId(1)
  const inst = await institutionId(INST)
  const at = (d: number) => new Date(Date.parse('2026-03-01T10:00:00+08:00') + d * 86_400_000)
  await t.handle.db.insert(claims).values([1, 2, 3, 4, 5].map((d) => ({
    personId: p1, claimNo: `FILTER-${d}`, institutionId: inst, title: '门诊费用零星报销', stage: d % 2 ? 'first_review' as const : 'paid' as const,
    claimedFen: 1000 * d, approvedFen: d % 2 ? null : 900 * d, submittedAt: at(d), updatedAt: at(d),
  })))
})

test('only the claims for care at that institution, newest first, each naming it', async () => {
  const h = await login(1)
  const expected = await expectedIds(1, INST)
  expect(expected).toHaveLength(6)
  const page = await list(`?institution=${INST}`, h)
  expect(page.items.map((i) => i.id)).toEqual(expected)
  expect(new Set(page.items.map((i) => i.institution?.code))).toEqual(new Set([INST]))
  // The unfiltered list has more (claims elsewhere, and ones with no institution).
  expect((await list('', h)).items.length).toBeGreaterThan(expected.length)
})

test('pages follow the filter to the end; with a stage it narrows further', async () => {
  const h = await login(1)
  expect(await walk(`?institution=${INST}&limit=2`, h)).toEqual(await expectedIds(1, INST))
  expect(await walk(`?institution=${INST}&stage=paid&limit=1`, h)).toEqual(await expectedIds(1, INST, 'paid'))
})

test('a cursor is sealed to its filter: one made without it, or for another institution, is 400 cursor_invalid', async () => {
  const h = await login(1)
  const unfiltered = (await list('?limit=1', h)).nextCursor!
  const filtered = (await list(`?institution=${INST}&limit=1`, h)).nextCursor!
  const err = async (q: string) => { const r = await get(q, h); return [r.statusCode, (r.json() as Err).error.code] }
  expect(await err(`?institution=${INST}&limit=1&cursor=${encodeURIComponent(unfiltered)}`)).toEqual([400, 'cursor_invalid'])
  expect(await err(`?institution=H31010400002&limit=1&cursor=${encodeURIComponent(filtered)}`)).toEqual([400, 'cursor_invalid'])
  expect(await err(`?limit=1&cursor=${encodeURIComponent(filtered)}`)).toEqual([400, 'cursor_invalid'])
  expect((await get(`?institution=${INST}&limit=1&cursor=${encodeURIComponent(filtered)}`, h)).statusCode).toBe(200)
})

test('another person sees only their own claims there; an institution nobody has claims at gives an empty list', async () => {
  expect((await list(`?institution=${INST}`, await login(2))).items).toEqual([])
  expect(await list('?institution=H99999900001', await login(1))).toEqual({ items: [], nextCursor: null })
})

test('a malformed institution code is a 400 that says what to do', async () => {
  const res = await get('?institution=h31010400001', await login(1))
  expect(res.json()).toEqual({ error: { code: 'validation_failed', message: '医疗机构编码不正确，请从机构列表中选择' } })
})

test('EXPLAIN: still a backward index scan on claims_person_idx with no sort, the institution an init plan', async () => {
  // A person with thousands of claims, half of them at this hospital, among other people's: the shape the page
  // query is built for (a handful of rows is read by whatever plan, and that is fine too).
  const people = [await personId(1), await personId(2), await personId(3), await personId(4)]
  const here = await institutionId(INST)
  const elsewhere = await institutionId('H31010400002')
  const start = Date.parse('2020-01-01T09:00:00+08:00')
  const bulk = Array.from({ length: 6000 }, (_, i) => ({
    personId: i % 2 ? people[0]! : people[1 + (i % 3)]!, claimNo: `BULKF${i}`, title: '批量', stage: 'submitted' as const, claimedFen: 1000,
    institutionId: i % 4 === 1 ? here : elsewhere, submittedAt: new Date(start + i * 3600_000), updatedAt: new Date(start + i * 3600_000),
  }))
  for (let i = 0; i < bulk.length; i += 1000) await t.handle.db.insert(claims).values(bulk.slice(i, i + 1000))
  await t.handle.db.execute(sql`analyze claims`)
  await t.handle.db.execute(sql`analyze institutions`)
  const q = claimPageQuery(t.handle.db, { personId: await personId(1), limit: 21, institution: INST, before: { t: new Date('2027-01-01T00:00:00Z'), id: 1_000_000 } })
  const res = await t.handle.db.execute(sql`explain (format json) ${q.getSQL()}`)
  const raw = rowsOf<Record<string, unknown>>(res)[0]!['QUERY PLAN']
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }]
  const nodes = flatten(plan[0].Plan)
  const scan = nodes.find((n) => n['Relation Name'] === 'claims')
  expect({ type: scan?.['Node Type'], index: scan?.['Index Name'], direction: scan?.['Scan Direction'] })
    .toEqual({ type: 'Index Scan', index: 'claims_person_idx', direction: 'Backward' })
  expect(nodes.filter((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort')).toEqual([])
  expect((await q).map((r) => r.id)).toEqual((await expectedIds(1, INST)).slice(0, 21))
})

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] }
function flatten (n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(flatten)]
}
