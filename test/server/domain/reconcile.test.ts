// The balance always equals the sum of postings. Random ledgers (contributions, retiree allocations, settlements
// paid partly from the account, family mutual aid, interest and other adjustments, some posted after the sync time)
// go through the seed's write path; then the account summary must show the sum of what was posted, and reconcile
// must find nobody. Then one posting or one source document is corrupted, and reconcile must name exactly that person
// with exactly the difference.
// Failures end at once with the first counterexample (no shrinking): the data sets are small enough to read.
import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import type { DbHandle } from '../../../server/db'
import { rowsOf } from '../../../server/db/rows'
import { accountSummary } from '../../../server/domain/account'
import { reconcile } from '../../../server/domain/reconcile'
import { DataCipher } from '../../../server/domain/secrets'
import { checkDigit } from '../../../server/domain/gb11643'
import { maskName } from '../../../server/domain/mask'
import {
  DEMO_INSTITUTIONS, DEMO_VERSION, generateBulk, type DemoContribution, type DemoData, type DemoLedgerEntry,
  type DemoPersonData, type DemoSettlement, type InsuranceType,
} from '../../../server/demo/generator'
import { writeDemoData } from '../../../server/demo/seed'
import { TestClock } from '../../support/app'
import { testDb } from '../../support/db'

const MINUTE = 60_000
const DAY = 86_400_000
const AS_OF = new Date('2026-11-20T08:00:00+08:00')
/** Events fall in the 400 days before AS_OF; postings arrive 1–3 days later, so some land after it. */
const SPAN_MIN = 400 * 24 * 60
const cipher = new DataCipher('a-test-data-key-that-is-long-enough-0123456789')
const clock = new TestClock(new Date(AS_OF.getTime() + 3 * 3600_000))
/** Each run rewrites the whole data set; on PostgreSQL (CI) a run takes about half a second, so allow more than the default. */
const LONG = 120_000

let handle: DbHandle
beforeAll(async () => { handle = await testDb() })
afterAll(async () => { await handle.close() })

// --- generated ledgers --------------------------------------------------------------------------------------------

interface GenContribution { month: number; day: number; baseFen: number; creditedPct: number; postMin: number; late: boolean }
interface GenSettlement { atMin: number; postMin: number; totalFen: number; fundPct: number; accountPct: number; forRelative: boolean }
interface GenExtra { kind: 'retiree_allocation' | 'adjustment' | 'premium'; amountFen: number; atMin: number; postMin: number }
interface GenPerson { type: InsuranceType; contributions: GenContribution[]; settlements: GenSettlement[]; extras: GenExtra[] }

/** A moment in the window, often in its last few days so that postings straddle the sync time. */
const atMin = fc.oneof(fc.integer({ min: 0, max: SPAN_MIN - 1 }), fc.integer({ min: SPAN_MIN - 5 * 24 * 60, max: SPAN_MIN - 1 }))
const postMin = fc.integer({ min: 24 * 60, max: 3 * 24 * 60 })

const contributionArb = fc.record({
  month: fc.integer({ min: 0, max: 13 }), // months back from November 2026
  day: fc.integer({ min: 1, max: 28 }),
  baseFen: fc.integer({ min: 300_000, max: 3_500_000 }),
  creditedPct: fc.constantFrom(100, 100, 100, 50, 0), // mostly the whole personal part, as since 2021
  postMin, late: fc.boolean(),
})
const settlementArb = fc.record({
  atMin, postMin,
  totalFen: fc.integer({ min: 1, max: 2_000_000 }),
  fundPct: fc.integer({ min: 0, max: 90 }),
  accountPct: fc.integer({ min: 0, max: 100 }),
  forRelative: fc.boolean(),
})
const extraArb = (kinds: GenExtra['kind'][]) => fc.record({
  kind: fc.constantFrom(...kinds),
  amountFen: fc.integer({ min: 1, max: 50_000 }),
  atMin, postMin,
})

const personArb = (type: InsuranceType): fc.Arbitrary<GenPerson> => fc.record({
  type: fc.constant(type),
  contributions: type === 'retiree' ? fc.constant([]) : fc.uniqueArray(contributionArb, { maxLength: 14, selector: (c) => c.month }),
  settlements: fc.array(settlementArb, { maxLength: 8 }),
  extras: type === 'resident' ? fc.constant([])
    : fc.array(extraArb(type === 'retiree' ? ['retiree_allocation', 'adjustment', 'premium'] : ['adjustment', 'premium']), { maxLength: 6 }),
})
const anyPersonArb = fc.constantFrom<InsuranceType>('employee', 'retiree', 'resident').chain(personArb)
const ledgersArb = fc.array(anyPersonArb, { minLength: 1, maxLength: 5 })

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const minutesIn = (m: number) => new Date(AS_OF.getTime() - SPAN_MIN * MINUTE + m * MINUTE)

/** Turns generated persons into the generator's plain data shape, the ledger derived from the documents. */
function toDemoData (people: GenPerson[]): DemoData {
  const persons: DemoPersonData[] = people.map((g, i) => {
    const n = i + 1
    const first17 = `11990119800101${pad(n, 3)}`
    const contributions: DemoContribution[] = []
    const settlements: DemoSettlement[] = []
    const ledger: DemoLedgerEntry[] = []
    for (const c of g.contributions) {
      const [y, m] = c.month < 11 ? [2026, 11 - c.month] : [2025, 23 - c.month]
      const period = g.type === 'resident' ? String(2026 - (c.month % 3)) : `${y}-${pad(m)}`
      if (contributions.some((x) => x.period === period)) continue
      const paidAt = new Date(Math.min(Date.UTC(y, m - 1, c.day, 2), AS_OF.getTime() - MINUTE))
      const postedAt = new Date(paidAt.getTime() + c.postMin * MINUTE)
      const personalFen = g.type === 'resident' ? 40_000 : Math.round(c.baseFen * 0.02)
      const creditedFen = g.type === 'resident' ? 0 : Math.floor(personalFen * c.creditedPct / 100)
      const key = `${n}:c:${period}`
      contributions.push({
        key, period, baseFen: g.type === 'resident' ? 0 : c.baseFen, employerFen: g.type === 'resident' ? 0 : Math.round(c.baseFen * 0.095),
        personalFen, creditedFen, payingUnit: '测试单位', latePaid: c.late, paidAt, postedAt,
      })
      if (creditedFen > 0) {
        ledger.push({ kind: 'contribution', amountFen: creditedFen, occurredAt: paidAt, postedAt, contributionKey: key, settlementKey: null, counterpartyName: null, note: null })
      }
    }
    g.settlements.forEach((s, k) => {
      const settledAt = minutesIn(s.atMin)
      const postedAt = new Date(settledAt.getTime() + s.postMin * MINUTE)
      const fundFen = Math.floor(s.totalFen * s.fundPct / 100)
      const rest = s.totalFen - fundFen
      const fromAccount = g.type === 'resident' ? 0 : Math.floor(rest * s.accountPct / 100)
      const key = `${n}:s:${k}`
      settlements.push({
        key, institutionCode: DEMO_INSTITUTIONS[0]!.code, visitType: 'outpatient', settledAt, postedAt, totalFen: s.totalFen, fundFen,
        accountFen: s.forRelative ? 0 : fromAccount, mutualAidFen: s.forRelative ? fromAccount : 0, selfFen: rest - fromAccount,
        beneficiaryName: s.forRelative ? '测小满' : null, beneficiaryRelation: s.forRelative ? '女儿' : null,
        items: [{ name: '诊查费', category: 'A', quantity: 1, amountFen: s.totalFen, fundCoveredFen: fundFen }],
      })
      if (fromAccount > 0) {
        ledger.push({ kind: s.forRelative ? 'mutual_aid' : 'consumption', amountFen: -fromAccount, occurredAt: settledAt, postedAt,
          contributionKey: null, settlementKey: key, counterpartyName: s.forRelative ? '测小满' : null, note: null })
      }
    })
    for (const e of g.extras) {
      const occurredAt = minutesIn(e.atMin)
      const postedAt = new Date(occurredAt.getTime() + e.postMin * MINUTE)
      const amountFen = e.kind === 'premium' ? -e.amountFen : e.kind === 'adjustment' && e.amountFen % 3 === 0 ? -e.amountFen : e.amountFen
      ledger.push({ kind: e.kind === 'premium' ? 'mutual_aid' : e.kind, amountFen, occurredAt, postedAt, contributionKey: null, settlementKey: null,
        counterpartyName: e.kind === 'premium' ? '测国栋' : null, note: null })
    }
    return {
      facts: {
        n, name: `测试${'甲乙丙丁戊'[i]}`, insuranceType: g.type, regionCode: '310104', phone: `1390000${pad(n, 4)}`,
        idNumber: first17 + checkDigit(first17), cardNumber: `PT${pad(n, 8)}`, queryPassword: '246810',
        wechatCode: `wx-prop-${n}`, alipayCode: `alipay-prop-${n}`, wechatSubject: `prop-wechat-${n}`, alipaySubject: `prop-alipay-${n}`,
      },
      contributions, settlements, ledger, claims: [],
      balanceFen: ledger.reduce((sum, e) => sum + e.amountFen, 0),
    }
  })
  return { version: DEMO_VERSION, seed: 0, asOf: AS_OF, institutions: DEMO_INSTITUTIONS.map((x) => ({ ...x })), persons }
}

async function write (data: DemoData): Promise<Map<string, number>> {
  await writeDemoData(handle.db, data, { cipher, production: false })
  const rows = rowsOf<{ id: number; card_number: string }>(await handle.db.execute(sql`select id::int as id, card_number from persons`))
  return new Map(rows.map((r) => [r.card_number, Number(r.id)]))
}

/** What the person's account must show: the postings that arrived by the sync time (nothing for residents). */
const postedSum = (p: DemoPersonData) => p.facts.insuranceType === 'resident'
  ? 0
  : p.ledger.filter((e) => e.postedAt.getTime() <= AS_OF.getTime()).reduce((sum, e) => sum + e.amountFen, 0)

// --- the properties -------------------------------------------------------------------------------------------------

test('the balance shown equals the sum of the postings, and reconcile finds nobody (random ledgers)', async () => {
  await fc.assert(fc.asyncProperty(ledgersArb, async (people) => {
    const data = toDemoData(people)
    const ids = await write(data)
    for (const p of data.persons) {
      const summary = await accountSummary(handle.db, clock, ids.get(p.facts.cardNumber)!)
      expect(summary.balanceFen).toBe(postedSum(p))
      expect(summary.asOf).toBe(AS_OF.toISOString())
    }
    const report = await reconcile(handle.db, clock, { batchSize: 2 }) // small batches: the batch edges are exercised too
    expect(report.disagreements).toEqual([])
    expect(report.checked).toBe(data.persons.length)
  }), { numRuns: 25, endOnFailure: true })
}, LONG)

test('the generator\'s own histories reconcile too (bulk data, random seeds)', async () => {
  await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
    const data = generateBulk({ asOf: AS_OF, persons: 6, months: 14, seed })
    const ids = await write(data)
    for (const p of data.persons) {
      expect((await accountSummary(handle.db, clock, ids.get(p.facts.cardNumber)!)).balanceFen).toBe(p.facts.insuranceType === 'resident' ? 0 : p.balanceFen)
    }
    expect((await reconcile(handle.db, clock)).disagreements).toEqual([])
  }), { numRuns: 6, endOnFailure: true })
}, LONG)

type Corruption = 'ledger_amount' | 'delete_posting' | 'double_posting' | 'contribution_credited' | 'settlement_account' | 'resident_posting'

test('one corrupted posting or document: reconcile names exactly that person, with both figures', async () => {
  const corruptionArb = fc.record({
    people: fc.tuple(personArb('employee'), personArb('resident'), fc.array(anyPersonArb, { maxLength: 3 })),
    kind: fc.constantFrom<Corruption>('ledger_amount', 'delete_posting', 'double_posting', 'contribution_credited', 'settlement_account', 'resident_posting'),
    pick: fc.nat(),
    delta: fc.integer({ min: -100_000, max: 100_000 }).filter((d) => d !== 0),
  })
  let corrupted = 0
  await fc.assert(fc.asyncProperty(corruptionArb, async ({ people, kind, pick, delta }) => {
    const [employee, resident, others] = people
    const data = toDemoData([employee, resident, ...others])
    await write(data)
    const at = sql`${AS_OF.toISOString()}::timestamptz`
    const choose = async (q: ReturnType<typeof sql>) => {
      const rows = rowsOf<{ id: number; person_id: number; amount: number }>(await handle.db.execute(q))
      fc.pre(rows.length > 0) // nothing of this kind was posted in this data set: not a case for this kind
      return rows[pick % rows.length]!
    }
    const linked = sql`select id::int as id, person_id::int as person_id, amount_fen::int as amount from ledger_entries
      where (contribution_id is not null or settlement_id is not null) and posted_at <= ${at} order by id`
    let victim: number
    let expectedDiff: number // shown − recomputed
    switch (kind) {
      case 'ledger_amount': {
        const r = await choose(linked)
        await handle.db.execute(sql`update ledger_entries set amount_fen = amount_fen + ${delta} where id = ${r.id}`)
        victim = r.person_id; expectedDiff = delta; break
      }
      case 'delete_posting': {
        const r = await choose(linked)
        await handle.db.execute(sql`delete from ledger_entries where id = ${r.id}`)
        victim = r.person_id; expectedDiff = -r.amount; break
      }
      case 'double_posting': {
        const r = await choose(linked)
        await handle.db.execute(sql`insert into ledger_entries (person_id, kind, amount_fen, occurred_at, posted_at, contribution_id, settlement_id, counterparty_name, note)
          select person_id, kind, amount_fen, occurred_at, posted_at, contribution_id, settlement_id, counterparty_name, note from ledger_entries where id = ${r.id}`)
        victim = r.person_id; expectedDiff = r.amount; break
      }
      case 'contribution_credited': {
        const r = await choose(sql`select distinct c.id::int as id, c.person_id::int as person_id, c.credited_fen::int as amount
          from contributions c join ledger_entries l on l.contribution_id = c.id where l.posted_at <= ${at} order by 1`)
        await handle.db.execute(sql`update contributions set credited_fen = credited_fen + ${Math.abs(delta)} where id = ${r.id}`)
        victim = r.person_id; expectedDiff = -Math.abs(delta); break
      }
      case 'settlement_account': {
        const r = await choose(sql`select distinct s.id::int as id, s.person_id::int as person_id, s.account_fen::int as amount
          from settlements s join ledger_entries l on l.settlement_id = s.id where l.posted_at <= ${at} order by 1`)
        await handle.db.execute(sql`update settlements set account_fen = account_fen + ${Math.abs(delta)} where id = ${r.id}`)
        victim = r.person_id; expectedDiff = Math.abs(delta); break
      }
      case 'resident_posting': {
        const r = await choose(sql`select id::int as id, id::int as person_id, 0 as amount from persons where insurance_type = 'resident' order by id`)
        await handle.db.execute(sql`insert into ledger_entries (person_id, kind, amount_fen, occurred_at, posted_at)
          values (${r.id}, 'adjustment', ${delta}, ${at} - interval '3 days', ${at} - interval '1 day')`)
        victim = r.person_id; expectedDiff = -delta; break
      }
    }
    const report = await reconcile(handle.db, clock, { batchSize: 3 })
    expect(report.disagreements).toHaveLength(1)
    const d = report.disagreements[0]!
    const person = rowsOf<{ name: string; insurance_type: string }>(await handle.db.execute(sql`select name, insurance_type from persons where id = ${victim}`))[0]!
    expect(d).toEqual({
      personId: victim, maskedName: maskName(person.name), insuranceType: person.insurance_type,
      shownFen: expect.any(Number), recomputedFen: expect.any(Number),
    })
    expect(d.shownFen - d.recomputedFen).toBe(expectedDiff)
    // The shown figure is the one the app shows.
    expect(d.shownFen).toBe((await accountSummary(handle.db, clock, victim)).balanceFen)
    corrupted++
  }), { numRuns: 30, endOnFailure: true })
  expect(corrupted).toBeGreaterThanOrEqual(30) // every counted run really corrupted something (skipped ones are redrawn)
}, LONG)

test('postings that arrive after the sync time count for neither side until they are synced', async () => {
  const people: GenPerson[] = [{
    type: 'employee',
    contributions: [{ month: 0, day: 19, baseFen: 1_000_000, creditedPct: 100, postMin: 2 * 24 * 60, late: false }],
    settlements: [{ atMin: SPAN_MIN - 60, postMin: 24 * 60, totalFen: 10_000, fundPct: 0, accountPct: 100, forRelative: false }],
    extras: [],
  }]
  const data = toDemoData(people)
  expect(data.persons[0]!.ledger.every((e) => e.postedAt.getTime() > AS_OF.getTime())).toBe(true)
  const ids = await write(data)
  const id = ids.get(data.persons[0]!.facts.cardNumber)!
  expect((await accountSummary(handle.db, clock, id)).balanceFen).toBe(0)
  expect((await reconcile(handle.db, clock)).disagreements).toEqual([])
  // Once the sync time passes them, both sides count them.
  await handle.db.execute(sql`update meta set value = ${new Date(AS_OF.getTime() + 4 * DAY).toISOString()} where key = 'ledger_synced_at'`)
  expect((await accountSummary(handle.db, clock, id)).balanceFen).toBe(20_000 - 10_000)
  expect((await reconcile(handle.db, clock)).disagreements).toEqual([])
  // A document whose posting never arrived at all is a disagreement, not a record in flight.
  await handle.db.execute(sql`delete from ledger_entries where settlement_id is not null`)
  expect((await reconcile(handle.db, clock)).disagreements).toEqual([expect.objectContaining({ personId: id, shownFen: 20_000, recomputedFen: 10_000 })])
})
