// AccountStore and RootStore with a fake api: loading, errors in words, and forgetting data on a new session.
import { autorun } from 'mobx'
import { AccountStore } from '../../../src/stores/account-store'
import { RootStore } from '../../../src/stores/root-store'
import { ApiError } from '../../../src/services/http'
import { employeeSummary, fakeApi, fakePlatform } from './fakes'

describe('AccountStore', () => {
  it('loads the summary; autorun sees loading, then the balance', async () => {
    const api = fakeApi()
    const store = new AccountStore(api.account)
    const seen: Array<[boolean, number | null]> = []
    const stop = autorun(() => { seen.push([store.loading, store.balanceFen]) })
    await store.load()
    expect(seen).toEqual([[false, null], [true, null], [true, 123456], [false, 123456]])
    expect(store.summary).toEqual(employeeSummary)
    expect(store.error).toBeNull()
    stop()
  })

  it('keeps the server message and code when loading fails, and retries cleanly', async () => {
    const api = fakeApi()
    api.account.getSummary.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    const store = new AccountStore(api.account)
    await store.load()
    expect(store.error).toEqual({ code: 'service_unavailable', message: '服务暂时不可用，请稍后重试' })
    expect(store.loading).toBe(false)
    await store.load()
    expect(store.error).toBeNull()
    expect(store.balanceFen).toBe(123456)
  })

  it('needsBinding only for binding_required, needsVerification only for verification_required', async () => {
    const api = fakeApi()
    const store = new AccountStore(api.account)
    const cases = [['binding_required', true, false], ['verification_required', false, true], ['service_unavailable', false, false]] as const
    for (const [code, login, verify] of cases) {
      api.account.getSummary.mockRejectedValueOnce(new ApiError(403, code, '…'))
      await store.load()
      expect(store.needsBinding).toBe(login)
      expect(store.needsVerification).toBe(verify)
    }
    await store.load()
    expect(store.needsBinding).toBe(false)
    expect(store.needsVerification).toBe(false)
  })

  it('verification due on a reload: the old summary is no longer shown', async () => {
    const api = fakeApi()
    const store = new AccountStore(api.account)
    await store.load()
    expect(store.balanceFen).toBe(123456)
    api.account.getSummary.mockRejectedValueOnce(new ApiError(403, 'verification_required', '为保护您的医保信息，请先完成身份验证'))
    await store.load()
    expect(store.summary).toBeNull()
    // Any other failure keeps what was shown: it is still the person's own, still allowed, figure.
    await store.load()
    api.account.getSummary.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    await store.load()
    expect(store.balanceFen).toBe(123456)
  })

  it('the verification window ends: the figure goes, 去验证 is the way on, and nothing is requested', async () => {
    const api = fakeApi()
    const store = new AccountStore(api.account)
    store.verificationLapsed() // nothing shown yet: nothing to take away, no error either
    expect(store.error).toBeNull()
    await store.load()
    const calls = (api.account.getSummary as jest.Mock).mock.calls.length
    store.verificationLapsed()
    expect(store.summary).toBeNull()
    expect(store.needsVerification).toBe(true)
    expect(store.error?.message).toMatch(/验证身份后才能继续查看/)
    expect((api.account.getSummary as jest.Mock).mock.calls.length).toBe(calls)
  })

  it('ensureLoaded does not ask twice', async () => {
    const api = fakeApi()
    const store = new AccountStore(api.account)
    await Promise.all([store.ensureLoaded(), store.ensureLoaded()])
    await store.ensureLoaded()
    expect(api.account.getSummary).toHaveBeenCalledTimes(1)
  })

  it('drops an answer that arrives after reset', async () => {
    const api = fakeApi()
    let answer!: (value: typeof employeeSummary) => void
    api.account.getSummary.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))
    const store = new AccountStore(api.account)
    const loading = store.load()
    store.reset()
    answer(employeeSummary)
    await loading
    expect(store.summary).toBeNull()
    expect(store.loading).toBe(false)
  })
})

describe('RootStore', () => {
  it('forgets the account when the session changes', async () => {
    const api = fakeApi()
    const root = new RootStore(api, fakePlatform().platform)
    await root.session.loginWithSms('13812345678', '123456')
    await root.account.load()
    expect(root.account.balanceFen).toBe(123456)
    await root.session.logout()
    expect(root.account.summary).toBeNull()
    root.dispose()
  })
})
