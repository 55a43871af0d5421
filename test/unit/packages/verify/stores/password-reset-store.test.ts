// PasswordResetStore with a fake api: checks before any request, the code with its cooldown, submit, done.
import { PasswordResetStore } from '../../../../../src/packages/verify/stores/password-reset-store'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi, validIdNumber } from '../../../stores/fakes'

function setup () {
  const api = fakeApi()
  const store = new PasswordResetStore(api.auth)
  return { api, store }
}

const form = { idNumber: validIdNumber, code: '123456', newPassword: '802413', confirm: '802413' }

describe('PasswordResetStore', () => {
  afterEach(() => jest.useRealTimers())

  it('asks for a correct ID number before sending a code', async () => {
    const { api, store } = setup()
    await expect(store.requestCode('110105198803140016')).resolves.toBe(false)
    expect(store.error).toBe('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
    expect(api.auth.requestPasswordResetCode).not.toHaveBeenCalled()
  })

  it('sends the code (ID upper-cased), says where it went, and cools down', async () => {
    jest.useFakeTimers()
    const { api, store } = setup()
    await expect(store.requestCode('11990119580621035x')).resolves.toBe(true)
    expect(api.auth.requestPasswordResetCode).toHaveBeenCalledWith('11990119580621035X')
    expect(store.codeNotice).toBe('如果该身份证号已登记，验证码将发送到登记的手机号，5 分钟内有效')
    expect(store.cooldownSeconds).toBe(60)
    expect(store.canRequestCode).toBe(false)
    await expect(store.requestCode('11990119580621035X')).resolves.toBe(false)
    expect(api.auth.requestPasswordResetCode).toHaveBeenCalledTimes(1)
    jest.advanceTimersByTime(60_000)
    expect(store.cooldownSeconds).toBe(0)
    expect(store.canRequestCode).toBe(true)
    store.dispose()
  })

  it('cools down for Retry-After when the server rate-limits the send', async () => {
    jest.useFakeTimers()
    const { api, store } = setup()
    api.auth.requestPasswordResetCode.mockRejectedValueOnce(new ApiError(429, 'rate_limited', '操作太频繁，请稍后再试', 42))
    await expect(store.requestCode(validIdNumber)).resolves.toBe(false)
    expect(store.error).toBe('操作太频繁，请稍后再试')
    expect(store.cooldownSeconds).toBe(42)
    store.dispose()
  })

  it('checks code, password rules and the repeat before submitting', async () => {
    const { api, store } = setup()
    const cases: Array<[Partial<typeof form>, string]> = [
      [{ code: '12' }, '请输入 6 位数字验证码'],
      [{ newPassword: '123456', confirm: '123456' }, '查询密码不能是 123456、654321 这样的连续数字'],
      [{ newPassword: '111111', confirm: '111111' }, '查询密码不能是 6 个相同的数字'],
      [{ newPassword: '880314', confirm: '880314' }, '查询密码不能使用身份证号中的出生日期或末尾 6 位'],
      [{ confirm: '' }, '请再输入一次新的查询密码'],
      [{ confirm: '802414' }, '两次输入的查询密码不一致，请重新输入'],
    ]
    for (const [change, message] of cases) {
      await expect(store.submit({ ...form, ...change })).resolves.toBe(false)
      expect(store.error).toBe(message)
    }
    expect(api.auth.resetPassword).not.toHaveBeenCalled()
    expect(store.done).toBeNull()
  })

  it('submits and is done; a fresh visit starts over', async () => {
    const { api, store } = setup()
    await expect(store.submit({ ...form, code: ' 123456 ' })).resolves.toBe(true)
    expect(api.auth.resetPassword).toHaveBeenCalledWith(validIdNumber, '123456', '802413')
    expect(store.done).toBe('查询密码已重新设置，请用新密码登录')
    expect(store.error).toBeNull()
    store.begin()
    expect(store.done).toBeNull()
  })

  it('shows the server\'s sentence when the code is wrong, and stays on the form', async () => {
    const { api, store } = setup()
    api.auth.resetPassword.mockRejectedValueOnce(new ApiError(400, 'sms_code_invalid', '验证码不正确，请核对后重新输入'))
    await expect(store.submit(form)).resolves.toBe(false)
    expect(store.error).toBe('验证码不正确，请核对后重新输入')
    expect(store.done).toBeNull()
    expect(store.submitting).toBe(false)
    store.clearError()
    expect(store.error).toBeNull()
  })
})
