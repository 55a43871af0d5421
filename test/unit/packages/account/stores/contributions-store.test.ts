// ContributionsStore: rows made for drawing (months with their parts, year headings that are not repeated across
// pages, gaps, residents' years), the server's note and a retiree's empty list, the time filter as the query, the
// empty list's explanation, and errors.
import { ContributionsStore, toContributionRow, toContributionRows, yearGroups, type ContributionRow, type YearGroup } from '../../../../../src/packages/account/stores/contributions-store'
import type { ContributionEntry, ContributionGap, ContributionItem, ContributionsPage } from '../../../../../types/api/contributions'
import type { InsuranceType } from '../../../../../types/api/account'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi } from '../../../stores/fakes'

const NOW = Date.parse('2026-11-24T04:00:00Z')
const AS_OF = '2026-11-20T00:00:00.000Z'
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

let nextId = 100
function month (period: string, over: Partial<ContributionItem> = {}): ContributionItem {
  return {
    kind: 'contribution', id: nextId++, period, paidAt: `${period}-16T06:10:57.000Z`,
    baseFen: 1_668_800, employerFen: 158_536, personalFen: 33_376, creditedFen: 33_376,
    payingUnit: '上海漕河泾智能制造有限公司', latePaid: false, status: 'paid', ...over,
  }
}

function gap (from: string, to: string, over: Partial<ContributionGap> = {}): ContributionGap {
  return {
    kind: 'gap', id: `gap-${from}`, period: to, fromPeriod: from, toPeriod: to, months: 1, ongoing: false,
    title: '2025年2月 断缴', explanation: '2025年2月没有缴费记录（断缴）。断缴的月份个人账户没有划入……', ...over,
  }
}

const pageOf = (items: ContributionEntry[], nextCursor: string | null = null, note: string | null = '单位缴纳的部分全部进入统筹基金，个人缴纳的部分计入您的个人账户。'): ContributionsPage =>
  ({ items, nextCursor, asOf: AS_OF, note })

/** What a row list reads as: months by period, gaps `!title`, residents' years by period. */
const shape = (rows: readonly ContributionRow[]) => rows.map((r) => r.kind === 'gap' ? `!${r.title}` : r.period)

/** What a year group reads as: its title and total, then `@unit|terms` where the terms start or change, months, gaps. */
const groupShape = (g: YearGroup) => [
  `#${g.title} ${g.totalFen} ${g.totalNote}${g.partial ? ' partial' : ''}`,
  ...g.rows.map((r) => r.kind === 'terms' ? `@${r.unit ?? ''}|${r.terms}` : r.kind === 'gap' ? `!${r.title}` : `${r.month} ${r.credited}${r.late ? ' 补缴' : ''}`),
]

function storeWith (answers: Array<ContributionsPage | Error>, type: InsuranceType | null = 'employee') {
  const api = fakeApi()
  for (const a of answers) {
    if (a instanceof Error) api.contributions.list.mockRejectedValueOnce(a)
    else api.contributions.list.mockResolvedValueOnce(a)
  }
  const store = new ContributionsStore(api.contributions, () => type, () => NOW)
  return { api, store }
}

describe('contribution rows', () => {
  it('a month: its month and the amount credited, every part formatted, paid on time with its date in China time', () => {
    expect(toContributionRow(month('2026-10', { id: 34, paidAt: '2026-10-20T07:21:31.000Z' }))).toEqual({
      kind: 'month', key: 'c-34', year: '2026', period: '2026年10月', month: '10月', credited: '¥333.76', creditedFen: 33_376,
      base: '¥16,688.00', employer: '¥1,585.36', personal: '¥333.76', unit: '上海漕河泾智能制造有限公司', late: false,
      status: '按时缴费', statusCls: 'status-tag--paid', paidAt: '2026年10月20日到账',
    })
  })

  it('a month made up later reads 补缴 with the day it was made up (China time, across midnight UTC)', () => {
    const row = toContributionRow(month('2026-02', { latePaid: true, status: 'late_paid', paidAt: '2026-04-14T17:30:00.000Z' }))
    expect(row).toMatchObject({ period: '2026年2月', late: true, status: '补缴', statusCls: 'status-tag--late', paidAt: '2026年4月15日补缴到账' })
  })

  it('a resident\'s year: the premium paid, how it was paid, no base, employer or account', () => {
    const row = toContributionRow(month('2026', {
      id: 7, baseFen: 0, employerFen: 0, personalFen: 40_000, creditedFen: 0, payingUnit: '个人缴纳（银行代扣）', paidAt: '2025-11-19T02:33:05.000Z',
    }))
    expect(row).toEqual({
      kind: 'premium', key: 'c-7', year: '2026', period: '2026年度', amount: '¥400.00', unit: '个人缴纳（银行代扣）',
      status: '按时缴费', statusCls: 'status-tag--paid', paidAt: '2025年11月19日到账',
    })
  })

  it('groups months by year, newest first, with each year\'s total and count; a gap stays where it falls', () => {
    const rows = toContributionRows([month('2026-01'), gap('2025-11', '2025-12', { title: '2025年11月至2025年12月 断缴 2 个月', months: 2 }), month('2025-10'), month('2025-09')])
    expect(shape(rows)).toEqual(['2026年1月', '!2025年11月至2025年12月 断缴 2 个月', '2025年10月', '2025年9月'])
    const terms = '缴费基数 ¥16,688.00，单位每月缴 ¥1,585.36（进入统筹基金），个人每月缴 ¥333.76'
    expect(yearGroups(rows, false).map(groupShape)).toEqual([
      ['#2026年 33376 计入个人账户 · 1 个月', `@上海漕河泾智能制造有限公司|${terms}`, '1月 ¥333.76'],
      ['#2025年 66752 计入个人账户 · 2 个月', '!2025年11月至2025年12月 断缴 2 个月', `@上海漕河泾智能制造有限公司|${terms}`, '10月 ¥333.76', '9月 ¥333.76'],
    ])
    expect(rows[1]).toEqual({
      kind: 'gap', key: 'gap-2025-11', year: '2025', title: '2025年11月至2025年12月 断缴 2 个月',
      explanation: '2025年2月没有缴费记录（断缴）。断缴的月份个人账户没有划入……', cls: '',
    })
  })

  it('says the unit and the base once, and again only where they change (the unit only when it is another)', () => {
    const newBase = { baseFen: 1_800_000, employerFen: 171_000, personalFen: 36_000, creditedFen: 36_000 }
    const rows = toContributionRows([
      month('2025-08', newBase), month('2025-07', newBase), month('2025-06'), month('2025-05', { payingUnit: '上海申江信息技术有限公司', latePaid: true, status: 'late_paid', paidAt: '2025-07-02T02:00:00Z' }),
    ])
    expect(yearGroups(rows, true).map(groupShape)).toEqual([[
      '#2025年 138752 计入个人账户 · 4 个月（已显示的月份） partial',
      '@上海漕河泾智能制造有限公司|缴费基数 ¥18,000.00，单位每月缴 ¥1,710.00（进入统筹基金），个人每月缴 ¥360.00',
      '8月 ¥360.00', '7月 ¥360.00',
      '@|缴费基数 ¥16,688.00，单位每月缴 ¥1,585.36（进入统筹基金），个人每月缴 ¥333.76',
      '6月 ¥333.76',
      '@上海申江信息技术有限公司|缴费基数 ¥16,688.00，单位每月缴 ¥1,585.36（进入统筹基金），个人每月缴 ¥333.76',
      '5月 ¥333.76 补缴',
    ]])
  })

  it('a gap that lasts to this day is marked as ongoing', () => {
    const [row] = toContributionRows([gap('2026-09', '2026-10', { ongoing: true, months: 2, title: '2026年9月至2026年10月 断缴 2 个月' })])
    expect(row).toMatchObject({ kind: 'gap', cls: 'gap-row--ongoing' })
  })

  it('a resident\'s years are listed as they come, their gaps (断保) where they fall', () => {
    const premium = { baseFen: 0, employerFen: 0, creditedFen: 0, personalFen: 40_000, payingUnit: '个人缴纳（银行代扣）' }
    const rows = toContributionRows([month('2026', premium), gap('2025', '2025', { title: '2025年度 未缴费（断保）' }), month('2024', premium)])
    expect(shape(rows)).toEqual(['2026年度', '!2025年度 未缴费（断保）', '2024年度'])
  })
})

describe('ContributionsStore', () => {
  it('loads 60 months at a time once started; a year that goes on in the next page is one group, whole once it arrives', async () => {
    const { api, store } = storeWith([
      pageOf([month('2026-02'), month('2026-01'), month('2025-12'), month('2025-11')], 'c1'),
      pageOf([month('2025-10'), gap('2025-09', '2025-09', { title: '2025年9月 断缴' }), month('2025-08'), month('2024-12')], 'c2'),
      pageOf([month('2024-11')], null),
    ])
    store.start()
    store.start()
    await flush()
    expect(api.contributions.list).toHaveBeenCalledTimes(1)
    expect(api.contributions.list).toHaveBeenCalledWith({ from: undefined, to: undefined, cursor: undefined, limit: 60 })
    expect(store.monthly).toBe(true)
    expect(store.years.map((g) => [g.title, g.totalNote, g.partial])).toEqual([['2026年', '计入个人账户 · 2 个月', false], ['2025年', '计入个人账户 · 2 个月（已显示的月份）', true]])
    expect(store.years[0]).toMatchObject({ total: '¥667.52', spoken: '2026年计入个人账户合计 667 元 52 分，2 个月' })

    await store.loadMore()
    expect(api.contributions.list).toHaveBeenLastCalledWith({ from: undefined, to: undefined, cursor: 'c1', limit: 60 })
    expect(store.years.map((g) => [g.title, g.totalFen, g.partial])).toEqual([['2026年', 66_752, false], ['2025年', 133_504, false], ['2024年', 33_376, true]])
    await store.loadMore()
    expect(store.years.map((g) => [g.title, g.totalNote, g.partial])).toEqual([
      ['2026年', '计入个人账户 · 2 个月', false], ['2025年', '计入个人账户 · 4 个月', false], ['2024年', '计入个人账户 · 2 个月', false],
    ])
    expect(store.list.hasMore).toBe(false)
    const keys = store.years.flatMap((g) => g.rows.map((r) => r.key))
    expect(new Set(keys).size).toBe(keys.length)
    // A year folds to its title and total and unfolds again; another person's session starts unfolded.
    store.toggleYear('2025')
    expect([...store.folded]).toEqual(['2025'])
    store.toggleYear('2025')
    expect(store.folded.size).toBe(0)
    store.toggleYear('2024')
    store.reset()
    expect(store.folded.size).toBe(0)
    store.dispose()
  })

  it('the note from the server, the 数据截至 line, and ten years for the year picker', async () => {
    const { store } = storeWith([pageOf([month('2026-10')])])
    await store.load()
    expect(store.note).toBe('单位缴纳的部分全部进入统筹基金，个人缴纳的部分计入您的个人账户。')
    expect(store.asOfLine).toBe('数据截至 2026年11月20日 星期五 08:00，最近 1 到 3 天的缴费可能还没有同步')
    expect(store.firstYear).toBe(2017)
    expect(store.retireeWithoutRecords).toBe(false)
  })

  it('a retiree: an empty list with the note that says why, and no filters to offer', async () => {
    const note = '退休人员不再缴纳医保费，个人账户每月由统筹基金按规定定额划入，所以这里没有缴费记录；每月划入的钱会计入账户余额。'
    const { store } = storeWith([pageOf([], null, note)], 'retiree')
    expect(store.retireeWithoutRecords).toBe(true) // while the first page is on its way too: no filter bar flashes by
    await store.load()
    expect(store.list.empty).toBe(true)
    expect(store.note).toBe(note)
    expect(store.retireeNote).toBe(note)
    expect(store.retireeWithoutRecords).toBe(true)
    expect(store.retireeCredited).toBeNull() // the summary is not here: the note alone
    const withSummary = new ContributionsStore(fakeApi().contributions, () => 'retiree', () => NOW, () => ({ year: 2026, creditedFen: 116_600 }))
    expect(withSummary.retireeCredited).toEqual({ year: 2026, fen: 116_600, text: '2026年以来统筹基金已划入您的个人账户' })
    // An employee with nothing listed is not a retiree: the empty list explains itself instead.
    const employee = storeWith([pageOf([])], 'employee').store
    await employee.load()
    expect(employee.retireeWithoutRecords).toBe(false)
    // Type not known yet (the summary is still on its way): the ordinary page.
    const unknown = storeWith([pageOf([], null, note)], null).store
    await unknown.load()
    expect(unknown.retireeWithoutRecords).toBe(false)
  })

  it('a resident\'s yearly payments, with their note', async () => {
    const note = '城乡居民医保按年缴费，每年在集中缴费期内缴纳下一年度的费用；城乡居民没有个人账户，缴费不会计入个人账户。'
    const premium = { baseFen: 0, employerFen: 0, creditedFen: 0, personalFen: 40_000, payingUnit: '个人缴纳（银行代扣）' }
    const { store } = storeWith([pageOf([month('2026', premium), month('2025', { ...premium, personalFen: 38_000 })], null, note)], 'resident')
    await store.load()
    expect(store.note).toBe(note)
    expect(store.list.pages[0]!.map((r) => r.kind === 'premium' && `${r.period} ${r.amount}`)).toEqual(['2026年度 ¥400.00', '2025年度 ¥380.00'])
  })

  it('sends the time range as from / to (never a type or an institution), and reloads when it changes', async () => {
    const { api, store } = storeWith([])
    store.start()
    await flush()
    store.filters.setRange({ kind: 'chosen-year', year: 2025 })
    await flush()
    expect(api.contributions.list).toHaveBeenLastCalledWith({ from: '2025-01-01', to: '2025-12-31', cursor: undefined, limit: 60 })
    store.filters.setRange({ kind: 'month' })
    await flush()
    expect(api.contributions.list).toHaveBeenLastCalledWith({ from: '2026-11-01', to: '2026-11-24', cursor: undefined, limit: 60 })
    store.filters.setType({ value: 'pharmacy', label: '药店' }) // not a filter of this list: the same query, no reload
    await flush()
    expect(api.contributions.list).toHaveBeenCalledTimes(3)
    api.contributions.list.mockResolvedValueOnce(pageOf([month('2026-11')], 'c9'))
    store.filters.clearAll()
    await flush()
    expect(api.contributions.list).toHaveBeenLastCalledWith({ from: undefined, to: undefined, cursor: undefined, limit: 60 })
    // The next page keeps the range it was asked with.
    api.contributions.list.mockResolvedValueOnce(pageOf([month('2026-11')], 'c10'))
    store.filters.setRange({ kind: 'year' })
    await flush()
    await store.loadMore()
    expect(api.contributions.list).toHaveBeenLastCalledWith({ from: '2026-01-01', to: '2026-11-24', cursor: 'c10', limit: 60 })
    store.dispose()
    store.filters.clearAll()
    await flush()
    expect(api.contributions.list).toHaveBeenCalledTimes(6) // disposed: no reload
  })

  it('an empty filtered list says the filter explains it; one reaching the last days says records arrive late', async () => {
    const { store } = storeWith([pageOf([]), pageOf([]), pageOf([])])
    store.filters.setRange({ kind: 'chosen-year', year: 2019 })
    await store.load()
    expect(store.emptyTitle).toBe('没有符合条件的缴费记录')
    expect(store.emptyReasons).toEqual(['2019年没有缴费记录，可以清除筛选条件，看看全部缴费记录。'])

    store.filters.setRange({ kind: 'month' })
    await store.load()
    expect(store.emptyReasons).toEqual([
      '本月没有缴费记录，可以清除筛选条件，看看全部缴费记录。',
      '数据截至 2026年11月20日 星期五 08:00。每月的缴费通常 1 到 3 天后才会同步到这里，最近缴的费可能还没有显示。',
    ])

    store.filters.clearAll()
    await store.load()
    expect(store.emptyTitle).toBe('还没有缴费记录')
    expect(store.emptyReasons).toEqual([
      '数据截至 2026年11月20日 星期五 08:00。每月的缴费通常 1 到 3 天后才会同步到这里，最近缴的费可能还没有显示。',
      '如果您已经参保缴费，请过几天再来查看，或拨打 12393 医保服务热线咨询。',
    ])
  })

  it('errors: the first page\'s with the server\'s sentence, a next page\'s at the bottom, a network failure in plain words', async () => {
    const { store } = storeWith([
      new ApiError(403, 'verification_required', '为保护您的医保信息，请先完成身份验证'),
      pageOf([month('2026-10')], 'c1'),
      new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'),
      new TypeError('request:fail timeout'),
    ])
    await store.load()
    expect(store.list.error).toEqual({ code: 'verification_required', message: '为保护您的医保信息，请先完成身份验证' })
    await store.load() // 重试
    expect(store.list.error).toBeNull()
    await store.loadMore()
    expect(store.list.moreError).toBe('服务暂时不可用，请稍后重试')
    expect(shape(store.list.pages.flat())).toEqual(['2026年10月'])
    await store.refresh()
    expect(store.list.refreshError).toBe('缴费记录暂时无法显示，请稍后重试')
    expect(shape(store.list.pages.flat())).toEqual(['2026年10月']) // the rows shown stay
  })

  it('forgets the list with a new session', async () => {
    const { store } = storeWith([pageOf([month('2026-10')])])
    await store.load()
    store.reset()
    expect(store.list.loaded).toBe(false)
    expect(store.list.pages).toEqual([])
    expect(store.note).toBeNull()
  })
})
