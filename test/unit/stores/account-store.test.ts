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

  it('needsLogin only for binding_required and verification_required', async () => {
    const api = fakeApi()
    const store = new AccountStore(api.account)
    for (const [code, expected] of [['binding_required', true], ['verification_required', true], ['service_unavailable', false]] as const) {
      api.account.getSummary.mockRejectedValueOnce(new ApiError(403, code, '…'))
      await store.load()
      expect(store.needsLogin).toBe(expected)
    }
    await store.load()
    expect(store.needsLogin).toBe(false)
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
