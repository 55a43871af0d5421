// Unusual-charge rules (server/domain/anomalies.ts): each rule, its edges, and the demo data they must catch.
import {
  LARGE_FLOOR_FEN, anomaliesOf, cityName, flagSettlements, isOddHour, yuanText,
  type AnomalyInstitution, type AnomalySettlement,
} from '../../../server/domain/anomalies'
import { DEMO_INSTITUTIONS, chinaTime, generateDemo } from '../../../server/demo/generator'

const HOME = '310104' // 上海市徐汇区
const SH_PHARMACY: AnomalyInstitution = { code: 'P31010400001', name: '益寿堂大药房（天钥桥路店）', kind: 'pharmacy', regionCode: '310104' }
const SH_PHARMACY_2: AnomalyInstitution = { code: 'P31010400002', name: '康济大药房（徐家汇24小时店）', kind: 'pharmacy', regionCode: '310104' }
const SH_OTHER_DISTRICT: AnomalyInstitution = { code: 'H31011500001', name: '浦东某医院', kind: 'hospital', regionCode: '310115' }
const SH_HOSPITAL: AnomalyInstitution = { code: 'H31010400001', name: '上海市徐汇区滨江医院', kind: 'hospital', regionCode: '310104' }
const GZ_PHARMACY: AnomalyInstitution = { code: 'P44010600001', name: '百草堂大药房（天河北店）', kind: 'pharmacy', regionCode: '440106' }
const HZ_HOSPITAL: AnomalyInstitution = { code: 'H33010600001', name: '杭州市西湖区文三医院', kind: 'hospital', regionCode: '330106' }

const at = (d: number, h: number, m = 0, s = 0, ms = 0) => new Date(chinaTime(2026, 10, d, h, m, s).getTime() + ms)
const st = (o: Partial<AnomalySettlement> & { settledAt: Date }): AnomalySettlement =>
  ({ totalFen: 4_000, visitType: 'pharmacy', institution: SH_PHARMACY, ...o })
const rules = (s: AnomalySettlement, earlier: AnomalySettlement[] = []) => anomaliesOf(s, earlier, HOME).map((a) => a.rule)

describe('far_from_region', () => {
  test('another city is flagged, naming the place, the institution and the home city', () => {
    const flags = anomaliesOf(st({ settledAt: at(6, 12, 51), institution: GZ_PHARMACY }), [], HOME)
    expect(flags).toEqual([{ rule: 'far_from_region', reason: '在广东省广州市的百草堂大药房（天河北店）结算，不在您的参保地上海市，您以前也很少在那里就医购药' }])
  })

  test('another district of the same city is home', () => {
    expect(rules(st({ settledAt: at(6, 12), institution: SH_OTHER_DISTRICT }))).toEqual([])
  })

  test('a city the person often goes to (3 earlier settlements there) is not flagged; with 2 it still is', () => {
    const trips = [1, 2, 3].map((d) => st({ settledAt: at(d, 10), institution: HZ_HOSPITAL, visitType: 'outpatient' }))
    const visit = st({ settledAt: at(9, 10), institution: HZ_HOSPITAL, visitType: 'outpatient' })
    expect(rules(visit, trips.slice(0, 2))).toEqual(['far_from_region'])
    expect(rules(visit, trips)).toEqual([])
  })
})

describe('odd_hour', () => {
  test('23:00 and 05:59:59 are odd; 22:59:59 and 06:00 are not (China time, whatever the machine zone)', () => {
    expect(isOddHour(at(5, 23, 0, 0))).toBe(true)
    expect(isOddHour(at(5, 5, 59, 59, 999))).toBe(true)
    expect(isOddHour(at(5, 0, 0))).toBe(true)
    expect(isOddHour(at(5, 22, 59, 59, 999))).toBe(false)
    expect(isOddHour(at(5, 6, 0, 0))).toBe(false)
    expect(isOddHour(at(5, 12, 0))).toBe(false)
  })

  test('the reason gives the China time and the kind of place', () => {
    expect(anomaliesOf(st({ settledAt: at(7, 2, 14) }), [], HOME)).toEqual([{ rule: 'odd_hour', reason: '凌晨 02:14 在药店结算，不在常见的就医时间' }])
    expect(anomaliesOf(st({ settledAt: at(7, 23, 5), institution: SH_HOSPITAL, visitType: 'outpatient' }), [], HOME)).toEqual([
      { rule: 'odd_hour', reason: '深夜 23:05 在医院结算，不在常见的就医时间；如果是看急诊，可以忽略这条提醒' },
    ])
  })
})

describe('repeated_charge', () => {
  const first = st({ settledAt: at(8, 13, 36, 10), totalFen: 4_000 })

  test('same institution and total exactly 10 minutes later is flagged; 1 ms more is not', () => {
    expect(anomaliesOf(st({ settledAt: new Date(first.settledAt.getTime() + 10 * 60_000), totalFen: 4_000 }), [first], HOME)).toEqual([
      { rule: 'repeated_charge', reason: '与 13:36 在同一药店的一笔结算金额相同（¥40.00），相隔 10 分钟，可能重复收费' },
    ])
    expect(rules(st({ settledAt: new Date(first.settledAt.getTime() + 10 * 60_000 + 1), totalFen: 4_000 }), [first])).toEqual([])
  })

  test('within seconds says so; another institution or another amount is not a repeat', () => {
    const soon = new Date(first.settledAt.getTime() + 20_000)
    expect(anomaliesOf(st({ settledAt: soon }), [first], HOME)[0]!.reason).toContain('相隔不到 1 分钟')
    expect(rules(st({ settledAt: soon, institution: SH_PHARMACY_2 }), [first])).toEqual([])
    expect(rules(st({ settledAt: soon, totalFen: 4_001 }), [first])).toEqual([])
  })

  test('only the later of the two is flagged', () => {
    const second = st({ settledAt: new Date(first.settledAt.getTime() + 3 * 60_000) })
    // Given in reverse order: the result is aligned with the input, and judged in time order.
    expect(flagSettlements(HOME, [second, first]).map((f) => f.map((a) => a.rule))).toEqual([['repeated_charge'], []])
  })
})

describe('unusually_large', () => {
  // Five earlier pharmacy purchases with a median of ¥40.00.
  const usual = [3_000, 3_500, 4_000, 4_500, 9_000].map((totalFen, i) => st({ settledAt: at(1 + i, 10), totalFen }))

  test('more than 5× the median of the same visit type and at least ¥500 is flagged, with both amounts', () => {
    expect(anomaliesOf(st({ settledAt: at(20, 10), totalFen: 368_000 }), usual, HOME)).toEqual([
      { rule: 'unusually_large', reason: '金额 ¥3,680.00，远高于您平时药店购药的花费（通常约 ¥40.00）' },
    ])
  })

  test('the floor: ¥499.99 is never flagged, ¥500.00 is when it is far above the usual', () => {
    expect(rules(st({ settledAt: at(20, 10), totalFen: LARGE_FLOOR_FEN - 1 }), usual)).toEqual([])
    expect(rules(st({ settledAt: at(20, 10), totalFen: LARGE_FLOOR_FEN }), usual)).toEqual(['unusually_large'])
  })

  test('exactly 5× the median is not "far above"; one fen more is', () => {
    const dear = [1, 2, 3, 4, 5].map((d) => st({ settledAt: at(d, 10), totalFen: 20_000 }))
    expect(rules(st({ settledAt: at(20, 10), totalFen: 100_000 }), dear)).toEqual([])
    expect(rules(st({ settledAt: at(20, 10), totalFen: 100_001 }), dear)).toEqual(['unusually_large'])
  })

  test('needs five earlier settlements of the same type; other types do not count', () => {
    expect(rules(st({ settledAt: at(20, 10), totalFen: 368_000 }), usual.slice(0, 4))).toEqual([])
    const visits = usual.map((u) => ({ ...u, visitType: 'outpatient' as const, institution: SH_HOSPITAL }))
    expect(rules(st({ settledAt: at(20, 10), totalFen: 368_000 }), visits)).toEqual([])
    // A hospital stay is compared with stays, not with the person's pharmacy purchases.
    expect(rules(st({ settledAt: at(20, 10), totalFen: 800_000, visitType: 'inpatient', institution: SH_HOSPITAL }), usual)).toEqual([])
  })

  test('an even number of earlier settlements uses the mean of the middle two', () => {
    const six = [...usual, st({ settledAt: at(7, 10), totalFen: 5_000 })] // middle: 4,000 and 4,500 → 4,250
    expect(anomaliesOf(st({ settledAt: at(20, 10), totalFen: 60_000 }), six, HOME)[0]!.reason).toContain('通常约 ¥42.50')
  })
})

test('several rules can fire on one settlement, in rule order', () => {
  const usual = [1, 2, 3, 4, 5].map((d) => st({ settledAt: at(d, 10) })) // at home: Guangzhou stays unusual
  const earlierTwin = st({ settledAt: at(20, 2, 10), totalFen: 368_000, institution: GZ_PHARMACY })
  expect(rules(st({ settledAt: at(20, 2, 14), totalFen: 368_000, institution: GZ_PHARMACY }), [...usual, earlierTwin]))
    .toEqual(['far_from_region', 'odd_hour', 'repeated_charge', 'unusually_large'])
})

test('flagSettlements judges each settlement only by what came before it', () => {
  const big = st({ settledAt: at(1, 10), totalFen: 368_000 })
  const small = [2, 3, 4, 5, 6].map((d) => st({ settledAt: at(d, 10) }))
  // The big one came first: there was no usual to compare it with, and later small ones do not change that.
  expect(flagSettlements(HOME, [big, ...small]).flat()).toEqual([])
})

test('money and place words', () => {
  expect(yuanText(368_000)).toBe('¥3,680.00')
  expect(yuanText(5)).toBe('¥0.05')
  expect(yuanText(123_456_789)).toBe('¥1,234,567.89')
  expect(cityName('330106')).toBe('浙江省杭州市')
  expect(cityName('110105')).toBe('北京市')
  expect(cityName('469001')).toBe('海南省五指山市')
})

describe('on the demo data', () => {
  const data = generateDemo({ asOf: new Date('2026-11-20T08:00:00+08:00') })
  const institutions = new Map(DEMO_INSTITUTIONS.map((i) => [i.code, i]))
  const flagged = data.persons.map((p) => ({
    p,
    flags: flagSettlements(p.facts.regionCode, p.settlements.map((s) => ({
      settledAt: s.settledAt, totalFen: s.totalFen, visitType: s.visitType, institution: institutions.get(s.institutionCode)!,
    }))),
  }))

  test('person 1 has every rule at least once, and most settlements have none', () => {
    const { p, flags } = flagged[0]!
    const fired = new Set(flags.flat().map((a) => a.rule))
    expect(fired).toEqual(new Set(['far_from_region', 'odd_hour', 'repeated_charge', 'unusually_large']))
    expect(flags.filter((f) => f.length === 0).length).toBeGreaterThan(p.settlements.length - 5)
    // The night-time albumin purchase is both at an odd hour and far above the usual.
    const night = p.settlements.findIndex((s) => s.items.some((i) => i.name.startsWith('人血白蛋白')))
    expect(flags[night]!.map((a) => a.rule)).toEqual(['odd_hour', 'unusually_large'])
  })

  test('the other demo persons have ordinary spending only', () => {
    for (const { flags } of flagged.slice(1)) expect(flags.flat()).toEqual([])
  })
})
