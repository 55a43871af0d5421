// 缴费记录: the person's contributions by year, then month (城乡居民: by year), with the missing months (断缴) the server
// found shown where they fall, the server's note above the list, and the time filter. Created by the account
// subpackage's page (rootStore.feature), so its code stays there.
import { makeAutoObservable, reaction, type IReactionDisposer } from 'mobx'
import type { InsuranceType } from '../../../../types/api/account'
import type { ContributionEntry, ContributionGap, ContributionItem, ContributionsPage } from '../../../../types/api/contributions'
import type { ContributionsApi } from '../../../services/api/contributions'
import { formatFen } from '../../../utils/money'
import { formatAsOf, formatDate } from '../../../utils/date'
import { ListFilters } from './list-filters'
import { PagedList } from '../../../stores/paged-list'

/** `2025年`: where the year changes in a monthly list (the rows below it are that year's months). */
export interface YearRow {
  kind: 'year'
  key: string
  year: string
  label: string
}

/** One month's contribution (职工): the amount credited to the personal account first, the parts under it. */
export interface MonthRow {
  kind: 'month'
  key: string
  year: string
  /** `2026年10月` */
  period: string
  /** 计入个人账户 */
  credited: string
  base: string
  employer: string
  personal: string
  unit: string
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

export type ContributionRow = YearRow | MonthRow | PremiumRow | GapRow

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
  return {
    kind: 'month', key: `c-${item.id}`, year, period: periodLabel(item.period),
    credited: formatFen(item.creditedFen), base: formatFen(item.baseFen), employer: formatFen(item.employerFen),
    personal: formatFen(item.personalFen), unit: item.payingUnit, ...statusOf(item),
  }
}

export function toGapRow (gap: ContributionGap): GapRow {
  return {
    kind: 'gap', key: gap.id, year: gap.period.slice(0, 4), title: gap.title, explanation: gap.explanation,
    cls: gap.ongoing ? 'gap-row--ongoing' : '',
  }
}

/**
 * One server page as rows: a year heading wherever a monthly list enters another year, counting from the last row
 * already shown (so a year that goes on across pages keeps its one heading). Yearly lists need no headings.
 */
export function toContributionRows (items: ContributionEntry[], previous: ContributionRow | undefined): ContributionRow[] {
  const rows: ContributionRow[] = []
  let year = previous?.year
  for (const item of items) {
    const row = item.kind === 'gap' ? toGapRow(item) : toContributionRow(item)
    if (isMonth(item.period) && row.year !== year) rows.push({ kind: 'year', key: `y-${row.year}`, year: row.year, label: `${row.year}年` })
    year = row.year
    rows.push(row)
  }
  return rows
}

/** How many years back the year picker goes (the same ten years as the other lists). */
const YEARS_BACK = 9

export class ContributionsStore {
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
  ) {
    this.filters = new ListFilters(now)
    this.list = new PagedList({
      fetch: (cursor) => {
        const { from, to } = this.filters.query
        return api.list({ from, to, cursor, limit: 20 })
      },
      toRows: (items, _answer, previous) => toContributionRows(items, previous),
      fallbackMessage: '缴费记录暂时无法显示，请稍后重试',
    })
    makeAutoObservable<this, 'started' | 'insuranceType' | 'now'>(this, {
      started: false, insuranceType: false, now: false, filters: false, list: false,
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
  reset (): void {
    this.list.reset()
  }

  dispose (): void {
    this.started?.()
    this.started = null
  }
}
