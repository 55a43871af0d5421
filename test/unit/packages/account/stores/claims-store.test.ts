// ClaimsStore: rows prepared for drawing (stage names and tones, amounts, the next step), the filters sent as the
// query (the time range, and the stage through the filter bar's type), reloads when they change, the next page,
// and a row redrawn when 报销详情 read its claim afresh.
import { ClaimsStore, toClaimRow, stageTone, stageIsFinal, CLAIM_STAGES, TONE_TAG_TYPES } from '../../../../../src/packages/account/stores/claims-store'
import type { ClaimListItem, ClaimsPage } from '../../../../../types/api/claims'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi } from '../../../stores/fakes'

const NOW = Date.parse('2026-11-24T04:00:00Z')
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function item (over: Partial<ClaimListItem> = {}): ClaimListItem {
  return {
    id: 31, claimNo: 'BX31010420261103000001', title: '住院费用零星报销', stage: 'first_review', stageName: '初审中',
    submittedAt: '2026-11-03T01:30:00Z', updatedAt: '2026-11-05T02:00:00Z', claimedFen: 862450, approvedFen: null,
    institution: { code: 'H31010400001', name: '上海市第六人民医院' },
    nextStep: '正在初审，预计2026年11月19日前有结果；如果需要补充材料，会在这里告诉您。', ...over,
  }
}

const pageOf = (items: ClaimListItem[], nextCursor: string | null = null): ClaimsPage => ({ items, nextCursor })

describe('claim rows', () => {
  it('prepares every string a row shows, in China time', () => {
    expect(toClaimRow(item())).toEqual({
      id: 31, title: '住院费用零星报销', stage: '初审中', tone: 'progress', submitted: '2026年11月3日提交',
      claimed: '申请 ¥8,624.50', approved: '', inst: '上海市第六人民医院',
      next: '正在初审，预计2026年11月19日前有结果；如果需要补充材料，会在这里告诉您。', cls: '',
    })
  })

  it('shows the approved amount once set, and no institution for treatment elsewhere', () => {
    const row = toClaimRow(item({ stage: 'paid', stageName: '已打款', approvedFen: 110230, institution: null }))
    expect(row).toMatchObject({ stage: '已打款', tone: 'success', approved: '核定 ¥1,102.30', inst: '', cls: '' })
  })

  it('marks what needs attention in the warning colour (materials needed), and a rejection in its own', () => {
    expect(toClaimRow(item({ stage: 'materials_needed', stageName: '需补充材料' }))).toMatchObject({ tone: 'warn', cls: 'claim-row--warn' })
    expect(toClaimRow(item({ stage: 'rejected', stageName: '未通过' }))).toMatchObject({ tone: 'fail', cls: 'claim-row--fail' })
    expect(CLAIM_STAGES.map((s) => [s.value, stageTone(s.value), TONE_TAG_TYPES[stageTone(s.value)]])).toEqual([
      ['submitted', 'progress', 'primary'], ['first_review', 'progress', 'primary'], ['second_review', 'progress', 'primary'],
      ['approved', 'success', 'success'], ['paid', 'success', 'success'],
      ['materials_needed', 'warn', 'warning'], ['rejected', 'fail', 'danger'],
    ])
    expect(CLAIM_STAGES.filter((s) => stageIsFinal(s.value)).map((s) => s.value)).toEqual(['paid', 'rejected'])
  })
})

describe('ClaimsStore', () => {
  it('loads the claims once started, 20 at a time, and the next page with the cursor', async () => {
    const api = fakeApi()
    api.claims.list.mockResolvedValueOnce(pageOf([item(), item({ id: 30 })], 'c1')).mockResolvedValueOnce(pageOf([item({ id: 29 })]))
    const store = new ClaimsStore(api.claims, () => NOW)
    store.start()
    store.start()
    await flush()
    expect(api.claims.list).toHaveBeenCalledTimes(1)
    expect(api.claims.list).toHaveBeenCalledWith({ limit: 20, cursor: undefined })
    expect(store.list.pages[0]!.map((r) => r.id)).toEqual([31, 30])
    expect(store.list.hasMore).toBe(true)
    await store.loadMore()
    expect(api.claims.list).toHaveBeenLastCalledWith({ limit: 20, cursor: 'c1' })
    expect(store.list.pages.map((p) => p.map((r) => r.id))).toEqual([[31, 30], [29]])
    expect(store.list.hasMore).toBe(false)
    store.dispose()
  })

  it('offers the stages through the filter bar\'s type and sends the chosen one as `stage`, with the time range', async () => {
    const api = fakeApi()
    const store = new ClaimsStore(api.claims, () => NOW)
    expect(store.stageChoices.map((c) => c.label)).toEqual(['已提交', '初审中', '复审中', '审核通过', '已打款', '需补充材料', '未通过'])
    store.start()
    await flush()
    store.filters.setType({ value: 'materials_needed', label: '需补充材料' })
    await flush()
    expect(api.claims.list).toHaveBeenLastCalledWith({ stage: 'materials_needed', limit: 20, cursor: undefined })
    store.filters.setRange({ kind: 'chosen-year', year: 2025 })
    await flush()
    expect(api.claims.list).toHaveBeenLastCalledWith({ from: '2025-01-01', to: '2025-12-31', stage: 'materials_needed', limit: 20, cursor: undefined })
    expect(store.filters.chips.map((c) => c.label)).toEqual(['2025年', '需补充材料'])
    store.filters.clear('type')
    await flush()
    expect(api.claims.list).toHaveBeenLastCalledWith({ from: '2025-01-01', to: '2025-12-31', limit: 20, cursor: undefined })
    store.filters.setRange({ kind: 'month' })
    await flush()
    expect(api.claims.list).toHaveBeenLastCalledWith({ from: '2026-11-01', to: '2026-11-24', limit: 20, cursor: undefined })
    store.dispose()
    store.filters.clearAll()
    await flush()
    expect(api.claims.list).toHaveBeenCalledTimes(5) // disposed: no reload
  })

  it('never sends a type that is not a stage', () => {
    const store = new ClaimsStore(fakeApi().claims, () => NOW)
    store.filters.setType({ value: 'pharmacy', label: '药店' })
    expect(store.query).toEqual({})
  })

  it('says what went wrong with the first page, keeps the rows when a refresh fails, and loads again on retry', async () => {
    const api = fakeApi()
    api.claims.list.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    const store = new ClaimsStore(api.claims, () => NOW)
    await store.load()
    expect(store.list.error).toEqual({ code: 'service_unavailable', message: '服务暂时不可用，请稍后重试' })
    api.claims.list.mockResolvedValueOnce(pageOf([item()]))
    await store.load()
    expect(store.list.error).toBeNull()
    expect(store.list.rowCount).toBe(1)
    api.claims.list.mockRejectedValueOnce(new Error('socket hang up'))
    await store.refresh()
    expect(store.list.refreshError).toBe('报销进度暂时无法显示，请稍后重试')
    expect(store.list.rowCount).toBe(1)
  })

  it('an empty answer is an empty list (the page then explains why)', async () => {
    const api = fakeApi()
    const store = new ClaimsStore(api.claims, () => NOW)
    await store.load()
    expect(store.list.empty).toBe(true)
    expect(store.filters.active).toBe(false)
  })

  it('redraws a claim\'s row when its detail moved on, only when it changed, and forgets everything on reset', async () => {
    const api = fakeApi()
    api.claims.list.mockResolvedValue(pageOf([item(), item({ id: 30 })]))
    const store = new ClaimsStore(api.claims, () => NOW)
    await store.load()
    const before = store.list.pages
    store.replaceRow(item())
    expect(store.list.pages).toBe(before) // nothing changed: nothing redrawn
    store.replaceRow(item({ id: 30, stage: 'second_review', stageName: '复审中', nextStep: '初审已通过，正在复审。' }))
    expect(store.list.pages[0]!.map((r) => r.stage)).toEqual(['初审中', '复审中'])
    store.replaceRow(item({ id: 99 })) // not in the list: nothing to do
    expect(store.list.rowCount).toBe(2)
    store.reset()
    expect(store.list.loaded).toBe(false)
    expect(store.list.rowCount).toBe(0)
  })
})
