// 缴费记录: the person's contributions, newest period first, with the missing stretches (断缴; 断保 for residents)
// found here on the server and placed where they fall, each with a plain explanation of what it means and what to do.
//
// Periods: employees pay by month ('YYYY-MM'), residents by year ('YYYY'); retirees pay nothing (their account is fed
// by a monthly allocation from the pooled fund), so their list is empty and a note says why. A gap is a run of
// periods with no record between the person's first one and the last period that is fully due at the data-as-of
// time (the last complete month; for residents the current coverage year, paid in the previous autumn).
import type { ContributionEntry, ContributionGap, ContributionsPage, ContributionsQuery } from '../../types/api/contributions'
import type { Clock } from './ports'
import type { Db } from '../db'
import { contributionPage, contributionPeriods, type ContributionRow } from '../db/repositories/contributions'
import { findPersonById } from '../db/repositories/persons'
import { ledgerSyncedAt } from './account'
import type { CursorCodec, CursorScope } from './cursor'
import { AppError } from './errors'

const CN_OFFSET_MS = 8 * 3600_000
const DEFAULT_LIMIT = 20

type PeriodKind = 'month' | 'year'

/** Periods as consecutive integers: months since year 0 (y × 12 + m − 1), or the year itself. */
interface PeriodScale {
  kind: PeriodKind
  parse (p: string): number | undefined
  format (n: number): string
  /** The period an instant (China time) falls in. */
  of (t: Date): number
  /** The China date (YYYY-MM-DD) a period contains: its period. */
  ofDate (date: string): string
  /** First instant of the period, China time. */
  start (n: number): Date
  label (n: number): string
}

const pad2 = (n: number) => String(n).padStart(2, '0')
const chinaParts = (t: Date) => {
  const d = new Date(t.getTime() + CN_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 }
}

const MONTHS: PeriodScale = {
  kind: 'month',
  parse: (p) => {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p)
    return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined
  },
  format: (n) => `${Math.floor(n / 12)}-${pad2((n % 12) + 1)}`,
  of: (t) => { const c = chinaParts(t); return c.y * 12 + c.m - 1 },
  ofDate: (date) => date.slice(0, 7),
  start: (n) => new Date(Date.UTC(Math.floor(n / 12), n % 12, 1) - CN_OFFSET_MS),
  label: (n) => `${Math.floor(n / 12)}年${(n % 12) + 1}月`,
}

const YEARS: PeriodScale = {
  kind: 'year',
  parse: (p) => (/^\d{4}$/.test(p) ? Number(p) : undefined),
  format: (n) => String(n),
  of: (t) => chinaParts(t).y,
  ofDate: (date) => date.slice(0, 4),
  start: (n) => new Date(Date.UTC(n, 0, 1) - CN_OFFSET_MS),
  label: (n) => `${n}年度`,
}

const NOTES = {
  employee: '单位缴纳的部分全部进入统筹基金，个人缴纳的部分计入您的个人账户。',
  retiree: '退休人员不再缴纳医保费，个人账户每月由统筹基金按规定定额划入，所以这里没有缴费记录；每月划入的钱会计入账户余额。',
  resident: '城乡居民医保按年缴费，每年在集中缴费期内缴纳下一年度的费用；城乡居民没有个人账户，缴费不会计入个人账户。',
} as const

/** The last period that is fully due at `asOf`: the last complete month, or (residents) the current coverage year. */
function lastDuePeriod (scale: PeriodScale, asOf: Date): number {
  return scale.kind === 'month' ? scale.of(asOf) - 1 : scale.of(asOf)
}

export interface Gap { from: number; to: number; months: number; ongoing: boolean }

/** Runs of missing periods between the first recorded one and the last due one (both inclusive). */
export function findGaps (present: readonly number[], lastDue: number): Gap[] {
  if (present.length === 0) return []
  const have = new Set(present)
  const first = Math.min(...present)
  const gaps: Gap[] = []
  let start: number | undefined
  for (let n = first; n <= lastDue + 1; n++) {
    const missing = n <= lastDue && !have.has(n)
    if (missing && start === undefined) start = n
    if (!missing && start !== undefined) {
      gaps.push({ from: start, to: n - 1, months: n - start, ongoing: n - 1 === lastDue })
      start = undefined
    }
  }
  return gaps
}

function gapTitle (scale: PeriodScale, g: Gap): string {
  if (scale.kind === 'year') {
    return g.months === 1 ? `${scale.label(g.from)} 未缴费（断保）` : `${scale.label(g.from)}至${scale.label(g.to)} 未缴费（断保 ${g.months} 年）`
  }
  return g.months === 1 ? `${scale.label(g.from)} 断缴` : `${scale.label(g.from)}至${scale.label(g.to)} 断缴 ${g.months} 个月`
}

function gapExplanation (scale: PeriodScale, g: Gap): string {
  const hotline = '有疑问可以拨打 12393 医保服务热线，或到参保地医保经办机构咨询。'
  if (scale.kind === 'year') {
    const which = g.months === 1 ? scale.label(g.from) : `${scale.label(g.from)}至${scale.label(g.to)}`
    if (g.ongoing) {
      return `${which}还没有缴纳城乡居民医保（断保）。没有参保的期间看病不能用医保报销；断保后再参保，一般要等一段时间（3 个月起，断保年数越多等得越久）才能开始报销。` +
        `请尽快办理缴费，以后每年在集中缴费期内按时缴费。${hotline}`
    }
    return `${which}没有缴纳城乡居民医保（断保）。断保的年度看病不能用医保报销；断保后再参保，一般要等一段时间（3 个月起，断保年数越多等得越久）才能开始报销。` +
      `之后已经恢复缴费，请以后每年在集中缴费期内按时缴费。${hotline}`
  }
  const which = g.months === 1 ? scale.label(g.from) : `${scale.label(g.from)}至${scale.label(g.to)}共 ${g.months} 个月`
  if (g.ongoing) {
    return `从${scale.label(g.from)}起已经 ${g.months} 个月没有缴费记录（断缴）。断缴后个人账户不再划入；断缴时间长了（各地规定不同），看病可能暂时不能用医保报销，也会少算医保缴费年限。` +
      `如果您在单位工作，请联系单位尽快补缴；如果已经离职，可以以灵活就业人员身份续缴。${hotline}`
  }
  return `${which}没有缴费记录（断缴）。断缴的月份个人账户没有划入，也不计入医保缴费年限（退休时缴费年限够了，才能享受退休人员医保待遇）。之后已经恢复缴费。` +
    `如果当时在单位工作，可以联系单位补缴；没有单位的，可以问问能否以灵活就业人员身份补缴。${hotline}`
}

/** China date range check: `from` after `to` is the caller's mistake, said plainly. */
function checkRange (q: ContributionsQuery): void {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new AppError('validation_failed', '开始日期不能晚于结束日期，请重新选择日期范围')
  }
}

interface Positioned { at: number; entry: ContributionEntry; cursorId: number }

export async function listContributions (db: Db, clock: Clock, codec: CursorCodec, personId: number, q: ContributionsQuery): Promise<ContributionsPage> {
  checkRange(q)
  const person = await findPersonById(db, personId)
  if (!person) throw new AppError('not_found', '没有找到您的参保信息，请联系参保地医保经办机构')
  const scale = person.insuranceType === 'resident' ? YEARS : MONTHS
  const limit = q.limit ?? DEFAULT_LIMIT
  const scope: CursorScope = { personId, list: 'contributions', filters: { from: q.from, to: q.to } }

  let before: number | undefined
  if (q.cursor !== undefined) {
    const key = codec.decode(q.cursor, scope)
    before = scale.of(new Date(key.t))
    if (scale.start(before).toISOString() !== new Date(key.t).toISOString()) throw new AppError('cursor_invalid')
  }
  const fromN = q.from !== undefined ? scale.parse(scale.ofDate(q.from)) : undefined
  const toN = q.to !== undefined ? scale.parse(scale.ofDate(q.to)) : undefined

  const asOf = await ledgerSyncedAt(db, clock)
  const rows = await contributionPage(db, {
    personId, limit: limit + 1,
    before: before === undefined ? undefined : scale.format(before),
    fromPeriod: fromN === undefined ? undefined : scale.format(fromN),
    toPeriod: toN === undefined ? undefined : scale.format(toN),
  })

  // Gaps come from the person's whole history, so a stretch is the same whatever page or range shows it.
  const gaps: Positioned[] = []
  if (person.insuranceType !== 'retiree') {
    const periods = await contributionPeriods(db, personId)
    const idAt = new Map<number, number>()
    for (const p of periods) {
      const n = scale.parse(p.period)
      if (n !== undefined) idAt.set(n, p.id)
    }
    for (const g of findGaps([...idAt.keys()], lastDuePeriod(scale, asOf))) {
      if ((fromN !== undefined && g.to < fromN) || (toN !== undefined && g.from > toN)) continue
      const at = toN === undefined ? g.to : Math.min(g.to, toN)
      if (before !== undefined && at >= before) continue
      const gap: ContributionGap = {
        kind: 'gap', id: `gap-${scale.format(g.from)}`, period: scale.format(at),
        fromPeriod: scale.format(g.from), toPeriod: scale.format(g.to), months: g.months, ongoing: g.ongoing,
        title: gapTitle(scale, g), explanation: gapExplanation(scale, g),
      }
      // The record just before the stretch always exists (a gap starts after the first record): its id ties the cursor.
      gaps.push({ at, entry: gap, cursorId: idAt.get(g.from - 1)! })
    }
    gaps.sort((a, b) => b.at - a.at)
  }

  const records: Positioned[] = rows.map((r) => ({ at: scale.parse(r.period) ?? scale.of(r.paidAt), entry: toItem(r), cursorId: r.id }))
  const merged: Positioned[] = []
  for (let i = 0, j = 0; i < records.length || j < gaps.length;) {
    const r = records[i]
    const g = gaps[j]
    if (r && (!g || r.at > g.at)) { merged.push(r); i++ } else { merged.push(g!); j++ }
  }
  const page = merged.slice(0, limit)
  const last = page[page.length - 1]
  const nextCursor = merged.length > limit && last ? codec.encode({ t: scale.start(last.at).toISOString(), id: last.cursorId }, scope) : null
  return { items: page.map((p) => p.entry), nextCursor, asOf: asOf.toISOString(), note: NOTES[person.insuranceType] }
}

function toItem (r: ContributionRow): ContributionEntry {
  return {
    kind: 'contribution', id: r.id, period: r.period, paidAt: r.paidAt.toISOString(),
    baseFen: r.baseFen, employerFen: r.employerFen, personalFen: r.personalFen, creditedFen: r.creditedFen,
    payingUnit: r.payingUnit, latePaid: r.latePaid, status: r.latePaid ? 'late_paid' : 'paid',
  }
}
