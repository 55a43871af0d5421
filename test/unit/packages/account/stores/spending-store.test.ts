// SpendingStore: rows prepared for drawing, filters sent as the query (and a reload when they change), the
// 家庭共济缴费 section only where it applies, the institutions for the filter, and a row replaced after a dispute.
import { SpendingStore, toSpendingRow, payLine, totalsLine } from '../../../../../src/packages/account/stores/spending-store'
import type { SpendingItem, SpendingPage } from '../../../../../types/api/spending'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi } from '../../../stores/fakes'

const NOW = Date.parse('2026-11-24T04:00:00Z')
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function item (over: Partial<SpendingItem> = {}): SpendingItem {
  return {
    id: 11, settledAt: '2026-11-14T04:15:00Z', visitType: 'outpatient', visitTypeName: '门诊',
    institution: { code: 'H31010400001', name: '上海市第六人民医院', kind: 'hospital', regionName: '上海市徐汇区' },
    totalFen: 16350, fundFen: 6433, accountFen: 9917, mutualAidFen: 0, selfFen: 0,
    beneficiary: null, anomalies: [], openDispute: false, ...over,
  }
}

const pageOf = (items: SpendingItem[], nextCursor: string | null = null): SpendingPage => ({ items, nextCursor, asOf: '2026-11-20T00:00:00Z' })

describe('spending rows', () => {
  it('prepares every string a row shows, in China time', () => {
    expect(toSpendingRow(item())).toEqual({
      id: 11, inst: '上海市第六人民医院', total: '¥163.50', time: '2026年11月14日 12:15', type: '门诊',
      tag: '', tagCls: '', pay: '统筹 ¥64.33 · 个人账户 ¥99.17', cls: '',
      label: '2026年11月14日 上海市第六人民医院 门诊 支出 163 元 50 分',
    })
  })

  it('names a row for a screen reader by date, place, kind, amount in words and its tag', () => {
    expect(toSpendingRow(item({ totalFen: 110230, anomalies: [{ rule: 'odd_hour', reason: '凌晨结算' }] })).label)
      .toBe('2026年11月14日 上海市第六人民医院 门诊 支出 1102 元 30 分，请留意')
    // China's date, whatever the device's zone: 23:30 UTC is the next morning in China.
    expect(toSpendingRow(item({ settledAt: '2026-11-02T23:30:00Z' })).label).toMatch(/^2026年11月3日 /)
  })

  it('says the totals with a ¥ figure to read and 元 words to hear', () => {
    expect(totalsLine({ count: 4, totalFen: 110230 })).toEqual({ text: '共 4 笔，合计 ¥1,102.30', label: '共 4 笔，合计 1102 元 30 分' })
    expect(totalsLine({ count: 12345, totalFen: 0 })).toEqual({ text: '共 12,345 笔，合计 ¥0.00', label: '共 12,345 笔，合计 0 元' })
  })

  it('flags an unusual charge, shows a dispute under way instead, and names a relative paid for', () => {
    const odd = item({ anomalies: [{ rule: 'odd_hour', reason: '凌晨结算' }] })
    expect(toSpendingRow(odd)).toMatchObject({ tag: '请留意', tagCls: 'tag--warn', cls: 'row--flag' })
    expect(toSpendingRow({ ...odd, openDispute: true })).toMatchObject({ tag: '核实中', tagCls: 'tag--dispute', cls: '' })
    const aid = item({ accountFen: 0, mutualAidFen: 9917, beneficiary: { nameMasked: '陈**', relation: '父亲' } })
    expect(toSpendingRow(aid)).toMatchObject({ tag: '为父亲支付', tagCls: 'tag--aid', pay: '父亲 陈**：统筹 ¥64.33 · 共济 ¥99.17' })
  })

  it('lists only the parts that were paid, and 自付 ¥0.00 when nothing was', () => {
    expect(payLine({ fundFen: 0, accountFen: 0, mutualAidFen: 0, selfFen: 1234 })).toBe('自付 ¥12.34')
    expect(payLine({ fundFen: 0, accountFen: 0, mutualAidFen: 0, selfFen: 0 })).toBe('自付 ¥0.00')
    expect(payLine({ fundFen: 100, accountFen: 200, mutualAidFen: 300, selfFen: 400 })).toBe('统筹 ¥1.00 · 个人账户 ¥2.00 · 共济 ¥3.00 · 自付 ¥4.00')
  })
})

describe('SpendingStore', () => {
  it('loads the settlements and the 家庭共济缴费 once started, 20 and 5 at a time', async () => {
    const api = fakeApi()
    api.spending.list.mockResolvedValue(pageOf([item()], 'c1'))
    const store = new SpendingStore(api.spending, () => NOW)
    store.start()
    store.start()
    await flush()
    expect(api.spending.list).toHaveBeenCalledTimes(1)
    expect(api.spending.list).toHaveBeenCalledWith({ limit: 20, cursor: undefined })
    expect(api.spending.familyPremiums).toHaveBeenCalledWith({ limit: 5, cursor: undefined, from: undefined, to: undefined })
    expect(store.list.pages[0]![0]!.inst).toBe('上海市第六人民医院')
    await store.loadMore()
    expect(api.spending.list).toHaveBeenLastCalledWith({ limit: 20, cursor: 'c1' })
    store.dispose()
  })

  it('reloads with the filters as the query when one changes; premiums only for a time range', async () => {
    const api = fakeApi()
    const store = new SpendingStore(api.spending, () => NOW)
    store.start()
    await flush()
    store.filters.setRange({ kind: 'chosen-year', year: 2025 })
    await flush()
    expect(api.spending.list).toHaveBeenLastCalledWith({ from: '2025-01-01', to: '2025-12-31', limit: 20, cursor: undefined })
    expect(api.spending.familyPremiums).toHaveBeenLastCalledWith({ from: '2025-01-01', to: '2025-12-31', limit: 5, cursor: undefined })
    const premiumCalls = api.spending.familyPremiums.mock.calls.length
    store.filters.setType({ value: 'pharmacy', label: '药店' })
    await flush()
    expect(api.spending.list).toHaveBeenLastCalledWith({ from: '2025-01-01', to: '2025-12-31', type: 'pharmacy', limit: 20, cursor: undefined })
    expect(store.premiumsApply).toBe(false)
    expect(api.spending.familyPremiums).toHaveBeenCalledTimes(premiumCalls)
    store.dispose()
    store.filters.clearAll()
    await flush()
    expect(api.spending.list).toHaveBeenCalledTimes(3) // disposed: no reload
  })

  it('shows the filter\'s totals from its first page while that filter is set, and keeps them over later pages', async () => {
    const api = fakeApi()
    const store = new SpendingStore(api.spending, () => NOW)
    api.spending.list.mockResolvedValue(pageOf([item()], 'c1'))
    store.start()
    await flush()
    // No filter, no totals (the server gives none either).
    expect(store.totals).toBeNull()
    api.spending.list.mockResolvedValueOnce({ ...pageOf([item()], 'c2'), totals: { count: 41, totalFen: 1_234_567 } })
    store.filters.setType({ value: 'pharmacy', label: '药店' })
    await flush()
    expect(store.totals).toEqual({ text: '共 41 笔，合计 ¥12,345.67', label: '共 41 笔，合计 12345 元 67 分' })
    // A later page has no totals: the first page's stay.
    api.spending.list.mockResolvedValueOnce(pageOf([item({ id: 12 })], null))
    await store.loadMore()
    expect(store.totals?.text).toBe('共 41 笔，合计 ¥12,345.67')
    // Cleared: gone at once, before any answer.
    api.spending.list.mockReturnValueOnce(new Promise(() => {}))
    store.filters.clearAll()
    expect(store.totals).toBeNull()
    store.dispose()
  })

  it('drops totals answered for filters changed meanwhile', async () => {
    const api = fakeApi()
    const store = new SpendingStore(api.spending, () => NOW)
    let answerOld: (page: SpendingPage) => void = () => {}
    api.spending.list.mockReturnValueOnce(new Promise((resolve) => { answerOld = resolve }))
    store.filters.setType({ value: 'pharmacy', label: '药店' })
    store.start()
    api.spending.list.mockResolvedValueOnce({ ...pageOf([item()]), totals: { count: 2, totalFen: 300 } })
    store.filters.setType({ value: 'inpatient', label: '住院' })
    await flush()
    answerOld({ ...pageOf([item()]), totals: { count: 99, totalFen: 99_999 } })
    await flush()
    expect(store.totals?.text).toBe('共 2 笔，合计 ¥3.00')
    store.dispose()
  })

  it('near the end of the rows asks for the next page once at a time, and not again after a failure (the footer retries)', async () => {
    const api = fakeApi()
    const store = new SpendingStore(api.spending, () => NOW)
    api.spending.list.mockResolvedValueOnce(pageOf([item()], 'c1'))
    store.start()
    await flush()
    api.spending.list.mockRejectedValueOnce(new ApiError(503, 'unavailable', '服务繁忙'))
    store.nearEnd()
    store.nearEnd()
    await flush()
    expect(api.spending.list).toHaveBeenCalledTimes(2)
    expect(store.list.moreError).toBe('服务繁忙')
    store.nearEnd()
    await flush()
    expect(api.spending.list).toHaveBeenCalledTimes(2)
    // The footer's retry asks again.
    api.spending.list.mockResolvedValueOnce(pageOf([item({ id: 12 })], null))
    await store.loadMore()
    expect(store.list.pages.flat().map((r) => r.id)).toEqual([11, 12])
    store.dispose()
  })

  it('is ready to draw once both first answers are in (or the premiums failed); premiums do not count under a type', async () => {
    const api = fakeApi()
    const store = new SpendingStore(api.spending, () => NOW)
    let answerPremiums: (page: { items: never[], nextCursor: null, asOf: string }) => void = () => {}
    api.spending.list.mockResolvedValue(pageOf([item()]))
    api.spending.familyPremiums.mockReturnValueOnce(new Promise((resolve) => { answerPremiums = resolve }))
    expect(store.ready).toBe(false)
    store.start()
    await flush()
    // The settlements are in, the premiums are not: what stands above the rows would arrive after them.
    expect(store.list.loaded).toBe(true)
    expect(store.ready).toBe(false)
    answerPremiums({ items: [], nextCursor: null, asOf: '2026-11-20T00:00:00Z' })
    await flush()
    expect(store.ready).toBe(true)
    // A range reloads both; a failure of the premiums does not hold the rows back.
    api.spending.familyPremiums.mockRejectedValueOnce(new ApiError(503, 'unavailable', '服务繁忙'))
    store.filters.setRange({ kind: 'year' })
    expect(store.ready).toBe(false)
    await flush()
    expect(store.ready).toBe(true)
    // Under a type the premiums are not asked for at all.
    store.filters.setType({ value: 'pharmacy', label: '药店' })
    expect(store.ready).toBe(false)
    await flush()
    expect(store.ready).toBe(true)
    store.dispose()
  })

  it('reads the institutions once for the filter, and says so when it cannot', async () => {
    const api = fakeApi()
    api.spending.institutions.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    const store = new SpendingStore(api.spending, () => NOW)
    await store.loadInstitutions()
    expect(store.institutionsError).toBe('服务暂时不可用，请稍后重试')
    api.spending.institutions.mockResolvedValueOnce({ items: [{ ...item().institution, count: 3, lastSettledAt: '2026-11-14T04:15:00Z' }] })
    await store.loadInstitutions()
    await store.loadInstitutions()
    expect(api.spending.institutions).toHaveBeenCalledTimes(2)
    expect(store.institutionChoices).toEqual([{ value: 'H31010400001', label: '上海市第六人民医院' }])
    expect(store.typeChoices.map((c) => c.label)).toEqual(['门诊', '住院', '药店'])
  })

  it('replaces a settlement\'s row after its detail changed, and forgets everything on reset', async () => {
    const api = fakeApi()
    api.spending.list.mockResolvedValue(pageOf([item(), item({ id: 12 })]))
    const store = new SpendingStore(api.spending, () => NOW)
    await store.loadAll()
    store.replaceRow(item({ id: 12, openDispute: true }))
    expect(store.list.pages[0]!.map((r) => r.tag)).toEqual(['', '核实中'])
    store.reset()
    expect(store.list.loaded).toBe(false)
    expect(store.institutions).toBeNull()
  })

  it('explains an empty list: the filters, settlements not arrived yet, or none at all', async () => {
    const api = fakeApi()
    api.spending.list.mockResolvedValue(pageOf([]))
    const store = new SpendingStore(api.spending, () => NOW)
    await store.loadAll()
    // No filters, and the range (all time) reaches 数据截至 2026-11-20: the delay is the explanation.
    expect(store.emptyTitle).toBe('还没有消费记录')
    expect(store.emptyReasons).toEqual([expect.stringMatching(/^数据截至 2026年11月20日 星期五 08:00。医院和药店的结算通常 1 到 3 天后/)])
    store.filters.setRange({ kind: 'chosen-year', year: 2024 })
    expect(store.emptyTitle).toBe('没有符合条件的消费记录')
    expect(store.emptyReasons).toEqual(['当前的筛选条件下没有消费记录，可以清除筛选条件后再看看。'])
    store.filters.setRange({ kind: 'month' })
    expect(store.emptyReasons).toHaveLength(2)
  })
})
