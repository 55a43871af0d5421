// 登录 rendered through the Taro and component mocks: the 查询密码登录 tab, its checks, the lockout and 忘记密码.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import LoginPage from '../../../../src/pages/login/index'
import { rootStore } from '../../../../src/stores/index'
import { loginResult } from '../../stores/fakes'
import { CONSENT_VERSION } from '../../stores/consent-fakes'
import { storage } from '../../../../src/platform/storage'
import { PRIVACY_STORAGE_KEY } from '../../../../src/stores/consent-store'

const request = Taro.request as unknown as jest.Mock
type Req = { url: string, method: string, data?: unknown }
type Answer = { statusCode: number, data: unknown, header?: Record<string, string> }

const LOCKED = '查询密码输错次数过多，已锁定，请在 15:30 后再试；也可以用「忘记密码」重新设置，或拨打 12393 医保服务热线'
const ID = '319901198803140174'

function serve (answer: (req: Req) => Answer) {
  request.mockImplementation(async (req: Req) => ({ header: {}, ...answer(req) }))
}

function byClass (name: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

/** NutUI's Input wraps the native one: type into that. */
function type (className: string, value: string) {
  fireEvent.change(byClass(className).querySelector('input')!, { target: { value } })
}

function openPasswordTab () {
  render(<LoginPage />)
  fireEvent.click(byClass('password-tab'))
  expect(byClass('password-tab').className).toContain('nut-tabs-titles-item-active')
  expect(byClass('sms-tab').className).not.toContain('nut-tabs-titles-item-active')
}

describe('pages/login, 查询密码登录', () => {
  // This device agreed to the privacy policy on an earlier run (its gate is tested in pages/PrivacyGate.test.tsx).
  beforeAll(async () => {
    await storage.set(PRIVACY_STORAGE_KEY, JSON.stringify({ version: CONSENT_VERSION, acceptedAt: '2026-11-20T03:00:00.000Z' }))
    await rootStore.consent.readLocal()
  })
  beforeEach(async () => {
    request.mockReset()
    ;(Taro.navigateTo as jest.Mock).mockClear()
    ;(Taro.navigateBack as jest.Mock).mockClear()
    await act(async () => { await rootStore.session.endSession(null) })
    rootStore.session.clearError()
  })
  afterEach(cleanup)
  afterAll(() => rootStore.dispose())

  it('offers both tabs, the SMS one first and unchanged', () => {
    render(<LoginPage />)
    expect(byClass('sms-tab').textContent).toBe('手机验证码登录')
    expect(byClass('password-tab').textContent).toBe('查询密码登录')
    expect(byClass('sms-tab').className).toContain('nut-tabs-titles-item-active')
    byClass('phone-input'); byClass('code-input'); byClass('send-code-btn'); byClass('sms-login-btn')
    // H5 has no one-tap login.
    expect(document.querySelector('.platform-login-btn')).toBeNull()
  })

  it('catches a wrong check digit and a short password before any request', async () => {
    openPasswordTab()
    type('identifier-input', '319901198803140175')
    type('password-input', '135246')
    fireEvent.click(byClass('password-login-btn'))
    await screen.findByText('身份证号不正确，请核对后重新输入（最后一位可能是 X）')

    type('identifier-input', ID)
    type('password-input', '13a5') // only digits stay
    expect(byClass('password-input').querySelector('input')!.value).toBe('135')
    fireEvent.click(byClass('password-login-btn'))
    await screen.findByText('查询密码应为 6 位数字')
    expect(request).not.toHaveBeenCalled()
  })

  it('shows the lockout sentence in full, prominently, in .login-error', async () => {
    serve(() => ({ statusCode: 403, data: { error: { code: 'account_locked', message: LOCKED } }, header: { 'retry-after': '1800' } }))
    openPasswordTab()
    type('identifier-input', 'DM31010001')
    type('password-input', '000000')
    fireEvent.click(byClass('password-login-btn'))
    await waitFor(() => expect(byClass('login-error').textContent).toBe(LOCKED))
    expect(byClass('login-error').className).toContain('login-error-locked')
    expect(document.querySelectorAll('.login-error')).toHaveLength(1)

    const call = request.mock.calls[0]![0] as Req
    expect(call.url).toBe('http://api.test/api/v1/auth/login/password')
    expect(call.data).toEqual({ cardNumber: 'DM31010001', password: '000000' })
    expect(rootStore.session.signedIn).toBe(false)

    // Another tab starts clean.
    fireEvent.click(byClass('sms-tab'))
    expect(document.querySelector('.login-error')).toBeNull()
  })

  it('shows how many tries are left after a wrong password', async () => {
    serve(() => ({ statusCode: 401, data: { error: { code: 'password_incorrect', message: '证件号或查询密码不正确，还可以再试 3 次' } } }))
    openPasswordTab()
    type('identifier-input', ID)
    type('password-input', '000000')
    fireEvent.click(byClass('password-login-btn'))
    await screen.findByText('证件号或查询密码不正确，还可以再试 3 次')
    expect(byClass('login-error').className).not.toContain('login-error-locked')
  })

  it('logs in with the ID number and goes back', async () => {
    serve(() => ({ statusCode: 200, data: loginResult }))
    openPasswordTab()
    type('identifier-input', ` ${ID} `) // spaces around it are dropped
    type('password-input', '135246')
    fireEvent.click(byClass('password-login-btn'))
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
    expect((request.mock.calls[0]![0] as Req).data).toEqual({ idNumber: ID, password: '135246' })
    expect(rootStore.session.token).toBe('tok-abc')
  })

  it('忘记密码 opens the reset page in the verify subpackage', () => {
    openPasswordTab()
    fireEvent.click(byClass('forgot-password-link'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/verify/pages/reset-password/index' })
  })
})

describe('pages/login, SMS codes refused for a while', () => {
  beforeEach(async () => {
    request.mockReset()
    await act(async () => { await rootStore.session.endSession(null) })
    rootStore.session.clearError()
  })
  afterEach(() => {
    cleanup()
    jest.useRealTimers()
  })

  it('the minute between codes counts seconds; a cap says until when, on the button too, and offers 查询密码登录', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-07T02:00:00Z') })
    serve(() => ({ statusCode: 429, data: { error: { code: 'rate_limited', message: '验证码已发送，请 40 秒后再重新获取' } }, header: { 'Retry-After': '40' } }))
    render(<LoginPage />)
    type('phone-input', '13800000001')
    fireEvent.click(byClass('send-code-btn'))
    await screen.findByText('验证码已发送，请 40 秒后再重新获取')
    expect(byClass('send-code-btn').textContent).toBe('40秒后重新获取')
    // No reason to suggest another way for a minute's wait.
    expect(document.querySelector('.use-password-btn')).toBeNull()
    act(() => { jest.advanceTimersByTime(41_000) })
    expect(byClass('send-code-btn').textContent).toBe('获取验证码')

    const message = '获取验证码的次数已达上限，请在 10:49 后再试'
    serve(() => ({ statusCode: 429, data: { error: { code: 'rate_limited', message } }, header: { 'Retry-After': '2901' } }))
    fireEvent.click(byClass('send-code-btn'))
    await screen.findByText(message)
    // 10:00:41 in China + 2901 s = 10:49:02: from 10:50, never "2901秒".
    expect(byClass('send-code-btn').textContent).toBe('10:50后可重新获取')
    fireEvent.click(byClass('use-password-btn'))
    expect(byClass('password-tab').className).toContain('nut-tabs-titles-item-active')
    expect(byClass('password-tab').getAttribute('aria-selected')).toBe('true')
    expect(document.querySelector('.use-password-btn')).toBeNull()
    rootStore.session.dispose()
  })
})
