// The demo generator: deterministic, realistic, and every account reconciles (server/demo/generator/).
import fc from 'fast-check'
import {
  DEMO_PERSONS, DEMO_VERSION, chinaDateString, generateBulk, generateDemo, type DemoData, type DemoPersonData,
} from '../../../server/demo/generator'
import { isValidIdNumber } from '../../../server/domain/gb11643'
import { isAssignedAddressCode } from '../../../server/domain/regions'
import { chinaHour, dataProblems, lowestRunningBalance, personProblems } from './invariants'

const AS_OF = new Date('2026-11-20T08:00:00+08:00')
const data = generateDemo({ asOf: AS_OF })
const person = (n: number): DemoPersonData => data.persons.find((p) => p.facts.n === n)!
const clone = (d: DemoData): DemoData => structuredClone(d)

/** Months between the first and last period that have no contribution row. */
function missingMonths (p: DemoPersonData): string[] {
  const periods = p.contributions.map((c) => c.period).sort()
  const toIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1
  const have = new Set(periods)
  const out: string[] = []
  for (let i = toIndex(periods[0]!); i <= toIndex(periods[periods.length - 1]!); i++) {
    const s = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
    if (!have.has(s)) out.push(s)
  }
  return out
}

/** The anomaly rule the demo must satisfy: a pharmacy charge at night (00:00–05:59 China time) paid from the
 *  account that is at least ten times the median account payment of the person's pharmacy purchases. */
function unusualCharges (p: DemoPersonData) {
  const pharmacy = p.settlements.filter((s) => s.visitType === 'pharmacy' && s.accountFen > 0)
  const sorted = pharmacy.map((s) => s.accountFen).sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  return pharmacy.filter((s) => s.accountFen >= 10 * median && chinaHour(s.settledAt) < 6)
}

describe('determinism', () => {
  test('the same asOf and seed give deep-equal data', () => {
    expect(generateDemo({ asOf: new Date(AS_OF.getTime()) })).toEqual(data)
    expect(generateBulk({ asOf: AS_OF, persons: 20, seed: 7 })).toEqual(generateBulk({ asOf: AS_OF, persons: 20, seed: 7 }))
  })

  test('another seed or another day gives other data, with the same persons', () => {
    const other = generateDemo({ asOf: AS_OF, seed: 12345 })
    expect(other).not.toEqual(data)
    expect(other.persons.map((p) => p.facts)).toEqual(data.persons.map((p) => p.facts))
    expect(generateDemo({ asOf: new Date(AS_OF.getTime() + 40 * 86_400_000) })).not.toEqual(data)
    expect(generateBulk({ asOf: AS_OF, persons: 5, seed: 1 })).not.toEqual(generateBulk({ asOf: AS_OF, persons: 5, seed: 2 }))
  })

  test('the output carries its version, seed and asOf', () => {
    expect(data.version).toBe(DEMO_VERSION)
    expect(data.asOf).toEqual(AS_OF)
    expect(chinaDateString(AS_OF)).toBe('2026-11-20')
  })
})

describe('the whole data set', () => {
  test('breaks no rule', () => {
    expect(dataProblems(data)).toEqual([])
  })

  test('the rules can fail: a broken data set is reported', () => {
    const broken = clone(data)
    const p1 = broken.persons[0]!
    p1.contributions[0]!.creditedFen += p1.contributions[0]!.employerFen // employer part credited
    p1.ledger.push({ ...p1.ledger[0]!, kind: 'consumption', amountFen: -10_000_000, settlementKey: p1.settlements[0]!.key, contributionKey: null })
    broken.persons[2]!.ledger.push({ ...p1.ledger[0]! })
    broken.persons[3]!.settlements[0]!.postedAt = new Date(AS_OF.getTime() + 1000)
    const problems = dataProblems(broken).join('\n')
    expect(problems).toMatch(/credited .* != personal/)
    expect(problems).toMatch(/goes negative/)
    expect(problems).toMatch(/resident has ledger entries/)
    expect(problems).toMatch(/posted outside 1–3 days or after asOf/)
  })

  test('every institution has what its hospital page shows, and one entry code that stays the same every day', () => {
    expect(data.institutions.length).toBeGreaterThan(10)
    for (const i of data.institutions) {
      expect(i.designated).toBe(true)
      expect(i.bring.length).toBeGreaterThan(0)
      if (i.kind !== 'pharmacy') expect(i.desk).toEqual({ place: expect.any(String), hours: expect.any(String), phone: expect.any(String) })
    }
    expect(data.institutions.find((i) => i.code === 'H31010400001')).toMatchObject({
      address: '上海市徐汇区龙腾大道 1280 号', desk: { place: '门诊楼一层 医保服务窗口（12 号）' },
    })
    // Pharmacies may have no desk; the demo has both kinds.
    expect(data.institutions.filter((i) => i.kind === 'pharmacy').map((i) => i.desk === null)).toEqual(expect.arrayContaining([true, false]))
    // Drawn from the default seed's own stream: the same on another day and for another seed's persons.
    const codes = data.institutions.map((i) => i.entryCode)
    expect(generateDemo({ asOf: new Date(AS_OF.getTime() + 40 * 86_400_000) }).institutions.map((i) => i.entryCode)).toEqual(codes)
    expect(generateBulk({ asOf: AS_OF, persons: 1, seed: 3 }).institutions.map((i) => i.entryCode)).toEqual(codes)
    // A copy shares nothing: changing one data set's institution leaves the next one alone.
    data.institutions[0]!.bring.push('x')
    expect(generateDemo({ asOf: AS_OF }).institutions[0]!.bring).not.toContain('x')
    data.institutions[0]!.bring.pop()
  })

  test('the institution rules can fail: a missing desk, a bad or repeated entry code are reported', () => {
    const broken = clone(data)
    const [a, b, c] = broken.institutions
    a!.desk = null
    b!.entryCode = 'ABCDEFGI'
    c!.entryCode = broken.institutions[3]!.entryCode
    broken.institutions[4]!.address = '北京市朝阳区天钥桥路 216 号'
    const problems = dataProblems(broken).join('\n')
    expect(problems).toContain(`institution ${a!.code} desk`)
    expect(problems).toContain(`institution ${b!.code} entry code`)
    expect(problems).toContain('duplicate entry codes')
    expect(problems).toContain(`institution ${broken.institutions[4]!.code} address`)
  })

  test('the fixed persons come in README order with the agreed facts', () => {
    expect(data.persons.map((p) => [p.facts.n, p.facts.insuranceType, p.facts.regionCode])).toEqual([
      [1, 'employee', '310104'], [2, 'retiree', '110105'], [3, 'resident', '440106'], [4, 'employee', '330106'],
    ])
    expect(DEMO_PERSONS.map((p) => p.wechatCode)).toEqual(['wx-demo-1', 'wx-demo-2', 'wx-demo-3', 'wx-demo-4'])
    expect(DEMO_PERSONS.map((p) => p.alipaySubject)).toEqual(['dev-alipay-demo-1', 'dev-alipay-demo-2', 'dev-alipay-demo-3', 'dev-alipay-demo-4'])
  })

  test('ID numbers are valid, fit each person, and belong to no real region', () => {
    for (const p of DEMO_PERSONS) {
      expect(isValidIdNumber(p.idNumber)).toBe(true)
      expect(isAssignedAddressCode(p.idNumber.slice(0, 6))).toBe(false)
      const age = 2026 - Number(p.idNumber.slice(6, 10))
      if (p.insuranceType === 'retiree') expect(age).toBeGreaterThanOrEqual(60)
      if (p.insuranceType === 'employee') { expect(age).toBeGreaterThanOrEqual(18); expect(age).toBeLessThan(60) }
    }
    expect(Number(person(2).facts.idNumber.slice(6, 10))).toBe(1958)
  })

  test('everyday care happens in the daytime, China time, whatever the machine zone', () => {
    for (const p of data.persons) {
      for (const s of p.settlements) {
        if (unusualCharges(p).includes(s)) continue
        expect(chinaHour(s.settledAt)).toBeGreaterThanOrEqual(8)
        expect(chinaHour(s.settledAt)).toBeLessThan(21)
      }
      for (const c of p.claims) for (const e of c.events) expect([9, 10, 11, 12, 13, 14, 15, 16]).toContain(chinaHour(e.occurredAt))
    }
  })
})

describe('person 1: the employee with the richest record', () => {
  const p = person(1)

  test('about three years of monthly contributions with exactly one gap month', () => {
    expect(p.contributions.length).toBeGreaterThanOrEqual(33)
    const gaps = missingMonths(p)
    expect(gaps).toHaveLength(1)
    // The paying unit changes across the gap (between two jobs).
    const before = p.contributions.filter((c) => c.period < gaps[0]!)
    const after = p.contributions.filter((c) => c.period > gaps[0]!)
    expect(new Set(before.map((c) => c.payingUnit)).size).toBe(1)
    expect(after[0]!.payingUnit).not.toBe(before[0]!.payingUnit)
  })

  test('one month was paid late (补缴), in a later month than its period', () => {
    const late = p.contributions.filter((c) => c.latePaid)
    expect(late).toHaveLength(1)
    expect(chinaDateString(late[0]!.paidAt).slice(0, 7) > late[0]!.period).toBe(true)
  })

  test('the employer part is shown but only the personal 2% is credited', () => {
    for (const c of p.contributions) {
      expect(c.employerFen).toBe(Math.round(c.baseFen * 0.095))
      expect(c.creditedFen).toBe(c.personalFen)
      expect(c.payingUnit).toMatch(/有限公司$/)
    }
    const credited = p.ledger.filter((e) => e.kind === 'contribution').reduce((s, e) => s + e.amountFen, 0)
    expect(credited).toBe(p.contributions.reduce((s, c) => s + c.personalFen, 0))
  })

  test('outpatient, inpatient and pharmacy spending with items of all three catalogue classes', () => {
    expect(new Set(p.settlements.map((s) => s.visitType))).toEqual(new Set(['outpatient', 'inpatient', 'pharmacy']))
    expect(new Set(p.settlements.flatMap((s) => s.items.map((i) => i.category)))).toEqual(new Set(['A', 'B', 'C']))
    const stay = p.settlements.find((s) => s.visitType === 'inpatient')!
    expect(stay.fundFen / stay.totalFen).toBeGreaterThan(0.6)
  })

  test('exactly one unusual charge: a night-time pharmacy purchase ≥ 10× the usual, wholly from the account', () => {
    const odd = unusualCharges(p)
    expect(odd).toHaveLength(1)
    expect(odd[0]!.accountFen).toBe(odd[0]!.totalFen)
    for (const other of data.persons.slice(1)) expect(unusualCharges(other)).toHaveLength(0)
  })

  test('家庭共济: a relative\'s bill and a relative\'s resident premium, each its own entry naming the relative', () => {
    const aid = p.ledger.filter((e) => e.kind === 'mutual_aid')
    expect(aid.length).toBe(2)
    const bill = p.settlements.find((s) => s.beneficiaryName)!
    expect(bill).toMatchObject({ beneficiaryName: '陈小满', beneficiaryRelation: '女儿', accountFen: 0 })
    expect(bill.mutualAidFen).toBeGreaterThan(0)
    expect(aid.map((e) => e.counterpartyName).sort()).toEqual(['陈国栋', '陈小满'])
    const premium = aid.find((e) => !e.settlementKey)!
    expect(premium.note).toMatch(/城乡居民医保/)
  })

  test('claims at four stages, the paid one with the full timeline', () => {
    expect(p.claims.map((c) => c.stage).sort()).toEqual(['first_review', 'materials_needed', 'paid', 'rejected'])
    const paid = p.claims.find((c) => c.stage === 'paid')!
    expect(paid.events.map((e) => e.stage)).toEqual(['submitted', 'first_review', 'second_review', 'approved', 'paid'])
    expect(paid.approvedFen).toBeLessThanOrEqual(paid.claimedFen)
    expect(p.claims.find((c) => c.stage === 'materials_needed')!.missingMaterials.length).toBeGreaterThan(0)
    expect(p.claims.find((c) => c.stage === 'rejected')!.events.at(-1)!.note).toMatch(/不予报销/)
  })

  test('the balance is positive and is the sum of the ledger', () => {
    expect(p.balanceFen).toBe(p.ledger.reduce((s, e) => s + e.amountFen, 0))
    expect(p.balanceFen).toBeGreaterThan(0)
  })
})

describe('person 2: the retiree', () => {
  const p = person(2)
  test('a fixed monthly allocation and no contribution rows', () => {
    expect(p.contributions).toEqual([])
    const alloc = p.ledger.filter((e) => e.kind === 'retiree_allocation')
    expect(alloc.length).toBeGreaterThanOrEqual(35)
    expect(new Set(alloc.map((e) => e.amountFen)).size).toBe(1)
    expect(p.ledger.some((e) => e.kind === 'consumption')).toBe(true)
  })
})

describe('person 3: the resident', () => {
  const p = person(3)
  test('yearly payments, no personal account, spending split between fund and self only', () => {
    expect(p.contributions.length).toBeGreaterThanOrEqual(3)
    for (const c of p.contributions) expect(c).toMatchObject({ creditedFen: 0, employerFen: 0, period: expect.stringMatching(/^[0-9]{4}$/) })
    expect(p.ledger).toEqual([])
    expect(p.balanceFen).toBe(0)
    expect(p.settlements.length).toBeGreaterThan(0)
    for (const s of p.settlements) { expect(s.accountFen).toBe(0); expect(s.mutualAidFen).toBe(0) }
    expect(p.settlements.some((s) => s.fundFen > 0)).toBe(true)
    expect(p.claims.length).toBe(1)
  })
})

describe('person 4: the short, simple history', () => {
  test('a few months of contributions and no claims', () => {
    const p = person(4)
    expect(p.contributions.length).toBeGreaterThanOrEqual(2)
    expect(p.contributions.length).toBeLessThanOrEqual(4)
    expect(missingMonths(p)).toEqual([])
    expect(p.claims).toEqual([])
  })
})

describe('properties over seeds and dates', () => {
  const asOfArb = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })

  test('generateDemo: every rule holds, one gap, one late month, one unusual charge', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), asOfArb, (seed, asOf) => {
      const d = generateDemo({ asOf, seed })
      expect(dataProblems(d)).toEqual([])
      const p1 = d.persons[0]!
      expect(missingMonths(p1)).toHaveLength(1)
      expect(p1.contributions.filter((c) => c.latePaid)).toHaveLength(1)
      expect(unusualCharges(p1)).toHaveLength(1)
    }), { numRuns: 25 })
  })

  test('generateBulk: every rule holds for any seed, size and spending rate', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }), asOfArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0, max: 5, noNaN: true }),
      (seed, asOf, persons, months, spendPerMonth) => {
        const d = generateBulk({ asOf, persons, months, spendPerMonth, seed })
        expect(d.persons).toHaveLength(persons)
        expect(dataProblems(d)).toEqual([])
      }), { numRuns: 40 })
  })

  test('bulk size scales with persons × months', () => {
    const d = generateBulk({ asOf: AS_OF, persons: 50, months: 24, spendPerMonth: 2, seed: 3 })
    const entries = d.persons.reduce((s, p) => s + p.ledger.length, 0)
    expect(entries).toBeGreaterThan(50 * 24)
    expect(entries).toBeLessThan(50 * 24 * 4)
  })
})

test('lowestRunningBalance orders debits first at equal times', () => {
  const t = new Date(AS_OF.getTime() - 5 * 86_400_000)
  const e = (amountFen: number) => ({ kind: 'adjustment' as const, amountFen, occurredAt: t, postedAt: t, contributionKey: null, settlementKey: null, counterpartyName: null, note: null })
  expect(lowestRunningBalance([e(100), e(-100)], 'occurredAt')).toBe(-100)
  expect(personProblems({ ...person(4), ledger: [e(-1)], balanceFen: -1 }, AS_OF).join()).toMatch(/goes negative/)
})
