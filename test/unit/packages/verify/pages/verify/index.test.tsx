// 身份验证 rendered through the Taro and component mocks: the methods with the closed ones' reasons, checks before
// any request, the code with its countdown, the server's sentence, and back to the page the person wanted.
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import VerifyPage from '../../../../../../src/packages/verify/pages/verify/index'
import { rootStore } from '../../../../../../src/stores/index'
import { loginResult, verificationMethods } from '../../../../stores/fakes'

const request = Taro.request as unknown as jest.Mock
type Req = { url: string, method: string, data?: unknown }
type Answer = { statusCode: number, data: unknown }

const VERIFIED_UNTIL = '2099-01-01T01:00:00.000Z'

function byClass (name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

function type (className: string, value: string) {
  fireEvent.change(byClass(className).querySelector('input')!, { target: { value } })
}

function serve (answers: Partial<Record<string, () => Answer>> = {}) {
  request.mockImplementation(async (req: Req) => {
    const path = new URL(req.url).pathname
    const answer = answers[path]?.()
    if (answer) return { header: {}, ...answer }
    if (path === '/api/v1/auth/login/sms') return { statusCode: 200, header: {}, data: loginResult }
    if (path === '/api/v1/verifications/methods') return { statusCode: 200, header: {}, data: verificationMethods }
    if (path === '/api/v1/verifications/sms-codes') {
      return { statusCode: 200, header: {}, data: { message: '验证码已发送至 138****5678，5 分钟内有效', expiresInSeconds: 300, resendAfterSeconds: 60 } }
    }
    if (path === '/api/v1/verifications/sms' || path === '/api/v1/verifications/password') {
      return { statusCode: 200, header: {}, data: { verifiedUntil: VERIFIED_UNTIL } }
    }
    return { statusCode: 404, header: {}, data: { error: { code: 'not_found', message: '没有找到' } } }
  })
}

const calls = (path: string) => request.mock.calls.map(([r]) => r as Req).filter((r) => r.url.endsWith(path))

describe('packages/verify/pages/verify', () => {
  beforeEach(async () => {
    request.mockReset()
    ;(Taro.navigateBack as jest.Mock).mockClear()
    serve()
    await act(async () => { await rootStore.session.loginWithSms('13812345678', '123456') })
    rootStore.session.requireVerification('为保护您的医保信息，请先完成身份验证')
  })
  afterEach(cleanup)
  afterAll(() => rootStore.dispose())

  it('explains why, shows the masked phone, the two methods, and the closed ones with their reasons', async () => {
    render(<VerifyPage />)
    await waitFor(() => byClass('verify-sms-tab'))
    expect(byClass('verify-page').textContent).toContain('为保护您的医保信息')
    expect(byClass('verify-phone').textContent).toContain('138****5678')
    expect(byClass('verify-sms-tab').className).toContain('nut-tabs-titles-item-active')
    byClass('verify-password-tab')
    // This build (jest: no platform, as H5) has neither face check nor biometric unlock: they are not listed at
    // all, whatever the server's reason (face check can never work here).
    expect(document.querySelector('.verify-method-face')).toBeNull()
    expect(document.querySelector('.verify-method-soter')).toBeNull()
    expect(byClass('verify-page').textContent).not.toContain('刷脸')
  })

  it('checks the code before any request, sends a code with a countdown, verifies and goes back', async () => {
    render(<VerifyPage />)
    await waitFor(() => byClass('verify-submit-btn'))
    fireEvent.click(byClass('verify-submit-btn'))
    await waitFor(() => expect(byClass('verify-error').textContent).toBe('请输入短信验证码'))
    expect(calls('/api/v1/verifications/sms')).toHaveLength(0)

    fireEvent.click(byClass('verify-send-code-btn'))
    // (Drawn in its clauses, each kept whole on a narrow screen.)
    await waitFor(() => expect(document.querySelector('.verify-code-sent')?.textContent).toBe('验证码已发送至 138****5678，5 分钟内有效'))
    expect(byClass('verify-send-code-btn').textContent).toContain('60秒后重新获取')
    expect(calls('/api/v1/verifications/sms-codes')[0]!.data).toEqual({})

    type('verify-code-input', '654321')
    expect(document.querySelector('.verify-error')).toBeNull() // typing clears the old sentence
    fireEvent.click(byClass('verify-submit-btn'))
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
    expect(calls('/api/v1/verifications/sms')[0]!.data).toEqual({ code: '654321' })
    expect(rootStore.session.verifiedUntil).toBe(VERIFIED_UNTIL)
    expect(rootStore.session.verificationRequired).toBeNull()
  })

  it('password: checked before any request; the server\'s locked sentence is shown and nothing goes back', async () => {
    const locked = '查询密码输错次数过多，已锁定至 14:05。您可以用「忘记密码」重新设置，或拨打 12393 医保服务热线'
    serve({ '/api/v1/verifications/password': () => ({ statusCode: 403, data: { error: { code: 'account_locked', message: locked } } }) })
    render(<VerifyPage />)
    await waitFor(() => byClass('verify-password-tab'))
    fireEvent.click(byClass('verify-password-tab'))
    await waitFor(() => expect(byClass('verify-password-tab').className).toContain('nut-tabs-titles-item-active'))
    type('verify-password-input', '12')
    fireEvent.click(byClass('verify-submit-btn'))
    await waitFor(() => expect(byClass('verify-error').textContent).toBe('查询密码应为 6 位数字'))
    expect(calls('/api/v1/verifications/password')).toHaveLength(0)

    type('verify-password-input', '000000')
    fireEvent.click(byClass('verify-submit-btn'))
    await waitFor(() => expect(byClass('verify-error-locked').textContent).toBe(locked))
    expect(Taro.navigateBack).not.toHaveBeenCalled()
  })

  it('a closed tab cannot be chosen', async () => {
    serve({
      '/api/v1/verifications/methods': () => ({
        statusCode: 200,
        data: {
          ...verificationMethods,
          methods: verificationMethods.methods.map((m) => m.method === 'password' ? { method: 'password', available: false, reason: '查询密码已锁定，请在 14:05 后再试' } : m),
        },
      }),
    })
    render(<VerifyPage />)
    await waitFor(() => byClass('verify-password-tab'))
    fireEvent.click(byClass('verify-password-tab'))
    expect(byClass('verify-password-tab').className).toContain('nut-tabs-titles-item-disabled')
    expect(byClass('verify-sms-tab').className).toContain('nut-tabs-titles-item-active')
    expect(byClass('verify-method-password').textContent).toContain('查询密码已锁定，请在 14:05 后再试')
  })
})
