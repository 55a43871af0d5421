// SessionStore with a fake api and platform: validation, SMS cooldown, logins (platform, SMS, query password),
// the lockout, logout, restore, expiry.
import { autorun } from 'mobx'
import { SessionStore, SESSION_STORAGE_KEY } from '../../../src/stores/session-store'
import { ApiError } from '../../../src/services/http'
import { fakeApi, fakePlatform, loginResult, validIdNumber } from './fakes'

function setup (code?: Parameters<typeof fakePlatform>[0]) {
  const api = fakeApi()
  const { platform, memory } = fakePlatform(code)
  const store = new SessionStore(api.auth, platform)
  return { api, platform, memory, store }
}

describe('SessionStore', () => {
  afterEach(() => jest.useRealTimers())

  it('refuses a wrong phone in Chinese before any request', async () => {
    const { api, store } = setup()
    await expect(store.requestSmsCode('123')).resolves.toBe(false)
    expect(store.error).toBe('请输入正确的 11 位手机号')
    expect(api.auth.requestSmsCode).not.toHaveBeenCalled()

    await expect(store.loginWithSms('13812345678', '12')).resolves.toBe(false)
    expect(store.error).toBe('请输入 6 位数字验证码')
    expect(api.auth.loginWithSms).not.toHaveBeenCalled()
  })

  it('sends a code, shows the masked phone and counts the cooldown down to zero', async () => {
    jest.useFakeTimers()
    const { api, store } = setup()
    const seen: number[] = []
    const stop = autorun(() => { seen.push(store.cooldownSeconds) })

    await expect(store.requestSmsCode('13812345678')).resolves.toBe(true)
    expect(api.auth.requestSmsCode).toHaveBeenCalledWith('13812345678')
    expect(store.smsSentTo).toBe('138****5678')
    expect(store.cooldownSeconds).toBe(60)
    expect(store.canRequestSmsCode).toBe(false)

    await expect(store.requestSmsCode('13812345678')).resolves.toBe(false) // still cooling down
    expect(api.auth.requestSmsCode).toHaveBeenCalledTimes(1)

    jest.advanceTimersByTime(59_000)
    expect(store.cooldownSeconds).toBe(1)
    jest.advanceTimersByTime(1_000)
    expect(store.cooldownSeconds).toBe(0)
    expect(store.canRequestSmsCode).toBe(true)
    expect(seen.slice(0, 3)).toEqual([0, 60, 59])
    expect(seen[seen.length - 1]).toBe(0)
    stop()
    store.dispose()
  })

  it('cools down for Retry-After when the server rate-limits the send', async () => {
    jest.useFakeTimers()
    const { api, store } = setup()
    api.auth.requestSmsCode.mockRejectedValueOnce(new ApiError(429, 'rate_limited', '发送太频繁，请稍后再试', 30))
    await expect(store.requestSmsCode('13812345678')).resolves.toBe(false)
    expect(store.error).toBe('发送太频繁，请稍后再试')
    expect(store.cooldownSeconds).toBe(30)
    store.dispose()
  })

  it('logs in with SMS, keeps the session in storage and clears the error', async () => {
    const { api, store, memory } = setup()
    const states: Array<boolean> = []
    const stop = autorun(() => { states.push(store.signedIn) })
    await expect(store.loginWithSms(' 13812345678 ', '123456')).resolves.toBe(true)
    expect(api.auth.loginWithSms).toHaveBeenCalledWith('13812345678', '123456')
    expect(store.token).toBe('tok-abc')
    expect(store.bound).toBe(true)
    expect(store.verifiedUntil).toBe(loginResult.verifiedUntil)
    expect(states).toEqual([false, true])
    expect(JSON.parse(memory.get(SESSION_STORAGE_KEY)!)).toMatchObject({ token: 'tok-abc', bound: true })
    stop()
  })

  it('shows the server message when the code is wrong', async () => {
    const { api, store } = setup()
    api.auth.loginWithSms.mockRejectedValueOnce(new ApiError(400, 'sms_code_invalid', '验证码不正确，请重新输入'))
    await expect(store.loginWithSms('13812345678', '000000')).resolves.toBe(false)
    expect(store.error).toBe('验证码不正确，请重新输入')
    expect(store.signedIn).toBe(false)
    expect(store.loggingIn).toBe(false)
  })

  it('password login: checks the identifier and password before any request', async () => {
    const { api, store } = setup()
    await expect(store.loginWithPassword('', '135246')).resolves.toBe(false)
    expect(store.error).toBe('请输入身份证号或医保卡号')
    await expect(store.loginWithPassword('110105198803140016', '135246')).resolves.toBe(false)
    expect(store.error).toBe('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
    await expect(store.loginWithPassword(validIdNumber, '1352')).resolves.toBe(false)
    expect(store.error).toBe('查询密码应为 6 位数字')
    expect(api.auth.loginWithPassword).not.toHaveBeenCalled()
  })

  it('password login: an ID number or a card number, told apart by shape', async () => {
    const { api, store } = setup()
    await expect(store.loginWithPassword(` ${validIdNumber} `, '135246')).resolves.toBe(true)
    expect(api.auth.loginWithPassword).toHaveBeenLastCalledWith({ idNumber: validIdNumber }, '135246')
    expect(store.token).toBe('tok-abc')
    await store.logout()
    await expect(store.loginWithPassword('DM31010001', '135246')).resolves.toBe(true)
    expect(api.auth.loginWithPassword).toHaveBeenLastCalledWith({ cardNumber: 'DM31010001' }, '135246')
  })

  it('password login: keeps the server\'s sentence, and marks a lockout so the page can show it prominently', async () => {
    const { api, store } = setup()
    api.auth.loginWithPassword.mockRejectedValueOnce(new ApiError(401, 'password_incorrect', '证件号或查询密码不正确，还可以再试 4 次'))
    await expect(store.loginWithPassword(validIdNumber, '000000')).resolves.toBe(false)
    expect(store.error).toBe('证件号或查询密码不正确，还可以再试 4 次')
    expect(store.passwordLocked).toBe(false)

    const locked = '查询密码输错次数过多，已锁定，请在 15:30 后再试；也可以用「忘记密码」重新设置，或拨打 12393 医保服务热线'
    api.auth.loginWithPassword.mockRejectedValueOnce(new ApiError(403, 'account_locked', locked, 1800))
    await expect(store.loginWithPassword(validIdNumber, '000000')).resolves.toBe(false)
    expect(store.error).toBe(locked)
    expect(store.passwordLocked).toBe(true)
    expect(store.signedIn).toBe(false)

    store.clearError()
    expect(store.passwordLocked).toBe(false)
    expect(store.error).toBeNull()
  })

  it('logs in with the platform code', async () => {
    const { api, store } = setup({ platform: 'alipay', code: 'alipay-demo-2' })
    expect(store.platformLogin).toBe('alipay')
    await expect(store.loginWithPlatform()).resolves.toBe(true)
    expect(api.auth.loginWithPlatform).toHaveBeenCalledWith('alipay', 'alipay-demo-2')
    expect(store.signedIn).toBe(true)
  })

  it('falls back to SMS in words when the platform offers no login', async () => {
    const { api, store } = setup(null)
    expect(store.platformLogin).toBeNull()
    await expect(store.loginWithPlatform()).resolves.toBe(false)
    expect(store.error).toBe('当前环境不支持一键登录，请使用手机号验证码登录')
    expect(api.auth.loginWithPlatform).not.toHaveBeenCalled()
  })

  it('logs out locally even when the server cannot be reached', async () => {
    const { api, store, memory } = setup()
    await store.loginWithSms('13812345678', '123456')
    api.auth.logout.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await store.logout()
    expect(api.auth.logout).toHaveBeenCalled()
    expect(store.signedIn).toBe(false)
    expect(memory.has(SESSION_STORAGE_KEY)).toBe(false)
  })

  it('ends the session with a notice (the 401 hook)', async () => {
    const { store } = setup()
    await store.loginWithSms('13812345678', '123456')
    await store.endSession('登录已过期，请重新登录')
    expect(store.signedIn).toBe(false)
    expect(store.notice).toBe('登录已过期，请重新登录')
  })

  it('restores a stored session once, and drops an expired one', async () => {
    const a = setup()
    a.memory.set(SESSION_STORAGE_KEY, JSON.stringify(loginResult))
    await a.store.restore()
    await a.store.restore()
    expect(a.platform.storage.get).toHaveBeenCalledTimes(1)
    expect(a.store.restored).toBe(true)
    expect(a.store.token).toBe('tok-abc')

    const b = setup()
    b.memory.set(SESSION_STORAGE_KEY, JSON.stringify({ ...loginResult, expiresAt: '2000-01-01T00:00:00Z' }))
    await b.store.restore()
    expect(b.store.restored).toBe(true)
    expect(b.store.signedIn).toBe(false)
    expect(b.memory.has(SESSION_STORAGE_KEY)).toBe(false)
  })

  it('counts as restored (signed out) when storage is unreadable', async () => {
    const { store, platform } = setup()
    ;(platform.storage.get as jest.Mock).mockRejectedValueOnce(new Error('broken'))
    await store.restore()
    expect(store.restored).toBe(true)
    expect(store.signedIn).toBe(false)
  })
})
