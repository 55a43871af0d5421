// 首页 rendered through the Taro and component mocks: signed out, signed in, resident, load error and retry; 扫一扫
// (H5: paste a link) and the sentence for an entry that could not be read.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '../../../../src/pages/index/index'
import { rootStore } from '../../../../src/stores/index'
import { employeeSummary, loginResult, residentSummary } from '../../stores/fakes'
import { bothAccepted, CONSENT_VERSION } from '../../stores/consent-fakes'
import { storage } from '../../../../src/platform/storage'
import { PRIVACY_STORAGE_KEY } from '../../../../src/stores/consent-store'
import { parseH5Location } from '../../../../src/platform/entry-parse'

const request = Taro.request as unknown as jest.Mock
type Req = { url: string, method: string, header: Record<string, string> }
type Answer = { statusCode: number, data: unknown, header?: Record<string, string> }

function serve (account: () => Answer) {
  request.mockImplementation(async (req: Req): Promise<Answer> => {
    if (req.url.endsWith('/api/v1/auth/login/sms')) return { statusCode: 200, data: loginResult, header: {} }
    if (req.url.endsWith('/api/v1/auth/logout')) return { statusCode: 204, data: '', header: {} }
    if (req.url.endsWith('/api/v1/account')) return { header: {}, ...account() }
    // Both consents given (the first run and the consent panel are tested in consent.test.tsx).
    if (req.url.endsWith('/api/v1/consents')) return { statusCode: 200, data: bothAccepted, header: {} }
    return { statusCode: 404, data: { error: { code: 'not_found', message: '没有找到' } }, header: {} }
  })
}

async function signIn () {
  await act(async () => { await rootStore.session.loginWithSms('13812345678', '123456') })
}

function byClass (name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

describe('pages/index', () => {
  // This device agreed to the privacy policy on an earlier run.
  beforeAll(async () => {
    await storage.set(PRIVACY_STORAGE_KEY, JSON.stringify({ version: CONSENT_VERSION, acceptedAt: '2026-11-20T03:00:00.000Z' }))
    await rootStore.consent.readLocal()
  })
  beforeEach(async () => {
    request.mockReset()
    ;(Taro.navigateTo as jest.Mock).mockClear()
    await act(async () => { await rootStore.session.endSession(null) })
  })
  afterEach(cleanup)

  it('signed out: says what the app does and offers login', async () => {
    serve(() => ({ statusCode: 200, data: employeeSummary }))
    render(<HomePage />)
    await screen.findByText('查看您的医保个人账户')
    expect(document.querySelector('.balance-amount')).toBeNull()
    fireEvent.click(byClass('login-entry-btn'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' })
    expect(request).not.toHaveBeenCalled()
  })

  it('signed in: loads the account and shows name, region, balance and 数据截至', async () => {
    serve(() => ({ statusCode: 200, data: employeeSummary }))
    await signIn()
    render(<HomePage />)
    await screen.findByText('¥1,234.56')
    expect(byClass('balance-amount').textContent).toBe('¥1,234.56个人账户余额 1234 元 56 分')
    // The figure is hidden from screen readers, who hear the words beside it instead.
    expect(byClass('balance-amount').querySelector('[aria-hidden="true"]')!.textContent).toBe('¥1,234.56')
    expect(byClass('balance-amount').querySelector('.sr-only')!.textContent).toBe('个人账户余额 1234 元 56 分')
    expect(byClass('masked-name').textContent).toBe('张*')
    expect(byClass('region-name').textContent).toBe('北京市朝阳区')
    expect(byClass('as-of').textContent).toContain('数据截至 2026年1月15日 星期四')

    const call = request.mock.calls.find(([req]) => (req as Req).url.endsWith('/api/v1/account'))![0] as Req
    expect(call.url).toBe('http://api.test/api/v1/account')
    expect(call.header.Authorization).toBe('Bearer tok-abc')

    fireEvent.click(byClass('card-more'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/balance/index' })

    for (const [entry, page] of [['entry-contributions', 'contributions'], ['entry-spending', 'spending'], ['entry-claims', 'claims']]) {
      expect(byClass(entry).textContent).not.toContain('即将上线')
      fireEvent.click(byClass(entry))
      expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/account/pages/${page}/index` })
    }
    // 扫一扫 is there for a signed-in person too, and no longer 即将上线.
    expect(byClass('entry-scan').textContent).toContain('扫医院的二维码')
    expect(document.body.textContent).not.toContain('即将上线')
  })

  it('扫一扫 in a browser (signed out): paste a link; a hospital\'s opens its page, anything else is said in the dialog', async () => {
    serve(() => ({ statusCode: 200, data: employeeSummary }))
    render(<HomePage />)
    await screen.findByText('查看您的医保个人账户')
    fireEvent.click(byClass('entry-scan'))
    const input = await waitFor(() => byClass('paste-link-input').querySelector('input')!)
    fireEvent.change(input, { target: { value: 'https://shop.example.com/item/1' } })
    fireEvent.click(byClass('paste-link-open-btn'))
    await screen.findByText('链接无法识别，请粘贴医院二维码下方的网址，或家人发给您的链接')
    expect(Taro.navigateTo).not.toHaveBeenCalled()
    // Editing the link clears the sentence; a printed hospital URL opens that hospital's page on top of 首页.
    fireEvent.change(input, { target: { value: 'https://yibao.example.cn/h/H7K2M9PQ' } })
    expect(screen.queryByText(/链接无法识别/)).toBeNull()
    fireEvent.click(byClass('paste-link-open-btn'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/hospital/pages/index/index?code=H7K2M9PQ' })
    expect(rootStore.entry.sceneHeader).toBe('scan:0')
    // No sentence is left over for 首页 itself.
    expect(document.querySelector('.entry-notice')).toBeNull()
  })

  it('an entry that could not be read: 首页 says so in one sentence, as an alert', async () => {
    serve(() => ({ statusCode: 200, data: employeeSummary }))
    act(() => { rootStore.entry.arrive(parseH5Location({ pathname: '/', hash: '#/pages/index/index?entry=invalid' })) })
    render(<HomePage />)
    const notice = await waitFor(() => byClass('entry-notice'))
    expect(notice.textContent).toBe('二维码无法识别，请扫描医院医保窗口张贴的二维码')
    expect(notice.getAttribute('role')).toBe('alert')
    act(() => { rootStore.entry.takeNotice() })
    expect(document.querySelector('.entry-notice')).toBeNull()
  })

  it('resident: says kindly there is no personal account instead of ¥0.00', async () => {
    serve(() => ({ statusCode: 200, data: residentSummary }))
    await signIn()
    render(<HomePage />)
    await screen.findByText(/城乡居民医保没有个人账户/)
    expect(document.querySelector('.balance-amount')).toBeNull()
    expect(document.body.textContent).not.toContain('¥0.00')
  })

  it('load error: shows the server sentence and 重试 loads again', async () => {
    let fail = true
    serve(() => fail
      ? { statusCode: 500, data: { error: { code: 'internal_error', message: '服务暂时出了问题，请稍后重试' } } }
      : { statusCode: 200, data: employeeSummary })
    await signIn()
    render(<HomePage />)
    await screen.findByText('服务暂时出了问题，请稍后重试')
    fail = false
    fireEvent.click(byClass('retry-btn'))
    await waitFor(() => expect(byClass('balance-amount').textContent).toBe('¥1,234.56个人账户余额 1234 元 56 分'))
  })

  it('a 401 while loading ends the session and shows why', async () => {
    serve(() => ({ statusCode: 401, data: { error: { code: 'session_expired', message: '登录已过期，请重新登录' } } }))
    await signIn()
    render(<HomePage />)
    await screen.findByText('登录已过期，请重新登录')
    expect(rootStore.session.signedIn).toBe(false)
    byClass('login-entry-btn')
  })
  it('binding due: offers 去实名绑定, and a completed binding loads the account', async () => {
    let bound = false
    serve(() => bound
      ? { statusCode: 200, data: employeeSummary }
      : { statusCode: 403, data: { error: { code: 'binding_required', message: '请先完成实名绑定，再查看医保账户' } } })
    await signIn()
    render(<HomePage />)
    await screen.findByText('请先完成实名绑定，再查看医保账户')
    expect(document.querySelector('.retry-btn')).toBeNull()
    expect(document.querySelector('.verify-btn')).toBeNull()
    fireEvent.click(byClass('bind-entry-btn'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/verify/pages/bind/index' })
    // Back from 实名绑定: the same token, now bound and verified; the page must reload.
    bound = true
    await act(async () => { await rootStore.session.markBound('2099-01-01T01:00:00.000Z') })
    await screen.findByText('¥1,234.56')
    expect(rootStore.session.bound).toBe(true)
  })

  it('verification due: opens the verify page once, offers 去验证, and reloads once verified', async () => {
    let verified = false
    serve(() => verified
      ? { statusCode: 200, data: employeeSummary }
      : { statusCode: 403, data: { error: { code: 'verification_required', message: '为保护您的医保信息，请先完成身份验证' } } })
    await signIn()
    render(<HomePage />)
    await screen.findByText('为保护您的医保信息，请先完成身份验证')
    const toVerify = { url: '/packages/verify/pages/verify/index' }
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith(toVerify))
    expect(document.querySelector('.bind-entry-btn')).toBeNull()
    expect(document.querySelector('.retry-btn')).toBeNull()

    // Back without verifying: a later refusal does not open the page again (no loop); 去验证 does.
    await act(async () => { await rootStore.account.load() })
    expect((Taro.navigateTo as jest.Mock).mock.calls.filter(([o]) => o.url === toVerify.url)).toHaveLength(1)
    fireEvent.click(byClass('verify-btn'))
    expect((Taro.navigateTo as jest.Mock).mock.calls.filter(([o]) => o.url === toVerify.url)).toHaveLength(2)

    // Verified on that page: the new window reaches the session, and 首页 loads without its old error.
    verified = true
    await act(async () => { await rootStore.session.markVerified('2099-01-01T01:00:00.000Z') })
    await screen.findByText('¥1,234.56')
    expect(screen.queryByText('为保护您的医保信息，请先完成身份验证')).toBeNull()
    expect(rootStore.account.error).toBeNull()
  })
})
