// 账户余额's `thisYear` over HTTP: every figure against an independent sum of the person's own database rows (China
// year computed here with Intl and Asia/Shanghai, not with the server's arithmetic), the ledger reconciliation, a
// resident's premiums, the year boundary in China time, no other person's rows, the OpenAPI schema, and the plans of
// the aggregate queries at thousands of rows.
import { eq, inArray, sql } from 'drizzle-orm'
import { rowsOf } from '../../../../../../server/db/rows'
import { claims, contributions, institutions, ledgerEntries, settlements } from '../../../../../../server/db/schema'
import { chinaTime } from '../../../../../../server/demo/generator'
import { claimYearQuery, ledgerYearQuery, premiumQuery, settlementYearQuery } from '../../../../../../server/domain/account'
import type { AccountSummary, AccountYear } from '../../../../../../types/api/account'
import { makeTestApp, TEST_AS_OF, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

const EMPLOYEE = 1
const RETIREE = [1, 2, 3, 4].find((n) => demoPerson(n).insuranceType === 'retiree')!
const RESIDENT = [1, 2, 3, 4].find((n) => demoPerson(n).insuranceType === 'resident')!
const NEWCOMER = 4 // an employee with four months of history: nothing of last year, a clean slate for the boundary

const login = (n: number) => demoLogin(t, n)
async function summary (n: number): Promise<AccountSummary> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: await login(n) })
  expect(res.statusCode).toBe(200)
  return res.json() as AccountSummary
}
const personId = (n: number) => demoPersonId(t.handle.db, n)
async function institutionId (code: string): Promise<number> {
  const [row] = await t.handle.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code))
  return row!.id
}

/** The China calendar year of an instant, by the time-zone database rather than a fixed offset. */
const chinaYear = (d: Date) => Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d))
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
/** A debit as a positive amount (0 − x, so that nothing becomes −0). */
const out = (x: number) => 0 - x

/** The person's rows, read plainly, and what this year's figures must be, summed here in JavaScript. */
async function fromRows (n: number) {
  const id = await personId(n)
  const db = t.handle.db
  const asOf = TEST_AS_OF
  const year = chinaYear(asOf)
  const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.personId, id))
  const ownSettlements = await db.select({ s: settlements, kind: institutions.kind }).from(settlements)
    .innerJoin(institutions, eq(institutions.id, settlements.institutionId)).where(eq(settlements.personId, id))
  const ownClaims = await db.select().from(claims).where(eq(claims.personId, id))
  const ownContributions = await db.select().from(contributions).where(eq(contributions.personId, id))
  const kindOf = new Map(ownSettlements.map((r) => [r.s.id, r.kind]))
  const resident = demoPerson(n).insuranceType === 'resident'

  const known = ledger.filter((e) => e.postedAt.getTime() <= asOf.getTime())
  const thisYear = known.filter((e) => chinaYear(e.occurredAt) === year)
  const net = (pred: (e: typeof ledger[number]) => boolean) => sum(thisYear.filter(pred).map((e) => e.amountFen))
  const isPharmacy = (e: typeof ledger[number]) => e.settlementId !== null && kindOf.get(e.settlementId) === 'pharmacy'
  const visits = ownSettlements.map((r) => r.s).filter((s) => chinaYear(s.settledAt) === year && s.settledAt.getTime() <= asOf.getTime())
  const expected: AccountYear = {
    year,
    openingBalanceFen: resident ? 0 : sum(known.filter((e) => chinaYear(e.occurredAt) < year).map((e) => e.amountFen)),
    creditedFen: resident ? 0 : net((e) => e.kind === 'contribution' || e.kind === 'retiree_allocation'),
    adjustmentsFen: resident ? 0 : net((e) => e.kind === 'adjustment'),
    spentAtHospitalsFen: resident ? 0 : out(net((e) => e.kind === 'consumption' && !isPharmacy(e))),
    spentAtPharmaciesFen: resident ? 0 : out(net((e) => e.kind === 'consumption' && isPharmacy(e))),
    mutualAidFen: resident ? 0 : out(net((e) => e.kind === 'mutual_aid')),
    settlementCount: visits.length,
    settlementTotalFen: sum(visits.map((s) => s.totalFen)),
    fundPaidFen: sum(visits.map((s) => s.fundFen)),
    premiums: resident
      ? ownContributions.filter((c) => /^\d{4}$/.test(c.period)).sort((a, b) => b.period.localeCompare(a.period)).slice(0, 3)
        .map((c) => ({ year: Number(c.period), amountFen: c.personalFen, paidAt: c.paidAt.toISOString() }))
      : [],
    claimsInProgress: ownClaims.filter((c) => c.stage !== 'paid' && c.stage !== 'rejected').length,
    claimsPaidFen: sum(ownClaims.filter((c) => c.stage === 'paid' && chinaYear(c.updatedAt) === year).map((c) => c.approvedFen ?? 0)),
  }
  return { id, year, ledger, known, thisYear, visits, ownContributions, expected }
}

describe('the demo persons', () => {
  test('an employee: every figure is the sum of their own rows, and the ledger reconciles with the balance', async () => {
    const body = await summary(EMPLOYEE)
    const rows = await fromRows(EMPLOYEE)
    expect(body.thisYear).toEqual(rows.expected)
    const y = body.thisYear
    expect(y.year).toBe(2026) // TEST_AS_OF is 2026-11-20 China time
    // The demo employee's year has all of it: contributions, own spending at both kinds of place, a family premium
    // or a relative's bill, visits and a claim paid this year (test/server/demo pins the stories).
    expect(y.creditedFen).toBeGreaterThan(0)
    expect(y.spentAtHospitalsFen + y.spentAtPharmaciesFen).toBeGreaterThan(0)
    expect(y.settlementCount).toBeGreaterThan(0)
    expect(y.premiums).toEqual([])

    // Reconciliation: the balance is the opening balance plus this year's movements, figure by figure.
    expect(body.balanceFen).toBe(y.openingBalanceFen + y.creditedFen + y.adjustmentsFen - y.spentAtHospitalsFen - y.spentAtPharmaciesFen - y.mutualAidFen)
    expect(body.balanceFen).toBe(sum(rows.known.map((e) => e.amountFen)))
    // creditedFen is this year's credit postings, and each of them is a contribution's credited part.
    const credits = rows.thisYear.filter((e) => e.kind === 'contribution')
    expect(y.creditedFen).toBe(sum(credits.map((e) => e.amountFen)))
    const byId = new Map(rows.ownContributions.map((c) => [c.id, c]))
    expect(y.creditedFen).toBe(sum(credits.map((e) => byId.get(e.contributionId!)!.creditedFen)))
    // The account-paid parts of this year's settlements (own: accountFen; relatives': mutualAidFen) plus the premiums
    // paid for relatives are exactly this year's debits.
    const debits = rows.thisYear.filter((e) => e.amountFen < 0)
    const premiumsForRelatives = -sum(debits.filter((e) => e.kind === 'mutual_aid' && e.settlementId === null).map((e) => e.amountFen))
    expect(sum(rows.visits.map((s) => s.accountFen + s.mutualAidFen)) + premiumsForRelatives).toBe(-sum(debits.map((e) => e.amountFen)))
    expect(y.spentAtHospitalsFen + y.spentAtPharmaciesFen).toBe(sum(rows.visits.map((s) => s.accountFen)))
    expect(y.mutualAidFen).toBe(sum(rows.visits.map((s) => s.mutualAidFen)) + premiumsForRelatives)
  })

  test('a retiree: credited is the monthly allocation from the pooled fund; no premiums', async () => {
    const body = await summary(RETIREE)
    const rows = await fromRows(RETIREE)
    expect(body.thisYear).toEqual(rows.expected)
    const allocations = rows.thisYear.filter((e) => e.kind === 'retiree_allocation')
    expect(allocations.length).toBeGreaterThan(0)
    expect(rows.thisYear.filter((e) => e.kind === 'contribution')).toEqual([])
    expect(body.thisYear.creditedFen).toBe(sum(allocations.map((e) => e.amountFen)))
    expect(body.thisYear.premiums).toEqual([])
    const y = body.thisYear
    expect(body.balanceFen).toBe(y.openingBalanceFen + y.creditedFen + y.adjustmentsFen - y.spentAtHospitalsFen - y.spentAtPharmaciesFen - y.mutualAidFen)
  })

  test('last year\'s year-end interest is dated 31 December and posted in January: it belongs to last year', async () => {
    const rows = await fromRows(EMPLOYEE)
    const interest = rows.known.filter((e) => e.kind === 'adjustment' && chinaYear(e.occurredAt) === rows.year - 1 && chinaYear(e.postedAt) === rows.year)
    expect(interest.length).toBe(1)
    const body = await summary(EMPLOYEE)
    expect(body.thisYear.adjustmentsFen).toBe(sum(rows.thisYear.filter((e) => e.kind === 'adjustment').map((e) => e.amountFen)))
    expect(body.thisYear.openingBalanceFen).toBe(sum(rows.known.filter((e) => e.occurredAt.getTime() < chinaTime(rows.year, 1, 1).getTime()).map((e) => e.amountFen)))
  })

  test('a resident: no account figures, their visits, their three newest premiums newest first, their claims', async () => {
    const body = await summary(RESIDENT)
    const rows = await fromRows(RESIDENT)
    expect(body.hasPersonalAccount).toBe(false)
    expect(body.thisYear).toEqual(rows.expected)
    const y = body.thisYear
    expect([y.openingBalanceFen, y.creditedFen, y.adjustmentsFen, y.spentAtHospitalsFen, y.spentAtPharmaciesFen, y.mutualAidFen]).toEqual([0, 0, 0, 0, 0, 0])
    expect(y.settlementCount).toBeGreaterThan(0)
    expect(y.fundPaidFen).toBeGreaterThan(0)
    expect(y.fundPaidFen).toBeLessThanOrEqual(y.settlementTotalFen)
    expect(y.claimsInProgress).toBeGreaterThan(0)
    // About three years of yearly payments: the list stops at three, newest year first, each the person's own payment.
    expect(rows.ownContributions.length).toBeGreaterThan(3)
    expect(y.premiums).toHaveLength(3)
    const years = y.premiums.map((p) => p.year)
    expect(years).toEqual([...years].sort((a, b) => b - a))
    expect(new Set(years).size).toBe(3)
    for (const p of y.premiums) {
      const row = rows.ownContributions.find((c) => c.period === String(p.year))!
      expect(p).toEqual({ year: Number(row.period), amountFen: row.personalFen, paidAt: row.paidAt.toISOString() })
      expect(p.amountFen).toBeGreaterThan(0)
    }
  })
})

describe('the year boundary and other persons', () => {
  // Rows written for the newcomer, removed again afterwards.
  const added = { ledger: [] as number[], settlements: [] as number[], claims: [] as number[] }
  afterAll(async () => {
    const db = t.handle.db
    if (added.ledger.length) await db.delete(ledgerEntries).where(inArray(ledgerEntries.id, added.ledger))
    if (added.settlements.length) await db.delete(settlements).where(inArray(settlements.id, added.settlements))
    if (added.claims.length) await db.delete(claims).where(inArray(claims.id, added.claims))
  })

  test('31 December 23:59 China time is last year, 1 January 00:30 is this year; a posting not arrived yet counts nowhere', async () => {
    const db = t.handle.db
    const id = await personId(NEWCOMER)
    const others = [EMPLOYEE, RETIREE, RESIDENT]
    const before = await summary(NEWCOMER)
    const othersBefore = await Promise.all(others.map(async (n) => (await summary(n)).thisYear))
    const pharmacy = await institutionId('P33010600001')
    const hospital = await institutionId('H33010600001')
    const year = chinaYear(TEST_AS_OF)
    const lastEve = new Date(chinaTime(year, 1, 1).getTime() - 1) // 31 December 23:59:59.999, China time
    const newYear = chinaTime(year, 1, 1, 0, 30)
    const posted = (d: Date) => new Date(d.getTime() + 2 * 86_400_000)

    const s = await db.insert(settlements).values([
      { personId: id, institutionId: pharmacy, visitType: 'pharmacy', settledAt: lastEve, totalFen: 7_000, fundFen: 0, accountFen: 7_000, mutualAidFen: 0, selfFen: 0 },
      { personId: id, institutionId: pharmacy, visitType: 'pharmacy', settledAt: newYear, totalFen: 3_000, fundFen: 0, accountFen: 3_000, mutualAidFen: 0, selfFen: 0 },
      { personId: id, institutionId: hospital, visitType: 'outpatient', settledAt: newYear, totalFen: 10_000, fundFen: 5_000, accountFen: 0, mutualAidFen: 2_000, selfFen: 3_000, beneficiaryName: '林小禾', beneficiaryRelation: '女儿' },
    ]).returning({ id: settlements.id })
    added.settlements.push(...s.map((r) => r.id))
    const [eveSettlement, newYearSettlement, relativeSettlement] = s.map((r) => r.id) as [number, number, number]
    const l = await db.insert(ledgerEntries).values([
      { personId: id, kind: 'contribution', amountFen: 11_100, occurredAt: lastEve, postedAt: posted(lastEve) },
      { personId: id, kind: 'contribution', amountFen: 22_200, occurredAt: newYear, postedAt: posted(newYear) },
      { personId: id, kind: 'adjustment', amountFen: 400, occurredAt: lastEve, postedAt: posted(lastEve), note: '结息' },
      { personId: id, kind: 'consumption', amountFen: -7_000, occurredAt: lastEve, postedAt: posted(lastEve), settlementId: eveSettlement },
      { personId: id, kind: 'consumption', amountFen: -3_000, occurredAt: newYear, postedAt: posted(newYear), settlementId: newYearSettlement },
      { personId: id, kind: 'mutual_aid', amountFen: -2_000, occurredAt: newYear, postedAt: posted(newYear), settlementId: relativeSettlement, counterpartyName: '林小禾' },
      { personId: id, kind: 'mutual_aid', amountFen: -4_000, occurredAt: lastEve, postedAt: posted(lastEve), counterpartyName: '林大海', note: '家庭共济：为父亲缴纳城乡居民医保' },
      // Happened this year but not yet arrived at the sync time: neither in the balance nor in this year.
      { personId: id, kind: 'contribution', amountFen: 99_900, occurredAt: new Date(TEST_AS_OF.getTime() - 3600_000), postedAt: new Date(TEST_AS_OF.getTime() + 3600_000) },
    ]).returning({ id: ledgerEntries.id })
    added.ledger.push(...l.map((r) => r.id))
    const c = await db.insert(claims).values([
      { personId: id, claimNo: 'BXTEST-EVE', title: '门诊费用报销', stage: 'paid', claimedFen: 5_000, approvedFen: 4_100, submittedAt: chinaTime(year - 1, 12, 1), updatedAt: lastEve },
      { personId: id, claimNo: 'BXTEST-NEW', title: '门诊费用报销', stage: 'paid', claimedFen: 6_000, approvedFen: 5_200, submittedAt: chinaTime(year - 1, 12, 2), updatedAt: newYear },
      { personId: id, claimNo: 'BXTEST-OPEN', title: '门诊费用报销', stage: 'materials_needed', claimedFen: 6_000, submittedAt: chinaTime(year - 1, 12, 3), updatedAt: newYear },
      { personId: id, claimNo: 'BXTEST-NO', title: '门诊费用报销', stage: 'rejected', claimedFen: 6_000, submittedAt: chinaTime(year - 1, 12, 4), updatedAt: newYear },
    ]).returning({ id: claims.id })
    added.claims.push(...c.map((r) => r.id))

    const after = await summary(NEWCOMER)
    const a = after.thisYear
    const b = before.thisYear
    expect(a).toEqual((await fromRows(NEWCOMER)).expected)
    // Only the 1 January rows moved this year's figures.
    expect(a.creditedFen - b.creditedFen).toBe(22_200)
    expect(a.adjustmentsFen - b.adjustmentsFen).toBe(0)
    expect(a.spentAtPharmaciesFen - b.spentAtPharmaciesFen).toBe(3_000)
    expect(a.spentAtHospitalsFen - b.spentAtHospitalsFen).toBe(0)
    expect(a.mutualAidFen - b.mutualAidFen).toBe(2_000)
    expect(a.settlementCount - b.settlementCount).toBe(2)
    expect(a.settlementTotalFen - b.settlementTotalFen).toBe(13_000)
    expect(a.fundPaidFen - b.fundPaidFen).toBe(5_000)
    expect(a.claimsPaidFen - b.claimsPaidFen).toBe(5_200)
    expect(a.claimsInProgress - b.claimsInProgress).toBe(1)
    // The 31 December rows went into the opening balance, and the balance still reconciles.
    expect(a.openingBalanceFen - b.openingBalanceFen).toBe(11_100 + 400 - 7_000 - 4_000)
    expect(after.balanceFen - before.balanceFen).toBe(11_100 + 22_200 + 400 - 7_000 - 3_000 - 2_000 - 4_000)
    expect(after.balanceFen).toBe(a.openingBalanceFen + a.creditedFen + a.adjustmentsFen - a.spentAtHospitalsFen - a.spentAtPharmaciesFen - a.mutualAidFen)

    // Nobody else's figures moved, and each still equals the sums of their own rows.
    for (const [i, n] of others.entries()) {
      const now = (await summary(n)).thisYear
      expect(now).toEqual(othersBefore[i])
      expect(now).toEqual((await fromRows(n)).expected)
    }
  })

  test('no way to ask for another person\'s figures: a person id in the query is ignored, the answer is one\'s own', async () => {
    const own = await fromRows(EMPLOYEE)
    const h = await login(EMPLOYEE)
    for (const q of [`?personId=${await personId(NEWCOMER)}`, `?person=${NEWCOMER}`, `?id=${await personId(RESIDENT)}`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/account${q}`, headers: h })
      expect(res.statusCode).toBe(200)
      expect((res.json() as AccountSummary).thisYear).toEqual(own.expected)
    }
  })
})

test('the OpenAPI document lists thisYear with every field required', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, { required?: string[]; properties?: Record<string, unknown> }>; required: string[] } }> }> }>>
  }
  const schema = doc.paths['/api/v1/account']!.get!.responses['200']!.content['application/json']!.schema
  expect(schema.required).toContain('thisYear')
  const y = schema.properties.thisYear!
  const fields = ['year', 'openingBalanceFen', 'creditedFen', 'adjustmentsFen', 'spentAtHospitalsFen', 'spentAtPharmaciesFen', 'mutualAidFen',
    'settlementCount', 'settlementTotalFen', 'fundPaidFen', 'premiums', 'claimsInProgress', 'claimsPaidFen']
  expect(Object.keys(y.properties ?? {}).sort()).toEqual([...fields].sort())
  expect([...(y.required ?? [])].sort()).toEqual([...fields].sort())
})

describe('the aggregate queries at scale', () => {
  type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] }
  const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)]
  async function plan (q: { getSQL: () => ReturnType<typeof sql> }): Promise<PlanNode[]> {
    const res = await t.handle.db.execute(sql`explain (format json) ${q.getSQL()}`)
    const raw = rowsOf<Record<string, unknown>>(res)[0]!['QUERY PLAN']
    return flatten(((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }])[0].Plan)
  }
  /** The table is reached through this index (plain, index-only or bitmap scan), never scanned whole. */
  function expectIndex (nodes: PlanNode[], relation: string, index: string): void {
    const onTable = nodes.filter((n) => n['Relation Name'] === relation)
    expect(onTable.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([])
    const used = nodes.filter((n) => n['Index Name'] === index).map((n) => n['Node Type'])
    expect(used).toEqual([expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/)])
  }

  test('EXPLAIN with thousands of other rows: each figure reads only this person\'s rows through its index', async () => {
    const db = t.handle.db
    const [p1, p2, p3, p4] = [await personId(1), await personId(2), await personId(3), await personId(4)]
    const inst = await institutionId('H31010400001')
    const start = Date.parse('2010-01-01T09:00:00+08:00')
    const at = (i: number) => new Date(start + i * 6 * 3600_000)
    const owners = [p2, p3, p4] // person 1's figures are then a small part of each table
    const ins = { ledger: [] as number[], settlements: [] as number[], claims: [] as number[], contributions: [] as number[] }
    try {
      for (let k = 0; k < 4; k++) {
        const base = k * 1000
        const s = await db.insert(settlements).values(Array.from({ length: 1000 }, (_, j) => ({
          personId: owners[(base + j) % 3]!, institutionId: inst, visitType: 'outpatient' as const, settledAt: at(base + j),
          totalFen: 1_000, fundFen: 500, accountFen: 500, mutualAidFen: 0, selfFen: 0,
        }))).returning({ id: settlements.id })
        ins.settlements.push(...s.map((r) => r.id))
        const l = await db.insert(ledgerEntries).values(Array.from({ length: 1000 }, (_, j) => ({
          personId: owners[(base + j) % 3]!, kind: 'consumption' as const, amountFen: -500, occurredAt: at(base + j), postedAt: at(base + j + 4), settlementId: s[j]!.id,
        }))).returning({ id: ledgerEntries.id })
        ins.ledger.push(...l.map((r) => r.id))
        const c = await db.insert(claims).values(Array.from({ length: 1000 }, (_, j) => ({
          personId: owners[(base + j) % 3]!, claimNo: `BXSCALE${base + j}`, title: '门诊费用报销', stage: 'paid' as const,
          claimedFen: 1_000, approvedFen: 800, submittedAt: at(base + j), updatedAt: at(base + j + 8),
        }))).returning({ id: claims.id })
        ins.claims.push(...c.map((r) => r.id))
      }
      // Residents pay yearly: 1,200 monthly periods each for the others are what the premium list must skip past.
      for (const owner of [p1, p2, p4]) {
        const rows = Array.from({ length: 1200 }, (_, j) => ({
          personId: owner, period: `${1900 + Math.floor(j / 12)}-${String((j % 12) + 1).padStart(2, '0')}`, baseFen: 0, employerFen: 0,
          personalFen: 100, creditedFen: 100, payingUnit: '测试', paidAt: at(j),
        }))
        ins.contributions.push(...(await db.insert(contributions).values(rows).returning({ id: contributions.id })).map((r) => r.id))
      }
      for (const table of ['settlements', 'ledger_entries', 'claims', 'contributions', 'institutions']) await db.execute(sql.raw(`analyze ${table}`))

      const year = chinaYear(TEST_AS_OF)
      const from = chinaTime(year, 1, 1)
      expectIndex(await plan(ledgerYearQuery(db, { personId: p1, from, postedUpTo: TEST_AS_OF })), 'ledger_entries', 'ledger_person_time_id_idx')
      expectIndex(await plan(settlementYearQuery(db, { personId: p1, from, to: TEST_AS_OF })), 'settlements', 'settlements_person_time_idx')
      expectIndex(await plan(claimYearQuery(db, { personId: p1, from, to: chinaTime(year + 1, 1, 1) })), 'claims', 'claims_person_idx')
      const premiums = premiumQuery(db, p3)
      expectIndex(await plan(premiums), 'contributions', 'contributions_person_period_key')
      // The settlements a ledger row links to are found by key, not by scanning the table.
      expect((await plan(ledgerYearQuery(db, { personId: p1, from, postedUpTo: TEST_AS_OF }))).filter((n) => n['Relation Name'] === 'settlements' && n['Node Type'] === 'Seq Scan')).toEqual([])
      // And the rows of 2010–2012 did not reach this year's figures.
      for (const n of [1, 2, 3, 4]) expect((await summary(n)).thisYear).toEqual((await fromRows(n)).expected)
      expect((await premiums).map((p) => p.period)).toEqual((await fromRows(RESIDENT)).expected.premiums.map((p) => String(p.year)))
    } finally {
      if (ins.ledger.length) await db.delete(ledgerEntries).where(inArray(ledgerEntries.id, ins.ledger))
      if (ins.settlements.length) await db.delete(settlements).where(inArray(settlements.id, ins.settlements))
      if (ins.claims.length) await db.delete(claims).where(inArray(claims.id, ins.claims))
      if (ins.contributions.length) await db.delete(contributions).where(inArray(contributions.id, ins.contributions))
    }
  }, 120_000)
})
