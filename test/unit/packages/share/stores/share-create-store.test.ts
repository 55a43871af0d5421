// ShareCreateStore: the sentence for every choice, the claim being shared (and a claim that is not the person's), the
// grant made with exactly the choices, then handed over the way each build can — a WeChat card (private when marked),
// the Alipay panel, the H5 link copied and drawn as a QR code — and 再分享给另一位家人 from the defaults.
import {
  DEFAULT_DURATION, SHARE_CARD_IMAGE, SHARE_CARD_TITLE, ShareCreateStore, shareSentence, type ShareChoice,
} from '../../../../../src/packages/share/stores/share-create-store'
import type { ShareApi } from '../../../../../src/packages/share/api'
import type { ShareWay } from '../../../../../src/platform/share'
import type { ClientChannel } from '../../../../../src/platform/types'
import { ApiError } from '../../../../../src/services/http'
import { claim, created, fakeShare, TOKEN } from './fakes'

function setup (way: ShareWay = 'card', channel: ClientChannel = 'weapp', id: number | null = 31) {
  const api = { create: jest.fn<ReturnType<ShareApi['create']>, Parameters<ShareApi['create']>>(async () => created()) }
  const claims = { get: jest.fn(async () => claim()) }
  const share = fakeShare(way)
  const store = new ShareCreateStore(api, claims, share, channel, id)
  return { api, claims, share, store }
}

describe('the sentence of what the recipient will see', () => {
  const cases: Array<[ShareChoice, string]> = [
    [{ duration: '1h', showAmounts: false, recipientLabel: '' },
      '家人打开链接后能看到这笔报销办到了哪一步、每一步的日期、要补充的材料和下一步，看不到金额，看不到您的其他信息；1 小时内有效，您随时可以撤回。'],
    [{ duration: '1d', showAmounts: false, recipientLabel: '女儿' },
      '女儿打开链接后能看到这笔报销办到了哪一步、每一步的日期、要补充的材料和下一步，看不到金额，看不到您的其他信息；1 天内有效，您随时可以撤回。'],
    [{ duration: '7d', showAmounts: true, recipientLabel: '  老伴 ' },
      '老伴打开链接后能看到这笔报销办到了哪一步、每一步的日期、要补充的材料和下一步，还能看到申请和核定的金额，看不到您的其他信息；7 天内有效，您随时可以撤回。'],
    [{ duration: '1h', showAmounts: true, recipientLabel: '   ' },
      '家人打开链接后能看到这笔报销办到了哪一步、每一步的日期、要补充的材料和下一步，还能看到申请和核定的金额，看不到您的其他信息；1 小时内有效，您随时可以撤回。'],
  ]
  it.each(cases)('%j', (choice, sentence) => {
    expect(shareSentence(choice)).toBe(sentence)
  })

  it('follows the choices on the page, one at a time', () => {
    const { store } = setup()
    expect(store.duration).toBe(DEFAULT_DURATION)
    expect(store.showAmounts).toBe(false)
    expect(store.sentence).toContain('看不到金额')
    expect(store.sentence).toContain('1 天内有效')
    store.setDuration('7d')
    expect(store.sentence).toContain('7 天内有效')
    store.setShowAmounts(true)
    expect(store.sentence).toContain('还能看到申请和核定的金额')
    store.setRecipientLabel('儿子')
    expect(store.sentence.startsWith('儿子打开链接后')).toBe(true)
  })

  it('keeps a note to the 20 characters the server takes', () => {
    const { store } = setup()
    store.setRecipientLabel('一二三四五六七八九十一二三四五六七八九十多出来的')
    expect(store.recipientLabel).toBe('一二三四五六七八九十一二三四五六七八九十')
  })
})

describe('the claim being shared', () => {
  it('reads the claim by its id', async () => {
    const { store, claims } = setup()
    await store.ensureLoaded()
    expect(claims.get).toHaveBeenCalledWith(31)
    expect(store.claim?.title).toBe('住院费用零星报销')
    expect(store.error).toBeNull()
    await store.ensureLoaded()
    expect(claims.get).toHaveBeenCalledTimes(1)
  })

  it('says so for a claim that is not the person\'s (or no id at all), without asking for one', async () => {
    const { store, claims } = setup()
    claims.get.mockRejectedValueOnce(new ApiError(404, 'not_found', '没有找到'))
    await store.load()
    expect(store.error).toEqual({ code: 'not_found', message: '没有找到这笔报销申请，请回到报销进度重新选择' })

    const none = setup('card', 'weapp', null)
    await none.store.load()
    expect(none.claims.get).not.toHaveBeenCalled()
    expect(none.store.error?.code).toBe('not_found')
    await none.store.create()
    expect(none.api.create).not.toHaveBeenCalled()
  })

  it('keeps the server\'s code when a verification is due (the gate then offers it), and reads again after it', async () => {
    const { store, claims } = setup()
    claims.get.mockRejectedValueOnce(new ApiError(403, 'verification_required', '为保护您的信息，请先验证身份'))
    await store.ensureLoaded()
    expect(store.error).toEqual({ code: 'verification_required', message: '为保护您的信息，请先验证身份' })
    await store.ensureLoaded()
    expect(store.claim).not.toBeNull()
    expect(store.error).toBeNull()
  })
})

describe('生成分享', () => {
  it('makes one grant with exactly the choices (a blank note is left out) and this build\'s channel', async () => {
    const { store, api } = setup('link', 'h5')
    store.setDuration('1h')
    await store.create()
    expect(api.create).toHaveBeenCalledWith(31, { duration: '1h', showAmounts: false, channel: 'h5' })

    const other = setup('panel', 'alipay')
    other.store.setDuration('7d')
    other.store.setShowAmounts(true)
    other.store.setRecipientLabel('  老伴 ')
    await other.store.create()
    expect(other.api.create).toHaveBeenCalledWith(31, { duration: '7d', showAmounts: true, channel: 'alipay', recipientLabel: '老伴' })
  })

  it('then says what the server says the recipient will see, and the choices are fixed', async () => {
    const { store } = setup()
    await store.create()
    expect(store.sentence).toBe(created().summary)
    store.setDuration('7d')
    store.setShowAmounts(true)
    store.setRecipientLabel('儿子')
    expect([store.duration, store.showAmounts, store.recipientLabel]).toEqual(['1d', false, ''])
  })

  it('asks once however often it is tapped', async () => {
    const { store, api } = setup()
    const first = store.create()
    expect(store.creating).toBe(true)
    await store.create()
    await first
    await store.create()
    expect(api.create).toHaveBeenCalledTimes(1)
    expect(store.creating).toBe(false)
  })

  it('shows the server\'s sentence when it refuses, and a plain one when nothing came back', async () => {
    const { store, api } = setup()
    api.create.mockRejectedValueOnce(new ApiError(409, 'share_limit_reached', '同时有效的分享最多 20 份，请先在“我的分享”里撤回不再需要的，再分享'))
    await store.create()
    expect(store.createError).toBe('同时有效的分享最多 20 份，请先在“我的分享”里撤回不再需要的，再分享')
    expect(store.created).toBeNull()
    api.create.mockRejectedValueOnce(new TypeError('boom'))
    await store.create()
    expect(store.createError).toBe('分享没有生成，请检查网络后再试一次')
    await store.create()
    expect(store.createError).toBeNull()
    expect(store.created).not.toBeNull()
  })
})

describe('handing it over', () => {
  it('before a grant, the ··· menu shares the app itself (首页), with the generic picture', () => {
    const { store } = setup()
    expect(store.card).toEqual({ title: '医保个人账户查询', path: '/pages/index/index', imageUrl: SHARE_CARD_IMAGE })
  })

  it('WeChat: the card carries the token in its path, nothing personal in its title or picture; private when WeChat took the id', async () => {
    const { store, share } = setup('card', 'weapp')
    await store.create()
    expect(store.card).toEqual({ title: SHARE_CARD_TITLE, path: `/packages/share/pages/view/index?t=${TOKEN}`, imageUrl: SHARE_CARD_IMAGE })
    expect(SHARE_CARD_TITLE).toBe('家人分享了一条报销进度')
    expect(share.prepareCard).toHaveBeenCalledWith(null)
    expect(store.privateCard).toBe(false)
    expect(store.ready).toBe(true)

    const marked = setup('card', 'weapp')
    marked.api.create.mockResolvedValueOnce(created({ activityId: 'act-1' }))
    await marked.store.create()
    expect(marked.share.prepareCard).toHaveBeenCalledWith('act-1')
    expect(marked.store.privateCard).toBe(true)
  })

  it('WeChat: a refused private mark leaves the plain card', async () => {
    const { store, share, api } = setup('card', 'weapp')
    api.create.mockResolvedValueOnce(created({ activityId: 'act-2' }))
    share.prepareCard.mockResolvedValueOnce(false)
    await store.create()
    expect(store.ready).toBe(true)
    expect(store.privateCard).toBe(false)
    expect(store.card.path).toBe(`/packages/share/pages/view/index?t=${TOKEN}`)
  })

  it('Alipay: 发给家人 opens the share panel; when it cannot, says where else to share', async () => {
    const { store, share } = setup('panel', 'alipay')
    await store.openPanel()
    expect(share.openPanel).not.toHaveBeenCalled()
    await store.create()
    expect(share.prepareCard).not.toHaveBeenCalled()
    await store.openPanel()
    expect(share.openPanel).toHaveBeenCalledTimes(1)
    expect(store.notice).toBeNull()
    share.openPanel.mockResolvedValueOnce(false)
    await store.openPanel()
    expect(store.notice).toEqual({ tone: 'error', text: '没能打开分享面板，请点右上角“···”里的“分享”发给家人' })
  })

  it('H5: the server\'s link, or one made from this origin when it has none; drawn as a QR code; copied', async () => {
    const { store, share, api } = setup('link', 'h5')
    api.create.mockResolvedValueOnce(created({ url: `https://yibao.example/#/packages/share/pages/view/index?t=${TOKEN}` }))
    await store.create()
    expect(store.link).toBe(`https://yibao.example/#/packages/share/pages/view/index?t=${TOKEN}`)
    expect(share.webLink).not.toHaveBeenCalled()
    expect(share.qrCode).toHaveBeenCalledWith(store.link)
    expect(store.qr).toMatch(/^data:image\/svg\+xml/)

    const local = setup('link', 'h5')
    await local.store.create()
    expect(local.share.webLink).toHaveBeenCalledWith(TOKEN)
    expect(local.store.link).toBe(`https://h5.test/#/packages/share/pages/view/index?t=${TOKEN}`)

    await local.store.copyLink()
    expect(local.share.copy).toHaveBeenCalledWith(local.store.link)
    expect(local.store.notice).toEqual({ tone: 'info', text: '链接已复制，可以粘贴到聊天里发给家人' })
    local.share.copy.mockResolvedValueOnce(false)
    await local.store.copyLink()
    expect(local.store.notice).toEqual({ tone: 'error', text: '没能自动复制，请长按上面的链接，选择“复制”' })
  })

  it('再分享给另一位家人: a new grant from the defaults, and the old card is no longer offered', async () => {
    const { store, api } = setup('card', 'weapp')
    store.setDuration('7d')
    store.setShowAmounts(true)
    store.setRecipientLabel('女儿')
    await store.create()
    store.another()
    expect(store.created).toBeNull()
    expect(store.card.path).toBe('/pages/index/index')
    expect([store.duration, store.showAmounts, store.recipientLabel]).toEqual(['1d', false, ''])
    api.create.mockResolvedValueOnce(created({ token: 'ZZZZEfGhIjKlMnOpQrStUvWxYz012_-9', path: '/packages/share/pages/view/index?t=ZZZZEfGhIjKlMnOpQrStUvWxYz012_-9' }))
    store.setRecipientLabel('儿子')
    await store.create()
    expect(api.create).toHaveBeenLastCalledWith(31, { duration: '1d', showAmounts: false, channel: 'weapp', recipientLabel: '儿子' })
    expect(store.card.path).toBe('/packages/share/pages/view/index?t=ZZZZEfGhIjKlMnOpQrStUvWxYz012_-9')
  })

  it('a grant that arrives after the person moved on is not shown over the new choices', async () => {
    const { store, api } = setup('card', 'weapp')
    let answer!: (value: ReturnType<typeof created>) => void
    api.create.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))
    const pending = store.create()
    store.reset()
    answer(created())
    await pending
    expect(store.created).toBeNull()
    expect(store.ready).toBe(false)
    expect(store.creating).toBe(false)
  })
})
