// Unusual-charge flags (异常消费提醒): pure rules over one person's settlements, their insured region and the
// institutions. Each flag names the fact in plain Chinese. Flags are computed when settlements are written (the
// demo seed is the write path here) and stored on the row; the lists only read them.
//
// A settlement is judged only against the person's EARLIER settlements — what was known when it arrived — so a
// flag never appears or disappears later because of what the person did afterwards. That is also why, of two
// identical charges minutes apart, only the second one is flagged.
import type { SettlementAnomaly } from '../db/schema'
import { regionName } from './regions'

/** Rule 1: a city (first 4 digits of the region code) counts as usual after this many earlier settlements there. */
export const USUAL_PLACE_VISITS = 3
/** Rule 2: settled at or after 23:00, or before 06:00, China time. */
export const ODD_HOUR_FROM = 23
export const ODD_HOUR_UNTIL = 6
/** Rule 3: same institution and same total within this many milliseconds (inclusive) of an earlier settlement. */
export const REPEAT_WINDOW_MS = 10 * 60_000
/**
 * Rule 4: more than LARGE_FACTOR times the median total of the person's earlier settlements of the same visit type
 * (outpatient, inpatient, pharmacy: a hospital stay is never compared with a box of cold medicine), at least
 * LARGE_FLOOR_FEN (¥500.00: below that a surprise is not worth a warning), and only with at least LARGE_MIN_HISTORY
 * earlier settlements of that type to know what "usual" is.
 */
export const LARGE_FACTOR = 5
export const LARGE_FLOOR_FEN = 50_000
export const LARGE_MIN_HISTORY = 5

export type AnomalyVisitType = 'outpatient' | 'inpatient' | 'pharmacy'

export interface AnomalyInstitution {
  code: string
  name: string
  kind: 'hospital' | 'pharmacy' | 'clinic'
  regionCode: string
}

export interface AnomalySettlement {
  settledAt: Date
  totalFen: number
  visitType: AnomalyVisitType
  institution: AnomalyInstitution
}

const CN_OFFSET_MS = 8 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

/** China wall-clock hour and minute (fixed +08:00: China has no daylight saving time). */
function chinaClock (t: Date): { h: number; m: number } {
  const x = new Date(t.getTime() + CN_OFFSET_MS)
  return { h: x.getUTCHours(), m: x.getUTCMinutes() }
}

/** ¥1,234.50: two decimals, thousands separated, as the pages show money. */
export function yuanText (fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${whole}.${pad(abs % 100)}`
}

const cityOf = (regionCode: string) => regionCode.slice(0, 4)

/**
 * '330106' → '浙江省杭州市'; a 直辖市 district → '上海市'; a county under a province's direct administration
 * (省直辖县级, whose "city" is only a grouping) → its own name; unknown codes fall back to the code itself.
 */
export function cityName (regionCode: string): string {
  const city = cityOf(regionCode)
  const name = regionName(`${city}00`)
  if (name && !name.includes('直辖')) return name
  return (name ? regionName(regionCode) : regionName(`${city.slice(0, 2)}0000`)) ?? `地区 ${regionCode}`
}

const placeWord: Record<AnomalyInstitution['kind'], string> = { hospital: '医院', clinic: '社区医疗机构', pharmacy: '药店' }
const visitWord: Record<AnomalyVisitType, string> = { outpatient: '门诊', inpatient: '住院', pharmacy: '药店购药' }

export function isOddHour (t: Date): boolean {
  const { h } = chinaClock(t)
  return h >= ODD_HOUR_FROM || h < ODD_HOUR_UNTIL
}

/** What is known about the person's earlier settlements; built up one settlement at a time, in time order. */
class History {
  private readonly cityVisits = new Map<string, number>()
  /** Totals per visit type, kept sorted for the median. */
  private readonly totals = new Map<AnomalyVisitType, number[]>()
  /** In settlement-time order. */
  private readonly seen: AnomalySettlement[] = []

  add (s: AnomalySettlement): void {
    const city = cityOf(s.institution.regionCode)
    this.cityVisits.set(city, (this.cityVisits.get(city) ?? 0) + 1)
    const list = this.totals.get(s.visitType) ?? []
    let lo = 0
    let hi = list.length
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]! <= s.totalFen) lo = mid + 1; else hi = mid }
    list.splice(lo, 0, s.totalFen)
    this.totals.set(s.visitType, list)
    // Usually appended at the end; an out-of-order arrival is put in its place.
    let at = this.seen.length
    while (at > 0 && this.seen[at - 1]!.settledAt.getTime() > s.settledAt.getTime()) at--
    this.seen.splice(at, 0, s)
  }

  visitsIn (city: string): number { return this.cityVisits.get(city) ?? 0 }

  /** How many earlier settlements of this type, and their median total. */
  usual (type: AnomalyVisitType): { count: number; medianFen: number } {
    const s = this.totals.get(type) ?? []
    if (s.length === 0) return { count: 0, medianFen: 0 }
    const mid = Math.floor(s.length / 2)
    return { count: s.length, medianFen: s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2) }
  }

  /** The latest earlier settlement at the same institution with the same total, at most REPEAT_WINDOW_MS before. */
  twinOf (s: AnomalySettlement): AnomalySettlement | undefined {
    const t = s.settledAt.getTime()
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const e = this.seen[i]!
      const gap = t - e.settledAt.getTime()
      if (gap < 0) continue
      if (gap > REPEAT_WINDOW_MS) return undefined
      if (e.institution.code === s.institution.code && e.totalFen === s.totalFen) return e
    }
    return undefined
  }
}

/** The flags of one settlement, judged against the person's earlier settlements (any order). */
export function anomaliesOf (s: AnomalySettlement, earlier: readonly AnomalySettlement[], personRegionCode: string): SettlementAnomaly[] {
  const history = new History()
  for (const e of earlier) history.add(e)
  return judge(s, history, personRegionCode)
}

function judge (s: AnomalySettlement, history: History, personRegionCode: string): SettlementAnomaly[] {
  const out: SettlementAnomaly[] = []
  const place = placeWord[s.institution.kind]

  // (1) Far from home: another city than the insured region's, and not one the person often goes to.
  const city = cityOf(s.institution.regionCode)
  if (city !== cityOf(personRegionCode) && history.visitsIn(city) < USUAL_PLACE_VISITS) {
    out.push({ rule: 'far_from_region', reason:
      `在${cityName(s.institution.regionCode)}的${s.institution.name}结算，不在您的参保地${cityName(personRegionCode)}，您以前也很少在那里就医购药` })
  }

  // (2) Odd hour.
  if (isOddHour(s.settledAt)) {
    const { h, m } = chinaClock(s.settledAt)
    const when = h >= ODD_HOUR_FROM ? '深夜' : '凌晨'
    const emergency = s.institution.kind === 'pharmacy' ? '' : '；如果是看急诊，可以忽略这条提醒'
    out.push({ rule: 'odd_hour', reason: `${when} ${pad(h)}:${pad(m)} 在${place}结算，不在常见的就医时间${emergency}` })
  }

  // (3) The same charge again within minutes.
  const twin = history.twinOf(s)
  if (twin) {
    const gapMin = Math.floor((s.settledAt.getTime() - twin.settledAt.getTime()) / 60_000)
    const { h, m } = chinaClock(twin.settledAt)
    const apart = gapMin < 1 ? '相隔不到 1 分钟' : `相隔 ${gapMin} 分钟`
    out.push({ rule: 'repeated_charge', reason:
      `与 ${pad(h)}:${pad(m)} 在同一${place}的一笔结算金额相同（${yuanText(s.totalFen)}），${apart}，可能重复收费` })
  }

  // (4) Far above the person's usual for this kind of visit.
  if (s.totalFen >= LARGE_FLOOR_FEN) {
    const usual = history.usual(s.visitType)
    if (usual.count >= LARGE_MIN_HISTORY && s.totalFen > LARGE_FACTOR * usual.medianFen) {
      out.push({ rule: 'unusually_large', reason:
        `金额 ${yuanText(s.totalFen)}，远高于您平时${visitWord[s.visitType]}的花费（通常约 ${yuanText(usual.medianFen)}）` })
    }
  }
  return out
}

/**
 * Flags for all of one person's settlements, aligned with the input: each is judged against those settled before it
 * (at the same instant, those earlier in the input count as before it, so the result does not depend on sorting).
 */
export function flagSettlements (personRegionCode: string, settlements: readonly AnomalySettlement[]): SettlementAnomaly[][] {
  const order = settlements.map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.settledAt.getTime() - b.s.settledAt.getTime() || a.i - b.i)
  const out: SettlementAnomaly[][] = new Array<SettlementAnomaly[]>(settlements.length)
  const history = new History()
  for (const { s, i } of order) {
    out[i] = judge(s, history, personRegionCode)
    history.add(s)
  }
  return out
}
