// 消费记录: the settlements at hospitals and pharmacies under the person's filters, the 家庭共济缴费 paid for relatives,
// and the institutions to filter by. Created by the account subpackage's page (rootStore.feature), so it stays there.
import { makeAutoObservable, observableRef, reaction, runInAction, type IReactionDisposer } from 'mobx'
import type {
  FamilyPremiumItem, FamilyPremiumsPage, SpendingInstitutions, SpendingItem, SpendingPage, SpendingTotals, VisitType,
} from '../../../../types/api/spending'
import type { SpendingApi } from '../../../services/api/spending'
import { formatFen, spokenFen } from '../../../utils/money'
import { formatAsOf, formatDate, formatDateTimeShort } from '../../../utils/date'
import { ListFilters, type FilterChoice } from './list-filters'
import { PagedList } from '../../../stores/paged-list'
import { messageOf } from '../../../stores/cooldown'

/** One row of the list as drawn: every string prepared here, class names only (see docs/long-lists.md). */
export interface SpendingRow {
  id: number
  inst: string
  total: string
  time: string
  type: string
  /** A short tag at the right of the second line (请留意 / 核实中 / 为女儿支付), or ''. */
  tag: string
  tagCls: string
  /** How it was paid: 统筹 ¥… · 个人账户 ¥… · 共济 ¥… · 自付 ¥… (the parts that are not zero). */
  pay: string
  /** Modifier class of the row ('row--flag' for an unusual charge), or ''. */
  cls: string
  /** What a screen reader says for the row: date, place, what kind, the amount in words, and its tag. */
  label: string
}

export interface PremiumRow {
  id: number
  title: string
  who: string
  amount: string
  /** The amount as a screen reader says it (`1102 元 30 分`). */
  spoken: string
  time: string
}

export const VISIT_TYPES: ReadonlyArray<{ value: VisitType, label: string }> = [
  { value: 'outpatient', label: '门诊' }, { value: 'inpatient', label: '住院' }, { value: 'pharmacy', label: '药店' },
]

export function payLine (item: Pick<SpendingItem, 'fundFen' | 'accountFen' | 'mutualAidFen' | 'selfFen'>): string {
  const parts: string[] = []
  if (item.fundFen) parts.push(`统筹 ${formatFen(item.fundFen)}`)
  if (item.accountFen) parts.push(`个人账户 ${formatFen(item.accountFen)}`)
  if (item.mutualAidFen) parts.push(`共济 ${formatFen(item.mutualAidFen)}`)
  if (item.selfFen || !parts.length) parts.push(`自付 ${formatFen(item.selfFen)}`)
  return parts.join(' · ')
}

/** `共 4 笔，合计 ¥1,102.30`, and the same with the amount in words (`1102 元 30 分`) for a screen reader. */
export function totalsLine (totals: SpendingTotals): { text: string, label: string } {
  const count = totals.count.toLocaleString('en-US')
  return { text: `共 ${count} 笔，合计 ${formatFen(totals.totalFen)}`, label: `共 ${count} 笔，合计 ${spokenFen(totals.totalFen)}` }
}

export function toSpendingRow (item: SpendingItem): SpendingRow {
  let tag = ''
  let tagCls = ''
  if (item.openDispute) { tag = '核实中'; tagCls = 'tag--dispute' } else if (item.anomalies.length) { tag = '请留意'; tagCls = 'tag--warn' } else if (item.beneficiary) { tag = `为${item.beneficiary.relation}支付`; tagCls = 'tag--aid' }
  const pay = payLine(item)
  return {
    id: item.id,
    inst: item.institution.name,
    total: formatFen(item.totalFen),
    time: formatDateTimeShort(item.settledAt),
    type: item.visitTypeName,
    tag,
    tagCls,
    pay: item.beneficiary ? `${item.beneficiary.relation} ${item.beneficiary.nameMasked}：${pay}` : pay,
    cls: item.anomalies.length && !item.openDispute ? 'row--flag' : '',
    label: `${formatDate(item.settledAt)} ${item.institution.name} ${item.visitTypeName} 支出 ${spokenFen(item.totalFen)}${tag ? `，${tag}` : ''}`,
  }
}

export function toPremiumRow (item: FamilyPremiumItem): PremiumRow {
  return {
    id: item.id,
    title: item.title,
    who: `${item.beneficiary.relation} ${item.beneficiary.nameMasked}`,
    amount: formatFen(item.amountFen),
    spoken: spokenFen(item.amountFen),
    time: formatDateTimeShort(item.paidAt),
  }
}

export class SpendingStore {
  readonly filters: ListFilters
  readonly list: PagedList<SpendingItem, SpendingRow, SpendingPage>
  /** 家庭共济缴费 in the chosen time range (not settlements: no type or institution, no detail). */
  readonly premiums: PagedList<FamilyPremiumItem, PremiumRow, FamilyPremiumsPage>
  institutions: SpendingInstitutions['items'] | null = null
  institutionsError: string | null = null
  /** The first page's count and sum of the filter it was asked with (`key`: the filters' key then). */
  private totalsOf: { key: string, totals: SpendingTotals } | null = null
  private started: IReactionDisposer | null = null

  constructor (private readonly api: SpendingApi, private readonly now: () => number = Date.now) {
    this.filters = new ListFilters(now)
    this.list = new PagedList({
      fetch: async (cursor) => {
        const key = this.filters.key
        const answer = await api.list({ ...this.filters.query as { type?: VisitType }, cursor, limit: 20 })
        // Only a first page carries the totals, and later pages replace the list's answer: they are kept here. An
        // answer for filters changed meanwhile is dropped (the list drops its rows the same way).
        if (cursor === undefined && key === this.filters.key) runInAction(() => { this.totalsOf = answer.totals ? { key, totals: answer.totals } : null })
        return answer
      },
      toRows: (items) => items.map(toSpendingRow),
      fallbackMessage: '消费记录暂时无法显示，请稍后重试',
    })
    this.premiums = new PagedList({
      fetch: (cursor) => {
        const { from, to } = this.filters.query
        return api.familyPremiums({ from, to, cursor, limit: 5 })
      },
      toRows: (items) => items.map(toPremiumRow),
      fallbackMessage: '家庭共济缴费暂时无法显示，请稍后重试',
    })
    makeAutoObservable<this, 'api' | 'started' | 'now' | 'totalsOf'>(this, { api: false, started: false, now: false, filters: false, list: false, premiums: false, totalsOf: observableRef }, { autoBind: true })
  }

  /** 家庭共济缴费 are not visits: with a type or an institution chosen they are not part of what is asked for. */
  get premiumsApply (): boolean {
    return !this.filters.type && !this.filters.institution
  }

  /**
   * How many records the filters select and how much they come to (`共 4 笔，合计 ¥…`), when a filter is set and the
   * list shown is the answer to it; null otherwise.
   */
  get totals (): { text: string, label: string } | null {
    const of = this.totalsOf
    if (!of || !this.filters.active || of.key !== this.filters.key || !this.list.loaded) return null
    return totalsLine(of.totals)
  }

  /**
   * Both first answers are in (the settlements, and the 家庭共济缴费 where they apply, read or failed): the page draws
   * what stands above the rows and the rows together, so that nothing arrives above rows already shown.
   */
  get ready (): boolean {
    const { list, premiums } = this
    if (!list.loaded || list.loading) return false
    return !this.premiumsApply || (!premiums.loading && (premiums.loaded || premiums.error !== null))
  }

  /** An empty list's title, and what may explain it: the filters, or settlements that have not arrived yet. */
  get emptyTitle (): string {
    return this.filters.active ? '没有符合条件的消费记录' : '还没有消费记录'
  }

  get emptyReasons (): string[] {
    const { filters } = this
    const asOf = this.list.answer?.asOf
    const reasons: string[] = []
    if (filters.active) reasons.push('当前的筛选条件下没有消费记录，可以清除筛选条件后再看看。')
    if (asOf && filters.reachesRecent(asOf)) reasons.push(`${formatAsOf(asOf, this.now())}。医院和药店的结算通常 1 到 3 天后才会同步到这里，最近几天的消费可能还没有显示。`)
    if (!filters.active && !reasons.length) reasons.push('这段时间里没有在医院或药店用医保结算的记录。')
    return reasons
  }

  get typeChoices (): FilterChoice[] {
    return VISIT_TYPES.map((t) => ({ value: t.value, label: t.label }))
  }

  get institutionChoices (): FilterChoice[] {
    return (this.institutions ?? []).map((i) => ({ value: i.code, label: i.name }))
  }

  /** Loads the lists (once) and reloads them whenever a filter changes. */
  start (): void {
    if (!this.started) {
      this.started = reaction(() => this.filters.key, () => { void this.loadAll() })
    }
    if (!this.list.loaded && !this.list.loading) void this.loadAll()
  }

  loadAll (): Promise<unknown> {
    const jobs: Promise<unknown>[] = [this.list.load()]
    if (this.premiumsApply) jobs.push(this.premiums.load())
    else this.premiums.reset()
    return Promise.all(jobs)
  }

  /** Pull to refresh: both lists from their first page. */
  refresh (): Promise<unknown> {
    const jobs: Promise<unknown>[] = [this.list.refresh()]
    if (this.premiumsApply) jobs.push(this.premiums.refresh())
    return Promise.all(jobs)
  }

  /** The next page of settlements (the 家庭共济缴费 section has its own 查看更多). */
  loadMore (): Promise<void> {
    return this.list.loadMore()
  }

  /**
   * The rows' end is near (however the person got there: End, a scrollbar, a fling): the next page, unless the last
   * try failed, which the footer offers to retry rather than asking again with every scroll event.
   */
  nearEnd (): void {
    if (!this.list.moreError) void this.list.loadMore()
  }

  async loadInstitutions (): Promise<void> {
    if (this.institutions) return
    this.institutionsError = null
    try {
      const answer = await this.api.institutions()
      runInAction(() => { this.institutions = answer.items })
    } catch (error) {
      runInAction(() => { this.institutionsError = messageOf(error, '医院和药店列表暂时无法显示，请稍后重试') })
    }
  }

  /** A settlement's row after its detail changed (a dispute made or withdrawn): only its page is replaced. */
  replaceRow (item: SpendingItem): void {
    this.list.replaceRow((row) => row.id === item.id, toSpendingRow(item))
  }

  reset (): void {
    this.totalsOf = null
    this.list.reset()
    this.premiums.reset()
    this.institutions = null
    this.institutionsError = null
  }

  dispose (): void {
    this.started?.()
    this.started = null
  }
}
