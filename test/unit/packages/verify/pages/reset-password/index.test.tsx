// 重设查询密码 rendered through the Taro and component mocks: checks before any request, the code, done.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ResetPasswordPage from '../../../../../../src/packages/verify/pages/reset-password/index'
import { passwordResetOf } from '../../../../../../src/packages/verify/stores/password-reset-store'
import { rootStore } from '../../../../../../src/stores/index'

const request = Taro.request as unknown as jest.Mock
type Req = { url: string, method: string, data?: unknown }

const ID = '339901200005270680' // demo person 4: born 2000-05-27

function byClass (name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

function type (className: string, value: string) {
  fireEvent.change(byClass(className).querySelector('input')!, { target: { value } })
}

function serve () {
  request.mockImplementation(async (req: Req) => {
    if (req.url.endsWith('/api/v1/auth/password-reset/sms-codes')) {
      return { statusCode: 200, header: {}, data: { message: '如果该身份证号已登记，验证码将发送到登记的手机号', expiresInSeconds: 300, resendAfterSeconds: 60 } }
    }
    if (req.url.endsWith('/api/v1/auth/password-reset')) return { statusCode: 200, header: {}, data: { message: '查询密码已重新设置，请用新密码登录' } }
    return { statusCode: 404, header: {}, data: { error: { code: 'not_found', message: '没有找到' } } }
  })
}

const calls = (path: string) => request.mock.calls.map(([r]) => r as Req).filter((r) => r.url.endsWith(path))

describe('packages/verify/pages/reset-password', () => {
  beforeEach(() => {
    request.mockReset()
    ;(Taro.navigateBack as jest.Mock).mockClear()
    serve()
  })
  afterEach(cleanup)
  afterAll(() => rootStore.dispose())

  it('shows the rules in plain words before anything is typed', () => {
    render(<ResetPasswordPage />)
    byClass('reset-page')
    expect(byClass('reset-rules').textContent).toContain('不能是 123456、654321 这样的连续数字')
    expect(byClass('reset-rules').textContent).toContain('不能使用身份证号中的出生日期或末尾 6 位')
    expect(document.querySelector('.reset-done')).toBeNull()
  })

  it('checks the ID number before sending a code, then sends it and counts down', async () => {
    render(<ResetPasswordPage />)
    type('reset-id-input', '33990120000527068')
    fireEvent.click(byClass('reset-send-code-btn'))
    await screen.findByText('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
    expect(request).not.toHaveBeenCalled()

    type('reset-id-input', ID)
    fireEvent.click(byClass('reset-send-code-btn'))
    // (Drawn in its clauses, each kept whole on a narrow screen.)
    await waitFor(() => expect(document.querySelector('.reset-code-sent')?.textContent).toBe('如果该身份证号已登记，验证码将发送到登记的手机号，5 分钟内有效'))
    expect(byClass('reset-send-code-btn').textContent).toContain('60秒后重新获取')
    expect(calls('/password-reset/sms-codes')[0]!.data).toEqual({ idNumber: ID })
  })

  it('refuses a weak password and a mismatch on the page, then sets the new one', async () => {
    render(<ResetPasswordPage />)
    type('reset-id-input', ID)
    type('reset-code-input', '123456')
    type('reset-new-password-input', '000527') // the birth date
    type('reset-confirm-input', '000527')
    fireEvent.click(byClass('reset-submit-btn'))
    await waitFor(() => expect(byClass('reset-error').textContent).toBe('查询密码不能使用身份证号中的出生日期或末尾 6 位'))

    type('reset-new-password-input', '802413')
    expect(document.querySelector('.reset-error')).toBeNull() // typing clears the old sentence
    type('reset-confirm-input', '802431')
    fireEvent.click(byClass('reset-submit-btn'))
    await waitFor(() => expect(byClass('reset-error').textContent).toBe('两次输入的查询密码不一致，请重新输入'))
    expect(calls('/api/v1/auth/password-reset')).toHaveLength(0)

    type('reset-confirm-input', '802413')
    fireEvent.click(byClass('reset-submit-btn'))
    await waitFor(() => expect(byClass('reset-done').textContent).toContain('查询密码已重新设置，请用新密码登录'))
    expect(calls('/api/v1/auth/password-reset')[0]!.data).toEqual({ idNumber: ID, code: '123456', newPassword: '802413' })

    fireEvent.click(byClass('reset-back-btn'))
    expect(Taro.navigateBack).toHaveBeenCalled()
  })

  it('opened again, it starts with a fresh form', async () => {
    await act(async () => {
      await passwordResetOf(rootStore).submit({ idNumber: ID, code: '123456', newPassword: '802413', confirm: '802413' })
    })
    expect(passwordResetOf(rootStore).done).not.toBeNull()
    render(<ResetPasswordPage />)
    await waitFor(() => expect(document.querySelector('.reset-done')).toBeNull())
    byClass('reset-submit-btn')
  })
})
