// ClaimDetailStore: one claim read by its id (also as the first page, from a notice), what the page draws (stage,
// amounts, next step, missing materials, the dated timeline, the masked payout account), a foreign or missing id as
// a clear sentence, and 有进度时提醒我: the platform's dialog asked for within the tap, then each way it can end.
import { ClaimDetailStore, toClaimView, CLAIM_NOT_FOUND, SUBSCRIBE_SENTENCES } from '../../../../../src/packages/account/stores/claim-detail-store'
import type { ClaimDetail } from '../../../../../types/api/claims'
import type { SubscribeAnswer } from '../../../../../src/platform/types'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi, fakePlatform } from '../../../stores/fakes'

const TEMPLATE = 'tmpl-claim-progress'

function claim (over: Partial<ClaimDetail> = {}): ClaimDetail {
  return {
    id: 31, claimNo: 'BX31010420261103000001', title: '住院费用零星报销', stage: 'first_review', stageName: '初审中',
    submittedAt: '2026-11-03T01:30:00Z', updatedAt: '2026-11-05T02:00:00Z', claimedFen: 862450, approvedFen: null,
    institution: { code: 'H31010400001', name: '上海市第六人民医院' },
    nextStep: '正在初审，预计2026年11月19日前有结果；如果需要补充材料，会在这里告诉您。',
    timeline: [
      { stage: 'submitted', stageName: '已提交', at: '2026-11-03T01:30:00Z', note: '已提交报销申请及材料' },
      { stage: 'first_review', stageName: '初审中', at: '2026-11-05T02:00:00Z', note: '医保经办机构已受理，正在初审' },
    ],
    missingMaterials: [], deductions: [], payout: { bankName: '上海银行', cardMasked: '**** 1234' },
    subscribed: false, subscribeTemplateId: TEMPLATE, ...over,
  }
}

function setup (answer: SubscribeAnswer | Error = 'accept', code: Parameters<typeof fakePlatform>[0] = undefined) {
  const api = fakeApi()
  const { platform } = fakePlatform(code)
  const request = platform.subscribe.request as jest.Mock
  request.mockImplementation(async () => { if (answer instanceof Error) throw answer; return answer })
  const onLoaded = jest.fn()
  return { api, platform, request, onLoaded, store: (id: number | null = 31) => new ClaimDetailStore(api.claims, platform.subscribe, id, { onLoaded }) }
}

describe('claim view', () => {
  it('prepares the stage, the amounts, the dated timeline and the masked payout account', () => {
    expect(toClaimView(claim())).toEqual({
      id: 31, claimNo: 'BX31010420261103000001', title: '住院费用零星报销', stage: '初审中', tone: 'progress', final: false,
      claimed: '¥8,624.50', approved: '审核通过后核定', approvedSet: false, submitted: '2026年11月3日',
      next: '正在初审，预计2026年11月19日前有结果；如果需要补充材料，会在这里告诉您。',
      institution: '上海市第六人民医院', payout: '上海银行 **** 1234', materials: [],
      steps: [
        { key: '0-submitted', title: '已提交', time: '2026年11月3日 09:30', note: '已提交报销申请及材料' },
        { key: '1-first_review', title: '初审中', time: '2026年11月5日 10:00', note: '医保经办机构已受理，正在初审' },
      ],
      upcoming: [{ key: 'second_review', title: '复审' }, { key: 'approved', title: '审核通过' }, { key: 'paid', title: '打款到账' }],
      deductionTitle: '', deductions: [],
    })
  })

  it('says why the approved amount is below the claim, part by part, with the difference in the title', () => {
    const view = toClaimView(claim({
      stage: 'paid', stageName: '已打款', claimedFen: 128640, approvedFen: 110230,
      deductions: [
        { kind: 'deductible', name: '起付线以下', explanation: '起付线以内由个人负担。', amountFen: 10000 },
        { kind: 'co_pay', name: '个人按比例负担', explanation: '按比例报销，其余个人负担。', amountFen: 8410 },
      ],
    }))
    expect(view.deductionTitle).toBe('核定金额比申请少 ¥184.10，原因如下')
    expect(view.deductions).toEqual([
      { key: '0-deductible', name: '起付线以下', explanation: '起付线以内由个人负担。', amount: '¥100.00' },
      { key: '1-co_pay', name: '个人按比例负担', explanation: '按比例报销，其余个人负担。', amount: '¥84.10' },
    ])
    expect(view.upcoming).toEqual([])
  })

  it('lists the missing materials once: the next step and the latest timeline note point to the list instead of repeating it', () => {
    const materials = ['出院小结（加盖医院公章）', '住院费用明细清单', '本人社会保障卡银行账户信息']
    const view = toClaimView(claim({
      stage: 'materials_needed', stageName: '需补充材料', missingMaterials: materials,
      nextStep: `请补充 3 项材料：${materials.join('、')}。补齐后交到参保地医保经办机构，会重新进入初审。`,
      timeline: [
        { stage: 'submitted', stageName: '已提交', at: '2026-11-03T01:30:00Z', note: '已提交报销申请及材料' },
        { stage: 'first_review', stageName: '初审中', at: '2026-11-05T02:00:00Z', note: '医保经办机构已受理，正在初审' },
        { stage: 'materials_needed', stageName: '需补充材料', at: '2026-11-06T02:00:00Z', note: `材料不全，请补充：${materials.join('、')}` },
      ],
    }))
    const everything = [view.next, ...view.steps.map((s) => s.note)].join('\n')
    for (const m of materials) expect(everything).not.toContain(m)
    expect(view.materials).toEqual(materials)
    expect(view.next).toBe('请补充下面列出的 3 项材料，补齐后交到参保地医保经办机构，会重新进入初审。')
    expect(view.steps.at(-1)!.note).toBe('材料不全，需要补充 3 项材料（清单见上方）')
    expect(view.upcoming.map((s) => s.title)).toEqual(['初审', '复审', '审核通过', '打款到账'])
  })

  it('lists the missing materials only while they are needed, in the warning tone', () => {
    const needed = toClaimView(claim({ stage: 'materials_needed', stageName: '需补充材料', missingMaterials: ['出院小结（加盖医院公章）', '住院费用明细清单'], payout: null, institution: null }))
    expect(needed).toMatchObject({ tone: 'warn', materials: ['出院小结（加盖医院公章）', '住院费用明细清单'], payout: null, institution: '' })
    expect(toClaimView(claim({ missingMaterials: ['住院费用明细清单'] })).materials).toEqual([])
  })

  it('shows the approved amount once set; a finished claim says so', () => {
    expect(toClaimView(claim({ stage: 'paid', stageName: '已打款', approvedFen: 110230 }))).toMatchObject({ approved: '¥1,102.30', approvedSet: true, tone: 'success', final: true })
    expect(toClaimView(claim({ stage: 'rejected', stageName: '未通过' }))).toMatchObject({ approved: '未核定', tone: 'fail', final: true, upcoming: [] })
    expect(toClaimView(claim({ payout: { cardMasked: '**** 9876' } })).payout).toBe('**** 9876')
  })
})

describe('ClaimDetailStore: reading the claim', () => {
  it('reads its own claim by id and tells the list', async () => {
    const { api, onLoaded, store: make } = setup()
    api.claims.get.mockResolvedValue(claim())
    const store = make(31)
    await store.load()
    expect(api.claims.get).toHaveBeenCalledWith(31)
    expect(store.view?.stage).toBe('初审中')
    expect(store.error).toBeNull()
    expect(onLoaded).toHaveBeenCalledWith(claim())
    await store.ensureLoaded()
    expect(api.claims.get).toHaveBeenCalledTimes(1)
  })

  it('another person\'s claim (404) reads as a clear sentence, and nothing is shown', async () => {
    const { api, onLoaded, store: make } = setup()
    api.claims.get.mockRejectedValue(new ApiError(404, 'not_found', '没有找到要访问的内容'))
    const store = make(999)
    await store.load()
    expect(store.error).toEqual({ code: 'not_found', message: CLAIM_NOT_FOUND })
    expect(CLAIM_NOT_FOUND).toBe('没有找到这笔报销申请，请返回报销进度列表重新查看')
    expect(store.view).toBeNull()
    expect(onLoaded).not.toHaveBeenCalled()
  })

  it('a page opened with no usable id asks nothing and says the claim was not found', async () => {
    const { api, store: make } = setup()
    const store = make(null)
    await store.load()
    expect(api.claims.get).not.toHaveBeenCalled()
    expect(store.error?.code).toBe('not_found')
  })

  it('a failed read says what to do; a failed read again keeps the claim with a sentence above it', async () => {
    const { api, store: make } = setup()
    api.claims.get.mockRejectedValueOnce(new Error('timeout'))
    const store = make()
    await store.load()
    expect(store.error).toEqual({ code: 'client_error', message: '报销详情暂时无法显示，请稍后重试' })
    api.claims.get.mockResolvedValueOnce(claim())
    await store.load()
    expect(store.error).toBeNull()
    api.claims.get.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    await store.load()
    expect(store.refreshError).toBe('服务暂时不可用，请稍后重试')
    expect(store.view?.stage).toBe('初审中')
    // verification_required is the account gate's to handle (去验证), not a sentence over the page.
    const fresh = make()
    api.claims.get.mockRejectedValueOnce(new ApiError(403, 'verification_required', '为保护您的信息，请先验证身份'))
    await fresh.load()
    expect(fresh.error?.code).toBe('verification_required')
  })

  it('a claim gone since (404 on a read again) is no longer shown from memory', async () => {
    const { api, store: make } = setup()
    api.claims.get.mockResolvedValueOnce(claim()).mockRejectedValueOnce(new ApiError(404, 'not_found', 'x'))
    const store = make()
    await store.load()
    await store.load()
    expect(store.view).toBeNull()
    expect(store.error?.code).toBe('not_found')
  })

  it('drops an answer that arrives after a reset (another person signed in)', async () => {
    const { api, store: make } = setup()
    let answer!: (d: ClaimDetail) => void
    api.claims.get.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))
    const store = make()
    const loading = store.load()
    store.reset()
    answer(claim())
    await loading
    expect(store.detail).toBeNull()
    expect(store.loading).toBe(false)
  })
})

describe('ClaimDetailStore: 有进度时提醒我', () => {
  async function loaded (answer: SubscribeAnswer | Error = 'accept', over: Partial<ClaimDetail> = {}) {
    const s = setup(answer)
    s.api.claims.get.mockResolvedValue(claim(over))
    const store = s.store()
    await store.load()
    return { ...s, detail: store }
  }

  it('is offered only where the platform can ask, the server can send, and nothing is pending', async () => {
    expect((await loaded()).detail.subscribeOffered).toBe(true)
    expect((await loaded('accept', { subscribeTemplateId: null })).detail.subscribeOffered).toBe(false)
    const subscribed = (await loaded('accept', { subscribed: true })).detail
    expect(subscribed.subscribeOffered).toBe(false)
    expect(subscribed.subscribedText).toBe('已订阅：下一次进度变化时会通过微信提醒您')
    // H5 (no platform login): the capability says unsupported, so no offer.
    const h5 = setup('unsupported', null)
    h5.api.claims.get.mockResolvedValue(claim())
    const store = h5.store()
    await store.load()
    expect(h5.platform.subscribe.supported).toBe(false)
    expect(store.subscribeOffered).toBe(false)
  })

  it('accept: the dialog is asked for within the tap, then the acceptance is recorded and the page says so', async () => {
    const { api, request, detail } = await loaded('accept')
    const done = detail.subscribe()
    // Synchronously, before anything was awaited: WeChat opens the dialog only from the tap itself.
    expect(request).toHaveBeenCalledWith(TEMPLATE)
    expect(detail.subscribing).toBe(true)
    await done
    expect(api.claims.subscribe).toHaveBeenCalledWith(31, [TEMPLATE])
    expect(detail.subscribing).toBe(false)
    expect(detail.subscribeOffered).toBe(false)
    expect(detail.subscribedText).toBe('已订阅：下一次进度变化时会通过微信提醒您')
    expect(detail.subscribeNotice).toBeNull()
  })

  it('accept again with notices still to come: says how many', async () => {
    const { api, detail } = await loaded('accept')
    api.claims.subscribe.mockResolvedValueOnce({ subscribed: true, remaining: 3 })
    await detail.subscribe()
    expect(detail.subscribedText).toBe('已订阅：接下来 3 次进度变化时都会通过微信提醒您')
  })

  it('one tap at a time: a second tap while the dialog is open asks nothing more', async () => {
    const { request, detail } = await loaded('accept')
    const first = detail.subscribe()
    await detail.subscribe()
    await first
    expect(request).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['reject', /可以再点“有进度时提醒我”.*“设置”/],
    ['switched_off', /关闭了本小程序的通知.*“设置”→“通知管理”/],
    ['ban', /微信暂时不允许/],
    ['filter', /稍后再试/],
    ['failed', /请检查网络后再试/],
  ] as const)('%s: nothing is recorded, and a kind sentence says what they can do', async (answer, words) => {
    const { api, detail } = await loaded(answer)
    await detail.subscribe()
    expect(api.claims.subscribe).not.toHaveBeenCalled()
    expect(detail.subscribeNotice).toEqual({ tone: 'info', text: SUBSCRIBE_SENTENCES[answer] })
    expect(detail.subscribeNotice!.text).toMatch(words)
    expect(detail.subscribeOffered).toBe(true) // they may try again
    expect(detail.subscribing).toBe(false)
  })

  it('a dialog that throws counts as failed', async () => {
    const { detail } = await loaded(new Error('requestSubscribeMessage:fail'))
    await detail.subscribe()
    expect(detail.subscribeNotice?.text).toBe(SUBSCRIBE_SENTENCES.failed)
  })

  it('the server refusing (the claim finished meanwhile) shows its sentence and reads the claim again', async () => {
    const { api, detail } = await loaded('accept')
    api.claims.subscribe.mockRejectedValueOnce(new ApiError(409, 'claim_final', '这笔报销已经办结，进度不会再变化，无需订阅提醒'))
    api.claims.get.mockResolvedValueOnce(claim({ stage: 'rejected', stageName: '未通过', subscribeTemplateId: null }))
    await detail.subscribe()
    expect(detail.subscribeNotice).toEqual({ tone: 'error', text: '这笔报销已经办结，进度不会再变化，无需订阅提醒' })
    expect(api.claims.get).toHaveBeenCalledTimes(2)
    expect(detail.view?.stage).toBe('未通过')
    expect(detail.subscribeOffered).toBe(false)
  })

  it('no answer from the server: a sentence, and the offer stays', async () => {
    const { api, detail } = await loaded('accept')
    api.claims.subscribe.mockRejectedValueOnce(new Error('socket hang up'))
    await detail.subscribe()
    expect(detail.subscribeNotice).toEqual({ tone: 'error', text: '进度提醒暂时没有订阅成功，请稍后再试' })
    expect(detail.subscribeOffered).toBe(true)
    expect(api.claims.get).toHaveBeenCalledTimes(1)
  })

  it('nothing to subscribe to: no dialog', async () => {
    const { request, detail } = await loaded('accept', { subscribeTemplateId: null })
    await detail.subscribe()
    expect(request).not.toHaveBeenCalled()
  })
})
