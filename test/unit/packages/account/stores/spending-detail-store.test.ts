// SpendingDetailStore: one settlement read by id and prepared for drawing, 「不是我的消费」 and its withdrawal (the
// detail and 消费记录's row both follow), each refusal as the server's sentence, and one request per tap.
import { SpendingDetailStore, burdenLines, paymentLines, toDetailView } from '../../../../../src/packages/account/stores/spending-detail-store'
import { SpendingStore } from '../../../../../src/packages/account/stores/spending-store'
import { ApiError } from '../../../../../src/services/http'
import type { Dispute, SpendingDetail } from '../../../../../types/api/spending'
import { fakeApi } from '../../../stores/fakes'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A promise the test resolves when it chooses (to hold a request open). */
function deferred<T> () {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => { resolve = r })
  return { promise, resolve }
}

const NEXT_OPEN = '医保经办机构会在 15 个工作日内核实这笔消费……请尽快拨打 12393 医保服务热线挂失或咨询。'
const NEXT_WITHDRAWN = '您已撤回这次申诉，这笔消费按正常记录处理。如果仍有疑问，可以重新标记，或拨打 12393 医保服务热线。'

function detailOf (over: Partial<SpendingDetail> = {}): SpendingDetail {
  return {
    id: 58, settledAt: '2026-09-07T19:27:10.000Z', visitType: 'pharmacy', visitTypeName: '药店',
    institution: { code: 'P31010400002', name: '康济大药房（徐家汇24小时店）', kind: 'pharmacy', regionName: '上海市徐汇区' },
    totalFen: 368000, fundFen: 0, accountFen: 368000, mutualAidFen: 0, selfFen: 0, beneficiary: null,
    anomalies: [
      { rule: 'odd_hour', reason: '凌晨 03:27 在药店结算，不在常见的就医时间' },
      { rule: 'unusually_large', reason: '金额 ¥3,680.00，远高于您平时药店购药的花费（通常约 ¥56.70）' },
    ],
    openDispute: false,
    items: [{ name: '人血白蛋白注射液 10g/50ml', category: 'B', categoryName: '乙类', quantity: 8, amountFen: 368000, fundCoveredFen: 0 }],
    disputes: [],
    canDispute: true,
    ...over,
  }
}

function disputeOf (over: Partial<Dispute> = {}): Dispute {
  return {
    id: 7, status: 'open', statusName: '核实中', createdAt: '2026-11-20T02:05:00.000Z', updatedAt: '2026-11-20T02:05:00.000Z',
    note: '那天我不在上海', nextStep: NEXT_OPEN, ...over,
  }
}

const withdrawnOf = (d: Dispute): Dispute => ({ ...d, status: 'withdrawn', statusName: '已撤回', updatedAt: '2026-11-20T03:10:00.000Z', nextStep: NEXT_WITHDRAWN })

const conflict = (code: string, message: string) => new ApiError(409, code, message)

/** A detail store whose onChange feeds a 消费记录 store that has the same settlement as a row. */
async function withList (detail: SpendingDetail = detailOf()) {
  const api = fakeApi()
  api.spending.list.mockResolvedValue({ items: [detail], nextCursor: null, asOf: '2026-11-20T00:00:00Z' })
  api.spending.get.mockResolvedValue(detail)
  const list = new SpendingStore(api.spending)
  await list.list.load()
  const store = new SpendingDetailStore(api.spending, (item) => list.replaceRow(item))
  store.open(String(detail.id))
  await flush()
  return { api, list, store, row: () => list.list.pages[0]![0]! }
}

describe('the detail as drawn', () => {
  it('prepares every string the page shows, in China time and full words', () => {
    const view = toDetailView(detailOf({ disputes: [disputeOf(), withdrawnOf(disputeOf({ id: 6, note: undefined }))] }))
    expect(view).toMatchObject({
      institution: '康济大药房（徐家汇24小时店）', place: '上海市徐汇区', type: '药店',
      time: '2026年9月8日 星期二 03:27', total: '¥3,680.00', beneficiary: null,
      anomalies: ['凌晨 03:27 在药店结算，不在常见的就医时间', '金额 ¥3,680.00，远高于您平时药店购药的花费（通常约 ¥56.70）'],
      items: [{ name: '人血白蛋白注射液 10g/50ml', category: 'B', categoryName: '乙类', quantity: '8', amount: '¥3,680.00', fundCovered: '' }],
      canDispute: true, cannotDispute: null,
    })
    // No zero lines: the fund paid nothing and nothing was paid in cash.
    expect(view.payments.map((p) => `${p.label} ${p.amount}`)).toEqual(['个人账户支付 ¥3,680.00'])
    expect(view.burden.map((p) => `${p.label} ${p.amount}`)).toEqual(['个人负担 ¥3,680.00', '自付 ¥3,680.00'])
    expect(view.disputes).toEqual([
      { id: 7, status: 'open', statusName: '核实中', created: '标记于 2026年11月20日 10:05', updated: null, note: '那天我不在上海', nextStep: NEXT_OPEN, canWithdraw: true },
      { id: 6, status: 'withdrawn', statusName: '已撤回', created: '标记于 2026年11月20日 10:05', updated: '撤回于 2026年11月20日 11:10', note: null, nextStep: NEXT_WITHDRAWN, canWithdraw: false },
    ])
  })

  it('names the relative of a mutual-aid payment, masked, and shows 家庭共济 instead of the account', () => {
    const aid = detailOf({ fundFen: 13172, accountFen: 0, mutualAidFen: 14798, totalFen: 27970, beneficiary: { nameMasked: '陈**', relation: '女儿' }, anomalies: [] })
    const view = toDetailView(aid)
    expect(view.beneficiary).toBe('为女儿 陈** 支付')
    expect(view.payments.map((p) => `${p.label} ${p.amount}`)).toEqual(['统筹基金支付 ¥131.72', '家庭共济支付 ¥147.98'])
    expect(view.payments[1]!.note).toBe('从您的个人账户为女儿支付')
    expect(toDetailView(detailOf({ institution: { code: 'H1', name: '某医院', kind: 'hospital' } })).place).toBe('')
    expect(paymentLines({ fundFen: 1, accountFen: 2, mutualAidFen: 3, selfFen: 4, beneficiary: null }).map((p) => p.label)).toEqual(['统筹基金支付', '个人账户支付', '家庭共济支付', '现金支付'])
    expect(paymentLines({ fundFen: 0, accountFen: 0, mutualAidFen: 0, selfFen: 0, beneficiary: null }).map((p) => `${p.label} ${p.amount}`)).toEqual(['现金支付 ¥0.00'])
  })

  it('splits the person\'s own share into 自付 (covered items) and 自费 (丙类, paid in full), as a settlement does', () => {
    const line = (category: 'A' | 'B' | 'C', amountFen: number, fundCoveredFen: number) => ({ name: category, category, categoryName: category, quantity: 1, amountFen, fundCoveredFen })
    // A ¥726 丙类 item paid from the account, beside covered items the fund paid 70 % of.
    const items = [line('A', 10_000, 7_000), line('B', 20_000, 12_600), line('C', 72_600, 0)]
    const d = detailOf({ totalFen: 102_600, fundFen: 19_600, accountFen: 83_000, mutualAidFen: 0, selfFen: 0, items })
    expect(burdenLines(d).map((p) => `${p.label} ${p.amount}`)).toEqual(['个人负担 ¥830.00', '自付 ¥104.00', '自费 ¥726.00'])
    expect(toDetailView(d).items.map((i) => i.fundCovered)).toEqual(['统筹基金支付 ¥70.00', '统筹基金支付 ¥126.00', '全部自费'])
    expect(toDetailView(d).payments.map((p) => `${p.label} ${p.amount}`)).toEqual(['统筹基金支付 ¥196.00', '个人账户支付 ¥830.00'])
    // The fund paid all: nothing of the person's own; no items: the share alone.
    expect(burdenLines({ totalFen: 500, fundFen: 500, items: [] })).toEqual([])
    expect(burdenLines({ totalFen: 500, fundFen: 100, items: [] }).map((p) => p.label)).toEqual(['个人负担'])
  })

  it('says why 不是我的消费 is not offered: one under way, or marked too often', () => {
    expect(toDetailView(detailOf({ openDispute: true, canDispute: false, disputes: [disputeOf()] })).cannotDispute).toContain('正在核实中')
    expect(toDetailView(detailOf({ canDispute: false })).cannotDispute).toContain('12393')
  })
})

describe('SpendingDetailStore', () => {
  it('loads the settlement by the page id once, and again for another id', async () => {
    const api = fakeApi()
    api.spending.get.mockImplementation(async (id: number) => detailOf({ id }))
    const store = new SpendingDetailStore(api.spending)
    store.open('58')
    expect(store.loading).toBe(true)
    store.open('58')
    await flush()
    expect(api.spending.get).toHaveBeenCalledTimes(1)
    expect(api.spending.get).toHaveBeenCalledWith(58)
    expect(store.loading).toBe(false)
    expect(store.view?.total).toBe('¥3,680.00')
    store.open('48')
    expect(store.detail).toBeNull() // not the other settlement's figures while this one loads
    await flush()
    expect(api.spending.get).toHaveBeenLastCalledWith(48)
    expect(store.detail?.id).toBe(48)
  })

  it('says not found, without asking, for an id that is not one', () => {
    const api = fakeApi()
    const store = new SpendingDetailStore(api.spending)
    for (const id of [undefined, '', 'abc', '0', '-3', '1.5']) {
      store.open(id)
      expect(store.error).toEqual({ code: 'not_found', message: '没有找到这笔消费记录，请返回消费记录重新查看' })
    }
    expect(api.spending.get).not.toHaveBeenCalled()
  })

  it("shows the server's sentence for another person's settlement (404), and a retry sentence when nothing answered", async () => {
    const api = fakeApi()
    api.spending.get.mockRejectedValueOnce(new ApiError(404, 'not_found', '没有找到这笔消费记录，请返回消费记录重新查看'))
    const store = new SpendingDetailStore(api.spending)
    store.open('999')
    await flush()
    expect(store.error).toEqual({ code: 'not_found', message: '没有找到这笔消费记录，请返回消费记录重新查看' })
    api.spending.get.mockRejectedValueOnce(new TypeError('boom'))
    await store.load()
    expect(store.error).toEqual({ code: 'client_error', message: '消费详情暂时无法显示，请稍后重试' })
    api.spending.get.mockResolvedValueOnce(detailOf({ id: 999 }))
    await store.load()
    expect(store.error).toBeNull()
    expect(store.detail?.id).toBe(999)
  })

  it('records 不是我的消费 with the note: the dispute and its next step show, and the list row says 核实中', async () => {
    const { api, store, row } = await withList()
    expect(row().tag).toBe('请留意')
    store.startDispute()
    expect(store.disputeVisible).toBe(true)
    store.setNote('  那天我不在上海  ')
    const made = disputeOf()
    api.spending.dispute.mockResolvedValueOnce(made)
    await store.submitDispute()
    expect(api.spending.dispute).toHaveBeenCalledWith(58, { note: '那天我不在上海' })
    expect(store.disputeVisible).toBe(false)
    expect(store.note).toBe('')
    expect(store.changed).toEqual({ disputeId: 7, title: '已为您登记“不是我的消费”' })
    expect(store.detail).toMatchObject({ openDispute: true, canDispute: false })
    expect(store.view?.disputes[0]).toMatchObject({ statusName: '核实中', nextStep: NEXT_OPEN, canWithdraw: true })
    expect(store.view?.disputes[0]!.nextStep).toContain('12393')
    expect(row()).toMatchObject({ id: 58, tag: '核实中', tagCls: 'tag--dispute', cls: '' })
  })

  it('sends no note when none was written', async () => {
    const { api, store } = await withList()
    store.startDispute()
    api.spending.dispute.mockResolvedValueOnce(disputeOf({ note: undefined }))
    await store.submitDispute()
    expect(api.spending.dispute).toHaveBeenCalledWith(58, {})
  })

  it('sends one dispute however often 确认标记 is tapped while it is on its way', async () => {
    const { api, store } = await withList()
    store.startDispute()
    const answer = deferred<Dispute>()
    api.spending.dispute.mockReturnValueOnce(answer.promise)
    const first = store.submitDispute()
    expect(store.submitting).toBe(true)
    void store.submitDispute()
    void store.submitDispute()
    expect(api.spending.dispute).toHaveBeenCalledTimes(1)
    answer.resolve(disputeOf())
    await first
    expect(store.submitting).toBe(false)
    expect(store.detail?.disputes).toHaveLength(1)
  })

  it('refuses a note longer than 200 characters before asking the server', async () => {
    const { api, store } = await withList()
    store.startDispute()
    store.setNote('字'.repeat(201))
    await store.submitDispute()
    expect(store.disputeError).toBe('补充说明最多 200 个字，请删减后再提交')
    expect(api.spending.dispute).not.toHaveBeenCalled()
    store.setNote('字'.repeat(200))
    expect(store.disputeError).toBeNull()
    api.spending.dispute.mockResolvedValueOnce(disputeOf())
    await store.submitDispute()
    expect(api.spending.dispute).toHaveBeenCalledTimes(1)
  })

  it('withdraws an open dispute after the confirm: the detail, the row and whether it may be marked again follow', async () => {
    const open = disputeOf()
    const { api, store, row } = await withList(detailOf({ openDispute: true, canDispute: false, disputes: [open] }))
    expect(row().tag).toBe('核实中')
    store.askWithdraw(open.id)
    expect(store.withdrawTarget).toEqual(open)
    const withdrawn = withdrawnOf(open)
    api.spending.withdrawDispute.mockResolvedValueOnce(withdrawn)
    api.spending.get.mockResolvedValueOnce(detailOf({ disputes: [withdrawn], canDispute: true }))
    const confirmed = store.confirmWithdraw()
    void store.confirmWithdraw() // a second tap while the first is on its way
    await confirmed
    expect(api.spending.withdrawDispute).toHaveBeenCalledTimes(1)
    expect(api.spending.withdrawDispute).toHaveBeenCalledWith(58, 7)
    expect(store.withdrawTarget).toBeNull()
    expect(store.changed).toEqual({ disputeId: 7, title: '已撤回这次申诉' })
    expect(store.view?.disputes[0]).toMatchObject({ statusName: '已撤回', updated: '撤回于 2026年11月20日 11:10', canWithdraw: false })
    expect(store.detail).toMatchObject({ openDispute: false, canDispute: true })
    expect(row()).toMatchObject({ tag: '请留意', tagCls: 'tag--warn', cls: 'row--flag' })
  })

  it('offers 撤回 only for an open dispute, and a cancelled confirm withdraws nothing', async () => {
    const done = withdrawnOf(disputeOf({ id: 3 }))
    const { api, store } = await withList(detailOf({ disputes: [done] }))
    store.askWithdraw(3)
    expect(store.withdrawTarget).toBeNull()
    await store.confirmWithdraw()
    expect(api.spending.withdrawDispute).not.toHaveBeenCalled()
  })

  it.each([
    ['dispute_exists', '这笔消费已经标记为“不是我的消费”，正在核实中，请等待结果，无需重复标记'],
    ['dispute_limit_reached', '这笔消费已经多次标记和撤回，不能再在线标记，请拨打 12393 医保服务热线说明情况'],
  ])("shows %s as the server's sentence, closes the dialog and reads the settlement again", async (code, message) => {
    const { api, store } = await withList()
    store.startDispute()
    api.spending.dispute.mockRejectedValueOnce(conflict(code, message))
    const fresh = code === 'dispute_exists' ? detailOf({ openDispute: true, canDispute: false, disputes: [disputeOf()] }) : detailOf({ canDispute: false })
    api.spending.get.mockResolvedValueOnce(fresh)
    await store.submitDispute()
    expect(store.actionError).toBe(message)
    expect(store.disputeVisible).toBe(false)
    expect(api.spending.get).toHaveBeenCalledTimes(2)
    expect(store.detail).toEqual(fresh)
    expect(store.view?.canDispute).toBe(false)
  })

  it("shows dispute_not_open as the server's sentence and reads the settlement again", async () => {
    const open = disputeOf()
    const { api, store } = await withList(detailOf({ openDispute: true, canDispute: false, disputes: [open] }))
    store.askWithdraw(open.id)
    const message = '这次申诉已经撤回或已有核实结果，不能再撤回，请刷新后查看'
    api.spending.withdrawDispute.mockRejectedValueOnce(conflict('dispute_not_open', message))
    const fresh = detailOf({ disputes: [withdrawnOf(open)] })
    api.spending.get.mockResolvedValueOnce(fresh)
    await store.confirmWithdraw()
    expect(store.actionError).toBe(message)
    expect(store.withdrawTarget).toBeNull()
    expect(store.detail).toEqual(fresh)
  })

  it('shows the 404 of a settlement gone meanwhile instead of the old figures', async () => {
    const { api, store } = await withList()
    store.startDispute()
    const gone = new ApiError(404, 'not_found', '没有找到这笔消费记录，请返回消费记录重新查看')
    api.spending.dispute.mockRejectedValueOnce(gone)
    api.spending.get.mockRejectedValueOnce(gone)
    await store.submitDispute()
    expect(store.actionError).toBe(gone.message)
    expect(store.detail).toBeNull()
    expect(store.error).toEqual({ code: 'not_found', message: gone.message })
  })

  it('keeps the dialog and the note open with a sentence when no answer came, and sends again on the next tap', async () => {
    const { api, store } = await withList()
    store.startDispute()
    store.setNote('不是我')
    api.spending.dispute.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await store.submitDispute()
    expect(store.disputeVisible).toBe(true)
    expect(store.note).toBe('不是我')
    expect(store.disputeError).toBe('网络连接失败，请检查网络后重试')
    api.spending.dispute.mockRejectedValueOnce(new TypeError('boom'))
    await store.submitDispute()
    expect(store.disputeError).toBe('没能提交，请检查网络后再点一次“确认标记”')
    api.spending.dispute.mockResolvedValueOnce(disputeOf({ note: '不是我' }))
    await store.submitDispute()
    expect(api.spending.dispute).toHaveBeenCalledTimes(3)
    expect(store.disputeVisible).toBe(false)
    expect(store.disputeError).toBeNull()
  })

  it('drops an answer that arrives after a reset (another session)', async () => {
    const api = fakeApi()
    const answer = deferred<SpendingDetail>()
    api.spending.get.mockReturnValueOnce(answer.promise)
    const store = new SpendingDetailStore(api.spending)
    store.open('58')
    store.reset()
    answer.resolve(detailOf())
    await flush()
    expect(store.detail).toBeNull()
    expect(store.loading).toBe(false)
    expect(store.id).toBeNull()
  })
})
