// ShareViewStore: what the family view draws (the masked owner, stage, dated timeline and the steps to come,
// materials only while needed, amounts only when allowed, the expiry), the token sent as it came and a token that cannot be one never sent, and
// every way a link opens nothing (unknown, expired, revoked — also while the page is open) as one state.
import { SHARE_INVALID, ShareViewStore, toFamilyView } from '../../../../../src/packages/share/stores/share-view-store'
import type { ShareApi } from '../../../../../src/packages/share/api'
import { ApiError } from '../../../../../src/services/http'
import type { ShareView } from '../../../../../types/api/shares'
import { shareView, TOKEN } from './fakes'

function setup (...args: [] | [string | undefined]) {
  const api = { view: jest.fn<ReturnType<ShareApi['view']>, Parameters<ShareApi['view']>>(async () => shareView()) }
  return { api, store: new ShareViewStore(api, args.length ? args[0] : TOKEN) }
}

const invalid = () => new ApiError(404, 'share_invalid', SHARE_INVALID)

describe('the family view', () => {
  it('says whose claim it is (masked), its stage and dated timeline, and that amounts are not shown', () => {
    expect(toFamilyView(shareView())).toEqual({
      owner: '陈** 分享给您的报销进度', title: '住院费用零星报销', stage: '初审中', tone: 'progress', final: false,
      submitted: '2026年11月3日提交', institution: '上海市第六人民医院', next: '正在初审，预计2026年11月19日前有结果。', materials: [],
      steps: [
        { key: '0-submitted', title: '已提交', time: '2026年11月3日 09:30', note: '已提交报销申请及材料' },
        { key: '1-first_review', title: '初审中', time: '2026年11月5日 10:00', note: '医保经办机构已受理，正在初审' },
      ],
      upcoming: [{ key: 'second_review', title: '复审' }, { key: 'approved', title: '审核通过' }, { key: 'paid', title: '打款到账' }],
      amounts: null, expires: '有效期至 2026年11月21日 10:00',
    })
  })

  it('shows the amounts only when the owner allowed them', () => {
    expect(toFamilyView(shareView({ showAmounts: true }, { claimedFen: 862450, approvedFen: null })).amounts)
      .toEqual({ claimed: '¥8,624.50', approved: '审核通过后核定', approvedSet: false })
    expect(toFamilyView(shareView({ showAmounts: true }, { stage: 'paid', stageName: '已打款', claimedFen: 862450, approvedFen: 700000 })))
      .toMatchObject({ amounts: { claimed: '¥8,624.50', approved: '¥7,000.00', approvedSet: true }, tone: 'success', final: true })
    expect(toFamilyView(shareView({ showAmounts: false }, { claimedFen: 862450 })).amounts).toBeNull()
  })

  it('names the steps still to come, as 报销详情 does: back to 初审 after materials, none once finished', () => {
    const titles = (over: Partial<ShareView['claim']>) => toFamilyView(shareView({}, over)).upcoming.map((s) => s.title)
    expect(titles({ stage: 'second_review', stageName: '复审中' })).toEqual(['审核通过', '打款到账'])
    expect(titles({ stage: 'materials_needed', stageName: '需补充材料' })).toEqual(['初审', '复审', '审核通过', '打款到账'])
    expect(titles({ stage: 'paid', stageName: '已打款' })).toEqual([])
    expect(titles({ stage: 'rejected', stageName: '未通过' })).toEqual([])
  })

  it('lists missing materials while they are needed, in the warning tone', () => {
    const needed = toFamilyView(shareView({}, { stage: 'materials_needed', stageName: '需补充材料', missingMaterials: ['出院小结', '费用明细清单'], institutionName: null }))
    expect(needed).toMatchObject({ tone: 'warn', materials: ['出院小结', '费用明细清单'], institution: '' })
    expect(toFamilyView(shareView({}, { missingMaterials: ['出院小结'] })).materials).toEqual([])
  })
})

describe('reading it', () => {
  it('sends the token as it came and shows the answer', async () => {
    const { api, store } = setup()
    expect(store.state).toBe('loading')
    await store.load()
    expect(api.view).toHaveBeenCalledWith(TOKEN)
    expect(store.state).toBe('ready')
    expect(store.view?.owner).toBe('陈** 分享给您的报销进度')
  })

  it.each([undefined, '', 'short', `${TOKEN}x`, 'AbCdEfGhIjKlMnOpQrStUvWxYz012_+9', '../../api/v1/account?x=0123456789abcdef'])(
    'never sends %j, which cannot be a token: the link has expired', async (token) => {
      const { api, store } = setup(token)
      await store.load()
      expect(api.view).not.toHaveBeenCalled()
      expect(store.state).toBe('invalid')
    })

  it('an unknown, expired or revoked token is one state', async () => {
    const { api, store } = setup()
    api.view.mockRejectedValueOnce(invalid())
    await store.load()
    expect(store.state).toBe('invalid')
    expect(store.view).toBeNull()
  })

  it('revoked while open: the next read takes the claim away', async () => {
    const { api, store } = setup()
    await store.load()
    expect(store.state).toBe('ready')
    api.view.mockRejectedValueOnce(invalid())
    await store.load()
    expect(store.state).toBe('invalid')
    expect(store.answer).toBeNull()
  })

  it('no answer: the sentence and a retry; once shown, the claim stays with a note', async () => {
    const { api, store } = setup()
    api.view.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await store.load()
    expect(store.state).toBe('failed')
    expect(store.error).toBe('网络连接失败，请检查网络后重试')
    await store.load()
    expect(store.state).toBe('ready')
    expect(store.error).toBeNull()
    api.view.mockRejectedValueOnce(new ApiError(429, 'rate_limited', '操作太频繁，请稍后再试'))
    await store.load()
    expect(store.state).toBe('ready')
    expect(store.refreshError).toBe('操作太频繁，请稍后再试')
    const fresh = setup()
    fresh.api.view.mockRejectedValueOnce(new Error('odd'))
    await fresh.store.load()
    expect(fresh.store.error).toBe('报销进度暂时无法显示，请检查网络后重试')
  })
})

describe('coming back to the family view', () => {
  it('reads again only when the last answer is a minute old, so switching apps is not counted as views', async () => {
    let now = 1_000_000
    const api = { view: jest.fn<ReturnType<ShareApi['view']>, Parameters<ShareApi['view']>>(async () => shareView()) }
    const store = new ShareViewStore(api, TOKEN, () => now)
    await store.showAgain()
    expect(api.view).toHaveBeenCalledTimes(1)
    now += 59_000
    await store.showAgain()
    expect(api.view).toHaveBeenCalledTimes(1)
    now += 2_000
    await store.showAgain()
    expect(api.view).toHaveBeenCalledTimes(2)
  })

  it('reads again at once while nothing is shown (the first read failed)', async () => {
    const api = { view: jest.fn<ReturnType<ShareApi['view']>, Parameters<ShareApi['view']>>() }
    api.view.mockRejectedValueOnce(new ApiError(429, 'rate_limited', '操作太频繁，请 30 秒后再试')).mockResolvedValueOnce(shareView())
    const store = new ShareViewStore(api, TOKEN, () => 0)
    await store.showAgain()
    expect(store.state).toBe('failed')
    await store.showAgain()
    expect(store.state).toBe('ready')
    expect(api.view).toHaveBeenCalledTimes(2)
  })
})
