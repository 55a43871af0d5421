// One account list read page by page from the server (缴费记录, 消费记录, 家庭共济缴费, 报销进度): the first page, pull
// to refresh, the next page at the bottom, and what went wrong at each of them, with answers for an older request
// (an earlier filter, a reset) dropped.
//
// Rows are kept as one frozen array per server page, in `pages`. A page already shown never changes: a new page is a
// new array at the end, so a view that draws one component per page sends only the new page to the screen (on weapp
// a setData of about the size of a native page's; see docs/long-lists.md). The rows are display-ready plain
// objects made once by `toRows` (strings prepared here, not in every render).
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import { ApiError } from '../services/http'

export interface PageAnswer<TItem> {
  items: TItem[]
  nextCursor: string | null
}

export interface ListError {
  code: string
  message: string
}

/** Turns one server page into rows; `previous` is the last row before them (a year heading needs it). */
export type ToRows<TItem, TRow, TAnswer> = (items: TItem[], answer: TAnswer, previous: TRow | undefined) => TRow[]

export interface PagedListOptions<TItem, TRow, TAnswer extends PageAnswer<TItem>> {
  /** One page: the first when `cursor` is undefined. */
  fetch: (cursor: string | undefined) => Promise<TAnswer>
  toRows: ToRows<TItem, TRow, TAnswer>
  /** What the person reads when the request failed without an answer from the server. */
  fallbackMessage?: string
}

const FALLBACK = '记录暂时无法显示，请稍后重试'

function sameRow<TRow> (a: TRow, b: TRow): boolean {
  const keys = Object.keys(a as object) as Array<keyof TRow>
  return keys.length === Object.keys(b as object).length && keys.every((key) => a[key] === b[key])
}

function toListError (error: unknown, fallback: string): ListError {
  return error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'client_error', message: fallback }
}

export class PagedList<TItem, TRow, TAnswer extends PageAnswer<TItem> = PageAnswer<TItem>> {
  /** One frozen array of rows per server page, oldest request first. */
  pages: ReadonlyArray<readonly TRow[]> = []
  /** The last answer (its asOf / note), without its items. */
  answer: Omit<TAnswer, 'items'> | null = null
  /** The first page is on its way and nothing is shown yet (a skeleton). */
  loading = false
  /** The first page could not be read; nothing is shown (an error with 重试). */
  error: ListError | null = null
  /** Pull to refresh: the first page is being read again while the old rows stay. */
  refreshing = false
  /** The refresh failed: the old rows stay, with this sentence above them. */
  refreshError: string | null = null
  /** The next page is on its way (a line at the bottom). */
  loadingMore = false
  /** The next page could not be read (a line at the bottom with 重试). */
  moreError: string | null = null

  private generation = 0
  private readonly options: PagedListOptions<TItem, TRow, TAnswer>

  constructor (options: PagedListOptions<TItem, TRow, TAnswer>) {
    this.options = options
    makeAutoObservable<this, 'generation' | 'options'>(this, {
      pages: observableRef, answer: observableRef, generation: false, options: false,
    }, { autoBind: true })
  }

  /** A first page has been read (possibly empty). */
  get loaded (): boolean {
    return this.answer !== null
  }

  get rowCount (): number {
    let n = 0
    for (const page of this.pages) n += page.length
    return n
  }

  get empty (): boolean {
    return this.loaded && this.rowCount === 0
  }

  get hasMore (): boolean {
    return this.answer?.nextCursor != null
  }

  /** The first page afresh, dropping what is shown (a new filter, a retry after an error). */
  async load (): Promise<void> {
    const generation = ++this.generation
    this.pages = []
    this.answer = null
    this.error = null
    this.refreshError = null
    this.moreError = null
    this.loadingMore = false
    this.refreshing = false
    this.loading = true
    try {
      const answer = await this.options.fetch(undefined)
      runInAction(() => {
        if (generation !== this.generation) return
        this.accept(answer, true)
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.error = toListError(error, this.options.fallbackMessage ?? FALLBACK)
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loading = false })
    }
  }

  /** Loads unless a first page is here or on its way. */
  ensureLoaded (): Promise<void> {
    if (this.loaded || this.loading) return Promise.resolve()
    return this.load()
  }

  /** Pull to refresh: the first page again; the rows shown stay until it arrives, and stay if it fails. */
  async refresh (): Promise<void> {
    if (!this.loaded) return this.load()
    const generation = ++this.generation
    this.refreshing = true
    this.refreshError = null
    this.loadingMore = false
    try {
      const answer = await this.options.fetch(undefined)
      runInAction(() => {
        if (generation !== this.generation) return
        this.moreError = null
        this.accept(answer, true)
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.refreshError = toListError(error, this.options.fallbackMessage ?? FALLBACK).message
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.refreshing = false })
    }
  }

  /** The next page, once (a second call while one is on its way does nothing). */
  async loadMore (): Promise<void> {
    const cursor = this.answer?.nextCursor
    if (!cursor || this.loadingMore || this.loading || this.refreshing) return
    const generation = this.generation
    this.loadingMore = true
    this.moreError = null
    try {
      const answer = await this.options.fetch(cursor)
      runInAction(() => {
        if (generation !== this.generation) return
        this.accept(answer, false)
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.moreError = toListError(error, this.options.fallbackMessage ?? FALLBACK).message
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loadingMore = false })
    }
  }

  /**
   * Replaces the first row that `match`es; only the page holding it becomes a new array (the others are not re-sent),
   * and not even that when the row reads the same as the one shown (rows are flat display objects). False when no row
   * matches.
   */
  replaceRow (match: (row: TRow) => boolean, row: TRow): boolean {
    for (let p = 0; p < this.pages.length; p++) {
      const at = this.pages[p]!.findIndex(match)
      if (at < 0) continue
      if (sameRow(this.pages[p]![at]!, row)) return true
      const page = this.pages[p]!.slice()
      page[at] = row
      const pages = this.pages.slice()
      pages[p] = Object.freeze(page)
      this.pages = pages
      return true
    }
    return false
  }

  /** Forgets everything (another person's session); an answer still on its way is dropped. */
  reset (): void {
    this.generation++
    this.pages = []
    this.answer = null
    this.loading = false
    this.error = null
    this.refreshing = false
    this.refreshError = null
    this.loadingMore = false
    this.moreError = null
  }

  private accept (answer: TAnswer, first: boolean): void {
    const kept = first ? [] : this.pages
    const lastPage = kept[kept.length - 1]
    const rows = Object.freeze(this.options.toRows(answer.items, answer, lastPage?.[lastPage.length - 1]))
    // An empty page adds nothing to draw (the last page of a list whose length is a multiple of the page size).
    this.pages = rows.length || first ? [...kept, rows].filter((page) => page.length) : kept
    const { items: _items, ...rest } = answer
    this.answer = rest
  }
}
