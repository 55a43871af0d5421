// BindingStore: name and ID number checked before any request, the matched record, face first, the SMS code once
// the server opens it, the session bound and verified at the end, the server's words on every failure.
import { BindingStore } from '../../../../../src/packages/verify/stores/binding-store'
import { SessionStore, SESSION_STORAGE_KEY } from '../../../../../src/stores/session-store'
import { ApiError } from '../../../../../src/services/http'
import { bindingState, fakeApi, fakePlatform, faceStart, loginResult, validIdNumber, VERIFIED_UNTIL } from '../../../stores/fakes'

async function setup () {
  const api = fakeApi()
  api.auth.loginWithPlatform.mockResolvedValueOnce({ ...loginResult, bound: false, verifiedUntil: null })
  api.binding.current.mockRejectedValue(new ApiError(409, 'binding_not_started', '请先填写姓名和身份证号，再完成验证'))
  const { platform, memory } = fakePlatform()
  const session = new SessionStore(api.auth, platform)
  await session.loginWithPlatform()
  const store = new BindingStore(api.binding, session, platform.face)
  await store.begin()
  return { api, memory, session, store, face: platform.face.run as jest.Mock }
}

describe('BindingStore', () => {
  it('asks for name and ID number first, checking them before any request', async () => {
    const { api, store } = await setup()
    expect(store.state).toBeNull()
    await expect(store.start('', validIdNumber)).resolves.toBe(false)
    expect(store.error).toBe('请输入身份证上的姓名')
    await expect(store.start('张三', '110105198803140016')).resolves.toBe(false)
    expect(store.error).toBe('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
    expect(api.binding.start).not.toHaveBeenCalled()
    await expect(store.start(' 张三 ', validIdNumber.slice(0, 6) + ' ' + validIdNumber.slice(6))).resolves.toBe(true)
    expect(api.binding.start).toHaveBeenCalledWith('张三', validIdNumber)
    expect(store.state).toEqual(bindingState)
    expect(store.faceOffered).toBe(true)
    expect(store.smsOpen).toBe(false)
    expect(store.smsReason).toBe('请先刷脸验证；两次没有通过后，可以改用短信验证码')
  })

  it('a pending binding carries on at its proof step', async () => {
    const { api, store } = await setup()
    api.binding.current.mockResolvedValueOnce(bindingState)
    await store.begin()
    expect(store.state).toEqual(bindingState)
  })

  it('mismatch and lock keep the server\'s words; the lock is marked', async () => {
    const { api, store } = await setup()
    api.binding.start.mockRejectedValueOnce(new ApiError(400, 'identity_mismatch', '姓名或身份证号与参保登记信息不一致，请核对后重新输入，还可以再试 4 次'))
    await expect(store.start('张三', validIdNumber)).resolves.toBe(false)
    expect(store.error).toBe('姓名或身份证号与参保登记信息不一致，请核对后重新输入，还可以再试 4 次')
    expect(store.locked).toBe(false)
    api.binding.start.mockRejectedValueOnce(new ApiError(403, 'binding_locked', '姓名和身份证号核对失败次数过多，请在 14:05 后再试'))
    await expect(store.start('张三', validIdNumber)).resolves.toBe(false)
    expect(store.locked).toBe(true)
    expect(store.state).toBeNull()
  })

  it('a face check the server passes binds the session and verifies it', async () => {
    const { api, memory, session, store, face } = await setup()
    await store.start('张三', validIdNumber)
    await expect(store.startFace()).resolves.toBe(true)
    expect(face).toHaveBeenCalledWith(faceStart)
    expect(api.binding.faceResult).toHaveBeenCalledWith(faceStart.checkId)
    expect(session.bound).toBe(true)
    expect(session.verifiedUntil).toBe(VERIFIED_UNTIL)
    expect(store.done).toBe(true)
    expect(JSON.parse(memory.get(SESSION_STORAGE_KEY)!)).toMatchObject({ bound: true, verifiedUntil: VERIFIED_UNTIL })
  })

  it('a check the server does not pass (whatever the screen said) re-reads the proofs: SMS opens after two', async () => {
    const { api, session, store, face } = await setup()
    await store.start('张三', validIdNumber)
    const opened = { ...bindingState, faceFailures: 2, proofs: [{ method: 'face' as const, available: true }, { method: 'sms' as const, available: true }] }
    api.binding.faceResult.mockResolvedValueOnce({ passed: false, verifiedUntil: null, message: '刷脸验证没有通过，可以再试一次，或改用短信验证码完成绑定', faceFailures: 2 })
    api.binding.current.mockResolvedValueOnce(opened)
    face.mockResolvedValueOnce('done')
    await expect(store.startFace()).resolves.toBe(false)
    expect(session.bound).toBe(false)
    expect(store.error).toBe('刷脸验证没有通过，可以再试一次，或改用短信验证码完成绑定')
    expect(store.smsOpen).toBe(true)

    await expect(store.requestCode()).resolves.toBe(true)
    expect(store.codeNotice).toBe('验证码已发送至 *******5678，5 分钟内有效')
    await expect(store.submitCode('12')).resolves.toBe(false)
    expect(api.binding.proveBySms).not.toHaveBeenCalled()
    await expect(store.submitCode('123456')).resolves.toBe(true)
    expect(api.binding.proveBySms).toHaveBeenCalledWith('123456')
    expect(session.bound).toBe(true)
    store.dispose()
  })

  it('an expired binding goes back to name and ID number', async () => {
    const { api, store } = await setup()
    await store.start('张三', validIdNumber)
    api.binding.proveBySms.mockRejectedValueOnce(new ApiError(409, 'binding_not_started', '请先填写姓名和身份证号，再完成验证'))
    await expect(store.submitCode('123456')).resolves.toBe(false)
    expect(store.state).toBeNull()
    expect(store.error).toBe('请先填写姓名和身份证号，再完成验证')
  })
})
