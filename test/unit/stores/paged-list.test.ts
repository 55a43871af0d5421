// PagedList: first page, next pages, pull to refresh, their errors, answers for an older request dropped, rows
// kept as one frozen array per page so that a shown page is never replaced.
import { PagedList, type PageAnswer } from '../../../src/stores/paged-list'
import { ApiError } from '../../../src/services/http'

interface Answer extends PageAnswer<number> { asOf: string }

function deferred<T> () {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

function list (fetch: (cursor: string | undefined) => Promise<Answer>) {
  return new PagedList<number, { n: number, label: string }, Answer>({
    fetch, toRows: (items, _answer, previous) => items.map((n, i) => ({ n, label: `${n}:${i === 0 ? previous?.n ?? '-' : items[i - 1]}` })),
  })
}

const page = (items: number[], nextCursor: string | null): Answer => ({ items, nextCursor, asOf: '2026-11-20T08:00:00+08:00' })

describe('PagedList', () => {
  it('reads the first page, then the next ones with the cursor; each page is its own frozen array', async () => {
    const fetch = jest.fn(async (cursor: string | undefined) => cursor === undefined ? page([1, 2], 'c1') : cursor === 'c1' ? page([3, 4], 'c2') : page([5], null))
    const l = list(fetch)
    expect(l.loaded).toBe(false)
    await l.load()
    expect(l.pages.map((p) => p.map((r) => r.n))).toEqual([[1, 2]])
    expect(l.answer).toEqual({ nextCursor: 'c1', asOf: '2026-11-20T08:00:00+08:00' })
    const first = l.pages[0]
    await l.loadMore()
    await l.loadMore()
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([undefined, 'c1', 'c2'])
    expect(l.pages.map((p) => p.map((r) => r.n))).toEqual([[1, 2], [3, 4], [5]])
    expect(l.pages[0]).toBe(first)
    expect(Object.isFrozen(l.pages[1])).toBe(true)
    // toRows saw the last row of the previous page.
    expect(l.pages[1]![0]!.label).toBe('3:2')
    expect(l.rowCount).toBe(5)
    expect(l.hasMore).toBe(false)
    await l.loadMore() // the end: nothing more is asked for
    expect(fetch).toHaveBeenCalledTimes(3)
  })

  it('asks for the next page once while one is on its way', async () => {
    const next = deferred<Answer>()
    const fetch = jest.fn(async (cursor: string | undefined) => cursor ? next.promise : page([1], 'c1'))
    const l = list(fetch)
    await l.load()
    const a = l.loadMore()
    const b = l.loadMore()
    expect(l.loadingMore).toBe(true)
    next.resolve(page([2], null))
    await Promise.all([a, b])
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(l.loadingMore).toBe(false)
  })

  it('an empty last page adds nothing; an empty first page is an empty list', async () => {
    const l = list(async (cursor) => cursor ? page([], null) : page([1, 2], 'c1'))
    await l.load()
    await l.loadMore()
    expect(l.pages).toHaveLength(1)
    expect(l.hasMore).toBe(false)
    const e = list(async () => page([], null))
    await e.load()
    expect(e.empty).toBe(true)
    expect(e.pages).toEqual([])
  })

  it('keeps the server\'s sentence for each kind of failure, and the rows shown stay', async () => {
    const fetch = jest.fn<Promise<Answer>, [string | undefined]>()
    const l = list(fetch)
    fetch.mockRejectedValueOnce(new ApiError(403, 'verification_required', '请先完成身份验证'))
    await l.load()
    expect(l.error).toEqual({ code: 'verification_required', message: '请先完成身份验证' })
    expect(l.loaded).toBe(false)

    fetch.mockResolvedValueOnce(page([1], 'c1'))
    await l.load()
    expect(l.error).toBeNull()

    fetch.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await l.loadMore()
    expect(l.moreError).toBe('网络连接失败，请检查网络后重试')
    expect(l.rowCount).toBe(1)

    fetch.mockRejectedValueOnce(new Error('boom'))
    await l.refresh()
    expect(l.refreshError).toBe('记录暂时无法显示，请稍后重试')
    expect(l.rowCount).toBe(1)

    fetch.mockResolvedValueOnce(page([7, 8], null))
    await l.refresh()
    expect(l.refreshError).toBeNull()
    expect(l.moreError).toBeNull()
    expect(l.pages.map((p) => p.map((r) => r.n))).toEqual([[7, 8]])
  })

  it('drops an answer for an older request: a new load, or a reset for another session', async () => {
    const slow = deferred<Answer>()
    const fetch = jest.fn<Promise<Answer>, [string | undefined]>()
    const l = list(fetch)
    fetch.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(page([2], null))
    const old = l.load()
    await l.load()
    slow.resolve(page([1], null))
    await old
    expect(l.pages.map((p) => p.map((r) => r.n))).toEqual([[2]])

    const late = deferred<Answer>()
    fetch.mockReturnValueOnce(late.promise)
    const pending = l.load()
    l.reset()
    late.resolve(page([9], null))
    await pending
    expect(l.loaded).toBe(false)
    expect(l.loading).toBe(false)
  })

  it('replaceRow swaps one row and only the page that holds it', async () => {
    const l = list(async (cursor) => cursor ? page([3, 4], null) : page([1, 2], 'c1'))
    await l.load()
    await l.loadMore()
    const [first, second] = l.pages
    expect(l.replaceRow((r) => r.n === 4, { n: 4, label: 'changed' })).toBe(true)
    expect(l.pages[0]).toBe(first)
    expect(l.pages[1]).not.toBe(second)
    expect(l.pages[1]!.map((r) => r.label)).toEqual(['3:2', 'changed'])
    expect(l.replaceRow((r) => r.n === 99, { n: 99, label: '' })).toBe(false)
    // A row that reads the same as the one shown changes nothing (its page is not sent again).
    const before = l.pages
    expect(l.replaceRow((r) => r.n === 4, { n: 4, label: 'changed' })).toBe(true)
    expect(l.pages).toBe(before)
  })
})
