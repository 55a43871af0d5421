// 缴费记录: the person's contributions by year, then month (城乡居民: by year), with the missing months (断缴) the server
// found shown where they fall, the server's note above the list, and the time filter. Created by the account
// subpackage's page (rootStore.feature), so its code stays there.
import { makeAutoObservable, reaction, type IReactionDisposer } from 'mobx'
import type { InsuranceType } from '../../../../types/api/account'
import type { ContributionEntry, ContributionGap, ContributionItem, ContributionsPage } from '../../../../types/api/contributions'
import type { ContributionsApi } from '../../../services/api/contributions'
import { formatFen, spokenFen } from '../../../utils/money'
import { formatAsOf, formatDate } from '../../../utils/date'
import { ListFilters } from './list-filters'
import { PagedList } from '../../../stores/paged-list'

/** One month's contribution (职工): the month and the amount credited to the personal account on one line. */
export interface MonthRow {
  kind: 'month'
  key: string
  year: string
  /** `2026年10月` */
  period: string
  /** `10月` (the year is the group's) */
  month: string
  /** 计入个人账户 */
  credited: string
  creditedFen: number
  base: string
  employer: string
  personal: string
  unit: string
  /** Made up after its month (补缴): the line says so with the day it arrived. */
  late: boolean
  /** 按时缴费 / 补缴 */
  status: string
  statusCls: string
  /** `2026年10月20日到账` / `2026年4月15日补缴到账` */
  paidAt: string
}

/** One year's payment (城乡居民): no base, no employer, no personal account. */
export interface PremiumRow {
  kind: 'premium'
  key: string
  year: string
  /** `2026年度` */
  period: string
  amount: string
  /** How it was paid (个人缴纳（银行代扣）). */
  unit: string
  status: string
  statusCls: string
  paidAt: string
}

/** A stretch with no contribution (断缴; 断保 for residents) and what it means, in the warning colour. */
export interface GapRow {
  kind: 'gap'
  key: string
  year: string
  title: string
  explanation: string
  /** 'gap-row--ongoing' while it lasts to this day, else ''. */
  cls: string
}

export type ContributionRow = MonthRow | PremiumRow | GapRow

/**
 * Where the paying unit or the base changes (and at the top of each year): the unit when it is new in the year, and
 * the terms every month below shares, said once instead of on every month.
 */
export interface TermsRow {
  kind: 'terms'
  key: string
  /** The paying unit, or null when it is the one above (only the base changed). */
  unit: string | null
  /** 缴费基数 ¥16,688.00，单位每月缴 ¥1,585.36（进入统筹基金），个人每月缴 ¥333.76 */
  terms: string
}

/** A year of monthly contributions: its title and total, then the months under the terms they share. */
export interface YearGroup {
  key: string
  year: string
  /** `2026年` */
  title: string
  /** The year's amount credited to the personal account, over the months shown. */
  totalFen: number
  /** `¥3,337.60` */
  total: string
  /** `计入个人账户 · 10 个月` (and 已显示的月份 when the year may go on in a page not loaded yet) */
  totalNote: string
  /** The total as a screen reader says it: 2026年计入个人账户合计 3337 元 60 分，10 个月 */
  spoken: string
  /** The year may go on in a page not loaded yet: its total counts the months shown so far. */
  partial: boolean
  rows: Array<TermsRow | MonthRow | GapRow>
}

/** Periods are `YYYY-MM` (a month) or `YYYY` (a resident's year). */
const isMonth = (period: string) => period.length === 7

function periodLabel (period: string): string {
  return isMonth(period) ? `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月` : `${period}年度`
}

function statusOf (item: ContributionItem): { status: string, statusCls: string, paidAt: string } {
  return item.status === 'late_paid'
    ? { status: '补缴', statusCls: 'status-tag--late', paidAt: `${formatDate(item.paidAt)}补缴到账` }
    : { status: '按时缴费', statusCls: 'status-tag--paid', paidAt: `${formatDate(item.paidAt)}到账` }
}

export function toContributionRow (item: ContributionItem): MonthRow | PremiumRow {
  const year = item.period.slice(0, 4)
  if (!isMonth(item.period)) {
    return {
      kind: 'premium', key: `c-${item.id}`, year, period: periodLabel(item.period),
      amount: formatFen(item.personalFen), unit: item.payingUnit, ...statusOf(item),
    }
  }
  const status = statusOf(item)
  const late = item.status === 'late_paid'
  return {
    kind: 'month', key: `c-${item.id}`, year, period: periodLabel(item.period), month: `${Number(item.period.slice(5, 7))}月`,
    credited: formatFen(item.creditedFen), creditedFen: item.creditedFen, base: formatFen(item.baseFen), employer: formatFen(item.employerFen),
    personal: formatFen(item.personalFen), unit: item.payingUnit, late, ...status,
  }
}

export function toGapRow (gap: ContributionGap): GapRow {
  return {
    kind: 'gap', key: gap.id, year: gap.period.slice(0, 4), title: gap.title, explanation: gap.explanation,
    cls: gap.ongoing ? 'gap-row--ongoing' : '',
  }
}

/** One server page as rows, newest first (a monthly list is grouped by year afterwards, over every page shown). */
export function toContributionRows (items: ContributionEntry[]): ContributionRow[] {
  return items.map((item) => (item.kind === 'gap' ? toGapRow(item) : toContributionRow(item)))
}

const termsOf = (m: MonthRow) => `缴费基数 ${m.base}，单位每月缴 ${m.employer}（进入统筹基金），个人每月缴 ${m.personal}`

/**
 * A monthly list by year, newest first: each year's total credited and its months, the unit and base said once at
 * the top of the year and again only where they change (a gap starts them afresh). `more`: later pages exist, so the
 * last year shown may not be whole.
 */
export function yearGroups (rows: readonly ContributionRow[], more: boolean): YearGroup[] {
  const groups: YearGroup[] = []
  let group: YearGroup | null = null
  let months = 0
  let last: { unit: string, terms: string } | null = null
  const close = (partial = false) => {
    if (!group) return
    group.partial = partial
    group.total = formatFen(group.totalFen)
    group.totalNote = `计入个人账户 · ${months} 个月${partial ? '（已显示的月份）' : ''}`
    group.spoken = `${group.title}计入个人账户合计 ${spokenFen(group.totalFen)}，${months} 个月${partial ? '（已显示的月份）' : ''}`
  }
  for (const row of rows) {
    if (row.kind === 'premium') continue
    if (!group || group.year !== row.year) {
      close()
      group = { key: `y-${row.year}`, year: row.year, title: `${row.year}年`, totalFen: 0, total: '', totalNote: '', spoken: '', partial: false, rows: [] }
      groups.push(group)
      months = 0
      last = null
    }
    if (row.kind === 'gap') {
      group.rows.push(row)
      last = null
      continue
    }
    const terms = termsOf(row)
    if (!last || last.unit !== row.unit || last.terms !== terms) {
      group.rows.push({ kind: 'terms', key: `t-${row.key}`, unit: last && last.unit === row.unit ? null : row.unit, terms })
      last = { unit: row.unit, terms }
    }
    group.rows.push(row)
    group.totalFen += row.creditedFen
    months++
  }
  close(more)
  return groups
}

/** Five years of months a page: most people's whole history in one answer, so a year's total is seldom partial. */
const PAGE_SIZE = 60

/** How many years back the year picker goes (the same ten years as the other lists). */
const YEARS_BACK = 9

export class ContributionsStore {
  /** The years the person folded (only their title and total show): a long history stays short to scroll through. */
  folded: ReadonlySet<string> = new Set()
  readonly filters: ListFilters
  readonly list: PagedList<ContributionEntry, ContributionRow, ContributionsPage>
  private started: IReactionDisposer | null = null

  /**
   * `insuranceType`: the person's, from the account summary when it is here (a retiree pays nothing, and the page
   * then shows the note instead of an empty list); `now`: the clock.
   */
  constructor (
    api: ContributionsApi,
    private readonly insuranceType: () => InsuranceType | null = () => null,
    private readonly now: () => number = Date.now,
    /** This year's amount credited to the account, from the account summary when it is here (a retiree's line). */
    private readonly thisYear: () => { year: number, creditedFen: number } | null = () => null,
  ) {
    this.filters = new ListFilters(now)
    this.list = new PagedList({
      fetch: (cursor) => {
        const { from, to } = this.filters.query
        return api.list({ from, to, cursor, limit: PAGE_SIZE })
      },
      toRows: (items) => toContributionRows(items),
      fallbackMessage: '缴费记录暂时无法显示，请稍后重试',
    })
    makeAutoObservable<this, 'started' | 'insuranceType' | 'now' | 'thisYear'>(this, {
      started: false, insuranceType: false, now: false, thisYear: false, filters: false, list: false,
    }, { autoBind: true })
  }

  /** What the list is asked with: only the time range (this list has no type or institution). */
  get rangeKey (): string {
    const { from, to } = this.filters.query
    return `${from ?? ''}~${to ?? ''}`
  }

  /** The oldest year the year picker offers. */
  get firstYear (): number {
    return Number(this.filters.today.slice(0, 4)) - YEARS_BACK
  }

  /** What the server says above the list (why a retiree has none, a resident's yearly payment, where the employer part goes). */
  get note (): string | null {
    return this.list.answer?.note ?? null
  }

  /** What a retiree reads instead of a list (the server's note, or the same in short should it send none). */
  get retireeNote (): string {
    return this.note ?? '退休人员不再缴纳医保费，个人账户每月由统筹基金定额划入，所以这里没有缴费记录。'
  }

  /** A monthly list (职工): drawn as year groups. A resident's yearly payments are drawn one by one. */
  get monthly (): boolean {
    return this.list.pages.some((rows) => rows.some((r) => r.kind === 'month'))
  }

  /** The monthly list by year, over every page shown (a year that goes on in the next page is marked partial). */
  get years (): YearGroup[] {
    return yearGroups(this.list.pages.flat(), this.list.hasMore)
  }

  /** What a retiree received this year, in a sentence (from the account summary), or null when it is not known. */
  get retireeCredited (): { text: string, fen: number, year: number } | null {
    const y = this.thisYear()
    if (!y || this.insuranceType() !== 'retiree') return null
    return { year: y.year, fen: y.creditedFen, text: `${y.year}年以来统筹基金已划入您的个人账户` }
  }

  get asOfLine (): string | null {
    const asOf = this.list.answer?.asOf
    return asOf ? `${formatAsOf(asOf, this.now())}，最近 1 到 3 天的缴费可能还没有同步` : null
  }

  /**
   * A retiree with nothing listed: there is nothing to filter, and the note says why (the monthly amount from the
   * pooled fund shows on 账户余额). Also while the first page is on its way, so that no filter bar flashes by.
   */
  get retireeWithoutRecords (): boolean {
    return this.insuranceType() === 'retiree' && !this.filters.active && (!this.list.loaded || this.list.empty)
  }

  /** An empty list's title, and what may explain it: the filters, or records that have not arrived yet. */
  get emptyTitle (): string {
    return this.filters.active ? '没有符合条件的缴费记录' : '还没有缴费记录'
  }

  get emptyReasons (): string[] {
    const reasons: string[] = []
    const { filters } = this
    const asOf = this.list.answer?.asOf
    if (filters.active) reasons.push(`${filters.rangeLabel}没有缴费记录，可以清除筛选条件，看看全部缴费记录。`)
    if (asOf && filters.reachesRecent(asOf)) {
      reasons.push(`${formatAsOf(asOf, this.now())}。每月的缴费通常 1 到 3 天后才会同步到这里，最近缴的费可能还没有显示。`)
    }
    if (!filters.active) reasons.push('如果您已经参保缴费，请过几天再来查看，或拨打 12393 医保服务热线咨询。')
    return reasons
  }

  /** Loads the list (once) and reloads it whenever the time range changes. */
  start (): void {
    if (!this.started) {
      this.started = reaction(() => this.rangeKey, () => { void this.list.load() })
    }
    void this.list.ensureLoaded()
  }

  load (): Promise<void> {
    return this.list.load()
  }

  refresh (): Promise<void> {
    return this.list.refresh()
  }

  loadMore (): Promise<void> {
    return this.list.loadMore()
  }

  /** Another person's session: nothing of this one stays (the filters are the person's choice and are kept). */
  /** Folds a year to its title and total, or unfolds it again. */
  toggleYear (year: string): void {
    const next = new Set(this.folded)
    if (next.has(year)) next.delete(year)
    else next.add(year)
    this.folded = next
  }

  reset (): void {
    this.list.reset()
    this.folded = new Set()
  }

  dispose (): void {
    this.started?.()
    this.started = null
  }
}
