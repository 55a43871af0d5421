// The filters over an account list: a time range (本月, 今年, a chosen year, a custom range), a type and an institution.
// They give the list's query and what is active (one entry per chosen filter, each cleared on its own).
import { makeAutoObservable } from 'mobx'
import { chinaDate, daysBetween, formatIsoDate } from '../../../utils/date'

export type RangeChoice =
  | { kind: 'all' }
  | { kind: 'month' }
  | { kind: 'year' }
  | { kind: 'chosen-year', year: number }
  | { kind: 'custom', from: string, to: string }

export interface FilterChoice { value: string, label: string }

export type FilterKey = 'range' | 'type' | 'institution'

export interface FilterChip { key: FilterKey, label: string }

export interface FilterQuery { from?: string, to?: string, type?: string, institution?: string }

/** Records reach the server one to three days late: a range ending this close to 数据截至 may miss some. */
export const RECENT_DAYS = 3

export class ListFilters {
  range: RangeChoice = { kind: 'all' }
  type: FilterChoice | null = null
  institution: FilterChoice | null = null

  /** `now`: the clock (tests pass a fixed one); the calendar is China's whatever the device's zone. */
  constructor (private readonly now: () => number = Date.now) {
    makeAutoObservable<this, 'now'>(this, { now: false }, { autoBind: true })
  }

  get today (): string {
    return chinaDate(this.now())
  }

  /** The range as inclusive China dates (none for 全部时间); a range never ends after today. */
  get dates (): { from: string, to: string } | null {
    const today = this.today
    const year = today.slice(0, 4)
    switch (this.range.kind) {
      case 'all': return null
      case 'month': return { from: `${today.slice(0, 7)}-01`, to: today }
      case 'year': return { from: `${year}-01-01`, to: today }
      case 'chosen-year': {
        const y = String(this.range.year)
        return { from: `${y}-01-01`, to: y === year ? today : `${y}-12-31` }
      }
      case 'custom': return { from: this.range.from, to: this.range.to }
    }
  }

  get query (): FilterQuery {
    const query: FilterQuery = {}
    const dates = this.dates
    if (dates) { query.from = dates.from; query.to = dates.to }
    if (this.type) query.type = this.type.value
    if (this.institution) query.institution = this.institution.value
    return query
  }

  /** What a query is keyed by (a list reloads when it changes). */
  get key (): string {
    return JSON.stringify(this.query)
  }

  get rangeLabel (): string {
    switch (this.range.kind) {
      case 'all': return '全部时间'
      case 'month': return '本月'
      case 'year': return '今年'
      case 'chosen-year': return `${this.range.year}年`
      case 'custom': return `${formatIsoDate(this.range.from)}至${formatIsoDate(this.range.to)}`
    }
  }

  get chips (): FilterChip[] {
    const chips: FilterChip[] = []
    if (this.range.kind !== 'all') chips.push({ key: 'range', label: this.rangeLabel })
    if (this.type) chips.push({ key: 'type', label: this.type.label })
    if (this.institution) chips.push({ key: 'institution', label: this.institution.label })
    return chips
  }

  get active (): boolean {
    return this.chips.length > 0
  }

  /**
   * The range may reach records that have not arrived yet: it ends within RECENT_DAYS of the data's as-of time
   * (or has no end). An empty list then says so.
   */
  reachesRecent (asOf: string): boolean {
    const to = this.dates?.to
    return to == null || daysBetween(to, asOf) <= RECENT_DAYS
  }

  setRange (range: RangeChoice): void {
    this.range = range
  }

  /** A custom range from two picked dates, in either order. */
  setCustomRange (a: string, b: string): void {
    this.range = a <= b ? { kind: 'custom', from: a, to: b } : { kind: 'custom', from: b, to: a }
  }

  setType (type: FilterChoice | null): void {
    this.type = type
  }

  setInstitution (institution: FilterChoice | null): void {
    this.institution = institution
  }

  clear (key: FilterKey): void {
    if (key === 'range') this.range = { kind: 'all' }
    else if (key === 'type') this.type = null
    else this.institution = null
  }

  clearAll (): void {
    this.range = { kind: 'all' }
    this.type = null
    this.institution = null
  }
}
