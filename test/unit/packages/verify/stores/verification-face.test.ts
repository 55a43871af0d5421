// VerificationStore's face check and biometric unlock. Face check: first where the server offers it and the build can open it; the server's verdict
// decides (never the platform's callback); two checks that do not pass open SMS and password. Biometric unlock:
// only where the server allows it and the phone has it; the signed result goes to the server unchanged.
import { VerificationStore, NO_DEVICE } from '../../../../../src/packages/verify/stores/verification-store'
import { SessionStore } from '../../../../../src/stores/session-store'
import { ApiError } from '../../../../../src/services/http'
import { fakeApi, fakePlatform, faceStart, VERIFIED_UNTIL, verificationMethods } from '../../../stores/fakes'

const faceOpen = {
  ...verificationMethods,
  methods: verificationMethods.methods.map((m) => m.method === 'face' ? { method: 'face' as const, available: true } : m),
}

async function setup (methods = faceOpen) {
  const api = fakeApi()
  api.verification.getMethods.mockResolvedValue(methods)
  const { platform } = fakePlatform()
  const session = new SessionStore(api.auth, platform)
  await session.loginWithSms('13812345678', '123456')
  session.requireVerification('为保护您的医保信息，请先完成身份验证')
  const store = new VerificationStore(api.verification, session, undefined, platform)
  await store.begin()
  return { api, session, store, face: platform.face.run as jest.Mock, platform }
}

describe('VerificationStore face check', () => {
  it('offered first: SMS and password wait until two checks have not passed', async () => {
    const { api, session, store, face } = await setup()
    expect(store.faceOffered).toBe(true)
    expect(store.formMethodsShown).toBe(false)

    api.verification.faceResult.mockResolvedValueOnce({ passed: false, verifiedUntil: null, message: '刷脸验证没有通过' })
    await expect(store.startFace()).resolves.toBe(false)
    expect(face).toHaveBeenCalledWith(faceStart)
    expect(api.verification.faceResult).toHaveBeenCalledWith(faceStart.checkId)
    expect(store.error).toBe('刷脸验证没有通过，请按提示调整后再试一次')
    expect(store.formMethodsShown).toBe(false)

    face.mockResolvedValueOnce('cancelled')
    api.verification.faceResult.mockResolvedValueOnce({ passed: false, verifiedUntil: null, message: '刷脸验证没有通过' })
    await expect(store.startFace()).resolves.toBe(false)
    expect(store.error).toBe('刷脸验证已取消，也可以改用下面的短信验证码或查询密码')
    expect(store.formMethodsShown).toBe(true)
    expect(session.verificationRequired).not.toBeNull()

    await expect(store.startFace()).resolves.toBe(true)
    expect(session.verifiedUntil).toBe(VERIFIED_UNTIL)
    expect(session.verificationRequired).toBeNull()
    expect(store.faceRunning).toBe(false)
  })

  it('the platform screen saying "done" is not a pass: only the server\'s answer counts', async () => {
    const { api, session, store, face } = await setup()
    face.mockResolvedValueOnce('done')
    api.verification.faceResult.mockResolvedValueOnce({ passed: false, verifiedUntil: null, message: '刷脸验证没有通过' })
    await expect(store.startFace()).resolves.toBe(false)
    expect(session.verificationRequired).not.toBeNull()
    expect(store.faceFailures).toBe(1)
  })

  it('a device that cannot open face check gets the other methods at once, without asking the server', async () => {
    const { api, store, face } = await setup()
    face.mockResolvedValueOnce('unsupported')
    await expect(store.startFace()).resolves.toBe(false)
    expect(api.verification.faceResult).not.toHaveBeenCalled()
    expect(store.faceOffered).toBe(false)
    expect(store.formMethodsShown).toBe(true)
    expect(store.error).toContain('暂不支持刷脸验证')
  })

  it('not offered where the server says no, or where the build has no face check (H5)', async () => {
    const { store } = await setup(verificationMethods)
    expect(store.faceOffered).toBe(false)
    expect(store.formMethodsShown).toBe(true)
    const api = fakeApi()
    api.verification.getMethods.mockResolvedValue(faceOpen)
    const { platform } = fakePlatform()
    const h5 = new VerificationStore(api.verification, new SessionStore(api.auth, platform), undefined, NO_DEVICE)
    await h5.begin()
    expect(h5.faceOffered).toBe(false)
    expect(h5.formMethodsShown).toBe(true)
  })

  it('the server refusing to start says why, in its words', async () => {
    const { api, store } = await setup()
    api.verification.startFace.mockRejectedValueOnce(new ApiError(502, 'platform_unavailable', '暂时无法连接微信刷脸服务，请稍后再试'))
    await expect(store.startFace()).resolves.toBe(false)
    expect(store.error).toBe('暂时无法连接微信刷脸服务，请稍后再试')
    expect(store.faceRunning).toBe(false)
  })
})

const soterOpen = {
  ...verificationMethods,
  methods: verificationMethods.methods.map((m) => m.method === 'soter' ? { method: 'soter' as const, available: true } : m),
}

describe('VerificationStore biometric unlock', () => {
  async function withPhone (mode: 'fingerPrint' | 'facial' | null, methods = soterOpen) {
    const api = fakeApi()
    api.verification.getMethods.mockResolvedValue(methods)
    const { platform } = fakePlatform()
    ;(platform.biometric.mode as jest.Mock).mockResolvedValue(mode)
    const session = new SessionStore(api.auth, platform)
    await session.loginWithSms('13812345678', '123456')
    session.requireVerification('为保护您的医保信息，请先完成身份验证')
    const store = new VerificationStore(api.verification, session, undefined, platform)
    await store.begin()
    return { api, session, store, authenticate: platform.biometric.authenticate as jest.Mock }
  }

  it('offered where the server allows it and the phone has it; the signed result goes to the server unchanged', async () => {
    const { api, session, store, authenticate } = await withPhone('fingerPrint')
    expect(store.biometricOffered).toBe(true)
    expect(store.biometricName).toBe('指纹')
    await expect(store.startSoter()).resolves.toBe(true)
    expect(authenticate).toHaveBeenCalledWith({ challenge: 'challenge-1', authContent: '请验证本人指纹或面容，以查看医保账户', mode: 'fingerPrint' })
    expect(api.verification.verifySoter).toHaveBeenCalledWith({ resultJSON: '{"raw":"challenge-1"}', resultJSONSignature: 'c2lnbmVk' })
    expect(session.verifiedUntil).toBe(VERIFIED_UNTIL)
  })

  it('not offered without the server\'s yes, and its reason hidden on a phone without biometrics', async () => {
    const closed = await withPhone('facial', verificationMethods)
    expect(closed.store.biometricOffered).toBe(false)
    expect(closed.store.unavailable.map((m) => m.method)).toContain('soter')
    const none = await withPhone(null)
    expect(none.store.biometricOffered).toBe(false)
    expect(none.store.unavailable.map((m) => m.method)).not.toContain('soter')
  })

  it('a cancelled dialog or a refused signature leaves the session unverified, with words for the person', async () => {
    const { api, session, store, authenticate } = await withPhone('facial')
    authenticate.mockResolvedValueOnce('cancelled')
    await expect(store.startSoter()).resolves.toBe(false)
    expect(store.error).toBe('面容解锁已取消，可以再试一次，或改用其他方式验证')
    expect(api.verification.verifySoter).not.toHaveBeenCalled()
    api.verification.verifySoter.mockRejectedValueOnce(new ApiError(401, 'soter_failed', '指纹/面容解锁没有通过，可以再试一次，或改用短信验证码、查询密码或刷脸验证'))
    await expect(store.startSoter()).resolves.toBe(false)
    expect(store.error).toBe('指纹/面容解锁没有通过，可以再试一次，或改用短信验证码、查询密码或刷脸验证')
    expect(session.verificationRequired).not.toBeNull()
    expect(store.soterRunning).toBe(false)
  })
})
