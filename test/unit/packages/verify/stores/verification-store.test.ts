// VerificationStore with a fake api: the methods and their reasons, the code with its cooldown, checks before any
// request, success handed to the session, the server's sentences kept on failure.
import { VerificationStore } from '../../../../../src/packages/verify/stores/verification-store'
import { SessionStore, SESSION_STORAGE_KEY } from '../../../../../src/stores/session-store'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi, fakePlatform, loginResult, VERIFIED_UNTIL, verificationMethods } from '../../../stores/fakes'

async function setup () {
  const api = fakeApi()
  const { platform, memory } = fakePlatform()
  const session = new SessionStore(api.auth, platform)
  await session.loginWithSms('13812345678', '123456')
  session.requireVerification('为保护您的医保信息，请先完成身份验证')
  const store = new VerificationStore(api.verification, session)
  return { api, memory, session, store }
}

describe('VerificationStore', () => {
  afterEach(() => jest.useRealTimers())

  it('reads the methods: SMS first, the closed ones kept with their reasons, the masked phone', async () => {
    const { store } = await setup()
    await store.begin()
    expect(store.available.map((m) => m.method)).toEqual(['sms', 'password'])
    expect(store.method).toBe('sms')
    // This build has no face check (as H5) and the phone no biometrics: neither is listed, their reasons would only
    // confuse; a build with the platform's face check lists it with the server's reason.
    expect(store.unavailable).toEqual([])
    const withFace = new VerificationStore(store.api, store.session, undefined, {
      face: { platform: 'wechat', run: async () => 'unsupported' },
      biometric: { mode: async () => null, authenticate: async () => 'unsupported' },
    })
    await withFace.begin()
    expect(withFace.unavailable.map((m) => [m.method, m.reason])).toEqual([
      ['face', '刷脸验证暂未开放，请用短信验证码或查询密码'],
    ])
    expect(store.phoneMasked).toBe('138****5678')
    store.choose('face')
    expect(store.method).toBe('sms')
    store.choose('password')
    expect(store.method).toBe('password')
  })

  it('a locked password is not offered: SMS is chosen', async () => {
    const { api, store } = await setup()
    api.verification.getMethods.mockResolvedValueOnce({
      ...verificationMethods,
      methods: verificationMethods.methods.map((m) => m.method === 'password' ? { method: 'password', available: false, reason: '查询密码已锁定，请在 14:05 后再试' } : m),
    })
    store.choose('password')
    await store.begin()
    expect(store.method).toBe('sms')
    expect(store.unavailable.find((m) => m.method === 'password')?.reason).toBe('查询密码已锁定，请在 14:05 后再试')
  })

  it('says so when the methods cannot be read', async () => {
    const { api, store } = await setup()
    api.verification.getMethods.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await store.begin()
    expect(store.methodsError).toBe('网络连接失败，请检查网络后重试')
    expect(store.loadingMethods).toBe(false)
  })

  it('sends the code, keeps the server\'s sentence and cools down', async () => {
    jest.useFakeTimers()
    const { api, store } = await setup()
    await expect(store.requestCode()).resolves.toBe(true)
    expect(store.codeNotice).toBe('验证码已发送至 138****5678，5 分钟内有效')
    expect(store.cooldownSeconds).toBe(60)
    await expect(store.requestCode()).resolves.toBe(false)
    expect(api.verification.requestSmsCode).toHaveBeenCalledTimes(1)
    jest.advanceTimersByTime(60_000)
    expect(store.canRequestCode).toBe(true)

    api.verification.requestSmsCode.mockRejectedValueOnce(new ApiError(429, 'rate_limited', '操作太频繁，请稍后再试', 42))
    await expect(store.requestCode()).resolves.toBe(false)
    expect(store.error).toBe('操作太频繁，请稍后再试')
    expect(store.cooldownSeconds).toBe(42)
    store.dispose()
  })

  it('checks the code and the password before any request', async () => {
    const { api, store } = await setup()
    await expect(store.submitSms('12')).resolves.toBe(false)
    expect(store.error).toBe('请输入 6 位数字验证码')
    await expect(store.submitPassword('')).resolves.toBe(false)
    expect(store.error).toBe('请输入查询密码')
    expect(api.verification.verifySms).not.toHaveBeenCalled()
    expect(api.verification.verifyPassword).not.toHaveBeenCalled()
  })

  it('a right code: the session gets the new window, the request to verify is over, storage keeps it', async () => {
    const { api, memory, session, store } = await setup()
    expect(session.verificationRequired).not.toBeNull()
    await expect(store.submitSms(' 654321 ')).resolves.toBe(true)
    expect(api.verification.verifySms).toHaveBeenCalledWith('654321')
    expect(store.verifiedUntil).toBe(VERIFIED_UNTIL)
    expect(session.verifiedUntil).toBe(VERIFIED_UNTIL)
    expect(session.verificationRequired).toBeNull()
    expect(JSON.parse(memory.get(SESSION_STORAGE_KEY)!)).toEqual({ ...loginResult, verifiedUntil: VERIFIED_UNTIL })
  })

  it('a right password does the same', async () => {
    const { api, session, store } = await setup()
    await expect(store.submitPassword('135246')).resolves.toBe(true)
    expect(api.verification.verifyPassword).toHaveBeenCalledWith('135246')
    expect(session.verifiedUntil).toBe(VERIFIED_UNTIL)
  })

  it('keeps the server\'s sentence on failure and leaves the session as it was', async () => {
    const { api, session, store } = await setup()
    api.verification.verifySms.mockRejectedValueOnce(new ApiError(400, 'sms_code_invalid', '验证码不正确，还可以再试 4 次'))
    await expect(store.submitSms('111111')).resolves.toBe(false)
    expect(store.error).toBe('验证码不正确，还可以再试 4 次')
    expect(session.verifiedUntil).toBe(loginResult.verifiedUntil)
    expect(session.verificationRequired).not.toBeNull()
    expect(store.submitting).toBe(false)

    const locked = '查询密码输错次数过多，已锁定至 14:05。您可以用「忘记密码」重新设置，或拨打 12393 医保服务热线'
    api.verification.verifyPassword.mockRejectedValueOnce(new ApiError(403, 'account_locked', locked))
    await expect(store.submitPassword('000000')).resolves.toBe(false)
    expect(store.error).toBe(locked)
    expect(store.passwordLocked).toBe(true)
    store.clearError()
    expect(store.error).toBeNull()
    expect(store.passwordLocked).toBe(false)
  })
})
