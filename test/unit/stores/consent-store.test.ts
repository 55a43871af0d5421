// ConsentStore (alone and wired in RootStore) with fake apis: the first run, agreeing and declining the privacy
// policy, recording it once a session exists, the separate sensitive consent holding the account back, a newer
// text on the server (reload and ask again), withdrawal, and WeChat's own privacy prompt.
import { ConsentStore, PRIVACY_STORAGE_KEY } from '../../../src/stores/consent-store'
import { RootStore } from '../../../src/stores/root-store'
import { SESSION_STORAGE_KEY } from '../../../src/stores/session-store'
import { ApiError } from '../../../src/services/http'
import type { PrivacyAnswer } from '../../../src/platform/privacy'
import { fakeApi, fakePlatform, loginResult } from './fakes'
import { ACCEPTED_AT, CONSENT_VERSION, bothAccepted, consentDocument, consentStatus, fakeConsentApi } from './consent-fakes'

const stored = (version = CONSENT_VERSION) => JSON.stringify({ version, acceptedAt: ACCEPTED_AT })
const neither = { items: [consentStatus('privacy', null), consentStatus('sensitive', null)] }

function setup (memory = new Map<string, string>()) {
  const api = fakeConsentApi()
  const { platform } = fakePlatform()
  platform.storage.get = jest.fn(async (key: string) => memory.get(key) ?? null)
  platform.storage.set = jest.fn(async (key: string, value: string) => { memory.set(key, value) })
  platform.storage.remove = jest.fn(async (key: string) => { memory.delete(key) })
  return { api, memory, store: new ConsentStore(api, platform.storage, 'weapp') }
}

describe('ConsentStore: the privacy policy before login', () => {
  it('first run: nothing stored, so the dialog shows with the server\'s text; no session is asked about', async () => {
    const { api, store } = setup()
    expect(store.showPrivacyDialog).toBe(false) // storage not read yet: nobody knows
    await store.prepare()
    expect(store.localRead).toBe(true)
    expect(store.privacyAccepted).toBe(false)
    expect(store.showPrivacyDialog).toBe(true)
    expect(store.privacyDocument?.title).toBe('《隐私政策》')
    expect(api.getDocuments).toHaveBeenCalledTimes(1)
    expect(api.getStatus).not.toHaveBeenCalled()
  })

  it('同意并继续 keeps the version shown on this device; the next run asks nothing and fetches nothing', async () => {
    const { api, memory, store } = setup()
    await store.prepare()
    await store.agreePrivacy()
    expect(store.privacyAccepted).toBe(true)
    expect(store.showPrivacyDialog).toBe(false)
    expect(JSON.parse(memory.get(PRIVACY_STORAGE_KEY)!)).toMatchObject({ version: CONSENT_VERSION })
    expect(api.accept).not.toHaveBeenCalled() // no session yet: recorded on the server after login

    const next = new ConsentStore(api, { get: async (k) => memory.get(k) ?? null, set: async () => undefined, remove: async () => undefined }, 'h5')
    api.getDocuments.mockClear()
    await next.prepare()
    expect(next.privacyAccepted).toBe(true)
    expect(next.showPrivacyDialog).toBe(false)
    expect(api.getDocuments).not.toHaveBeenCalled()
  })

  it('不同意 closes the dialog but not the door: login stays closed until the person reads and agrees', async () => {
    const { store } = setup()
    await store.prepare()
    store.disagreePrivacy()
    expect(store.privacyDeclined).toBe(true)
    expect(store.showPrivacyDialog).toBe(false)
    expect(store.privacyAccepted).toBe(false)
    store.reconsiderPrivacy()
    expect(store.showPrivacyDialog).toBe(true)
    await store.agreePrivacy()
    expect(store.privacyAccepted).toBe(true)
    expect(store.privacyDeclined).toBe(false)
  })

  it('the text cannot be fetched: the dialog says so in Chinese, and 重试 fetches again', async () => {
    const { api, store } = setup()
    api.getDocuments.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await store.prepare()
    expect(store.showPrivacyDialog).toBe(true)
    expect(store.documentsError).toBe('网络连接失败，请检查网络后重试')
    await store.agreePrivacy() // nothing was shown, so nothing can be agreed to
    expect(store.privacyAccepted).toBe(false)
    await store.loadDocuments()
    expect(store.documentsError).toBeNull()
    expect(store.privacyDocument).not.toBeNull()
  })
})

describe('ConsentStore: a session', () => {
  it('records the privacy version agreed before login when the server says it is not yet recorded, once', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    api.getStatus.mockResolvedValueOnce(neither)
    await store.loadStatus()
    expect(api.accept).toHaveBeenCalledTimes(1)
    expect(api.accept).toHaveBeenCalledWith({ document: 'privacy', version: CONSENT_VERSION, channel: 'weapp' })
    expect(store.status?.find((s) => s.document === 'privacy')?.acceptedAt).toBe(ACCEPTED_AT)
    // The sensitive consent is separate: not implied, and its text is fetched for the panel.
    expect(store.sensitiveAccepted).toBe(false)
    expect(store.mayShowAccount).toBe(false)
    expect(store.sensitiveDocument?.title).toBe('《敏感个人信息处理授权书》')
    await store.loadStatus()
    expect(api.accept).toHaveBeenCalledTimes(1)
  })

  it('a consent given on another device is adopted here: no dialog for this person', async () => {
    const { api, memory, store } = setup()
    api.getStatus.mockResolvedValueOnce({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await store.loadStatus()
    expect(store.privacyAccepted).toBe(true)
    expect(store.showPrivacyDialog).toBe(false)
    expect(JSON.parse(memory.get(PRIVACY_STORAGE_KEY)!).version).toBe(CONSENT_VERSION)
    expect(api.accept).not.toHaveBeenCalled()
  })

  it('the sensitive consent: 暂不同意 records nothing; 同意 records the version shown and opens the account', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    api.getStatus.mockResolvedValueOnce({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await store.loadStatus()
    store.declineSensitive()
    expect(store.sensitiveDeclined).toBe(true)
    expect(store.accountBlocked).toContain('单独同意')
    store.reconsiderSensitive()
    await expect(store.agreeSensitive()).resolves.toBe(true)
    expect(api.accept).toHaveBeenLastCalledWith({ document: 'sensitive', version: CONSENT_VERSION, channel: 'weapp' })
    expect(store.sensitiveAccepted).toBe(true)
    expect(store.mayShowAccount).toBe(true)
    expect(store.accountBlocked).toBeNull()
  })

  it('同意 answered while the standing is still being read: the older reading does not undo the agreement', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    let answer!: (list: { items: ReturnType<typeof consentStatus>[] }) => void
    api.getStatus.mockImplementationOnce(() => new Promise((resolve) => { answer = resolve }))
    await store.loadDocuments()
    const reading = store.loadStatus() // read for a new holder (a binding); the panel is still on screen from before
    await expect(store.agreeSensitive()).resolves.toBe(true)
    // The reading was answered before the agreement was recorded, and arrives after it.
    answer({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await reading
    expect(store.sensitiveAccepted).toBe(true)
    expect(store.privacyAccepted).toBe(true)
    expect(store.mayShowAccount).toBe(true)
  })

  it('a newer text on the server (409 consent_outdated): says so, fetches both again, and asks with the new text', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    api.getStatus.mockResolvedValueOnce({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await store.loadStatus()
    api.accept.mockRejectedValueOnce(new ApiError(409, 'consent_outdated', '隐私政策或授权书已经更新，请重新打开小程序，阅读新的内容后再同意'))
    api.getDocuments.mockResolvedValueOnce({ items: [consentDocument('privacy'), consentDocument('sensitive', '2027-01-01')] })
    api.getStatus.mockResolvedValueOnce({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null, '2027-01-01')] })
    await expect(store.agreeSensitive()).resolves.toBe(false)
    expect(store.error).toBe('授权书内容已经更新，请阅读更新后的内容，再决定是否同意')
    expect(api.getDocuments).toHaveBeenCalledTimes(2)
    expect(store.sensitiveDocument?.version).toBe('2027-01-01')
    await store.agreeSensitive()
    expect(api.accept).toHaveBeenLastCalledWith({ document: 'sensitive', version: '2027-01-01', channel: 'weapp' })
  })

  it('the privacy policy changed since it was agreed here: the dialog asks again, saying it was updated', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored('2025-01-01')]]))
    api.getStatus.mockResolvedValueOnce(neither)
    await store.loadStatus()
    expect(api.accept).not.toHaveBeenCalled() // the old version is not recorded as if it were the new one
    expect(store.privacyAccepted).toBe(false)
    expect(store.privacyUpdated).toBe(true)
    expect(store.showPrivacyDialog).toBe(true)
    await store.agreePrivacy()
    expect(api.accept).toHaveBeenCalledWith({ document: 'privacy', version: CONSENT_VERSION, channel: 'weapp' })
  })

  it('withdrawing: the server records it and the privacy policy is forgotten on this device too', async () => {
    const { api, memory, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    await store.loadStatus()
    expect(store.mayShowAccount).toBe(true)
    await expect(store.withdraw('sensitive')).resolves.toBe(true)
    expect(api.withdraw).toHaveBeenCalledWith('sensitive')
    expect(store.mayShowAccount).toBe(false)
    await store.withdraw('privacy')
    expect(memory.has(PRIVACY_STORAGE_KEY)).toBe(false)
    expect(store.privacyAccepted).toBe(false)
  })

  it('the standing cannot be read: the reason is kept for the page, and a retry asks again', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    api.getStatus.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务繁忙，请稍后再试'))
    await store.ensureStatus()
    expect(store.statusError).toBe('服务繁忙，请稍后再试')
    expect(store.accountBlocked).toBe('服务繁忙，请稍后再试')
    await store.loadStatus()
    expect(store.statusError).toBeNull()
    expect(store.mayShowAccount).toBe(true)
  })
})

describe('ConsentStore: the server refuses account data (403 consent_required)', () => {
  it('withdrawn on another device: the standing is read again, the panel\'s text is fetched, the account is held back', async () => {
    const { api, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    await store.loadStatus()
    expect(store.mayShowAccount).toBe(true)
    api.getStatus.mockResolvedValue({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    // Several reads refused at once: one reading of the standing.
    await Promise.all([store.recheck(), store.recheck()])
    expect(api.getStatus).toHaveBeenCalledTimes(2)
    expect(store.sensitiveAccepted).toBe(false)
    expect(store.mayShowAccount).toBe(false)
    expect(store.accountBlocked).toContain('单独同意')
    expect(store.sensitiveDocument?.title).toBe('《敏感个人信息处理授权书》')
    await expect(store.agreeSensitive()).resolves.toBe(true)
    expect(store.mayShowAccount).toBe(true)
  })

  it('a privacy policy the server no longer holds is asked for again, not recorded again from this device\'s old agreement', async () => {
    const { api, memory, store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    await store.loadStatus()
    api.getStatus.mockResolvedValue(neither)
    await store.recheck()
    expect(api.accept).not.toHaveBeenCalled()
    expect(store.privacyAccepted).toBe(false)
    expect(memory.has(PRIVACY_STORAGE_KEY)).toBe(false)
    expect(store.showPrivacyDialog).toBe(true)
    expect(store.privacyDocument).not.toBeNull()
    expect(store.accountBlocked).toContain('《隐私政策》')
    // Agreed again: recorded at once, for this session.
    await store.agreePrivacy()
    expect(api.accept).toHaveBeenCalledWith({ document: 'privacy', version: CONSENT_VERSION, channel: 'weapp' })
    // A new session goes back to the usual way: an agreement made on this device is recorded.
    store.resetSession()
    api.accept.mockClear()
    await store.loadStatus()
    expect(api.accept).toHaveBeenCalledWith({ document: 'privacy', version: CONSENT_VERSION, channel: 'weapp' })
  })
})

describe('ConsentStore: WeChat\'s privacy prompt', () => {
  it('opens the dialog even after the policy was agreed; the tap agrees here, WeChat\'s agree event resolves', async () => {
    const { store } = setup(new Map([[PRIVACY_STORAGE_KEY, stored()]]))
    await store.prepare()
    expect(store.showPrivacyDialog).toBe(false)
    const answers: PrivacyAnswer[] = []
    store.platformAsks({ referrer: 'getLocation', resolve: (a) => answers.push(a) })
    expect(store.showPrivacyDialog).toBe(true)
    store.platformDialogShown()
    store.platformDialogShown()
    expect(answers).toEqual([{ event: 'exposureAuthorization' }])

    await store.agreePrivacy() // the tap: the dialog waits for the open-type button's own event
    expect(store.showPrivacyDialog).toBe(true)
    await store.agreePrivacy('privacy-agree-btn')
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree-btn' }])
    expect(store.showPrivacyDialog).toBe(false)
  })

  it('不同意 tells WeChat so (the held call fails) and, on a first run, keeps login closed', async () => {
    const { store } = setup()
    await store.prepare()
    const answers: PrivacyAnswer[] = []
    store.platformAsks({ referrer: 'getLocation', resolve: (a) => answers.push(a) })
    store.platformAsks({ referrer: 'chooseImage', resolve: (a) => answers.push(a) })
    store.disagreePrivacy()
    expect(answers).toEqual([{ event: 'disagree' }, { event: 'disagree' }])
    expect(store.platformAsking).toBe(false)
    expect(store.privacyDeclined).toBe(true)
  })
})

describe('RootStore wiring of the consents', () => {
  function root (status = neither) {
    const api = fakeApi(); const { platform, memory } = fakePlatform(null)
    api.consent.getStatus.mockResolvedValue(status)
    return { api, memory, root: new RootStore(api, platform) }
  }

  it('after login: the privacy policy agreed before is recorded (channel h5 here), and no account is read before the sensitive consent', async () => {
    const { api, memory, root: r } = root()
    await r.consent.prepare()
    await r.consent.agreePrivacy()
    expect(api.consent.accept).not.toHaveBeenCalled()

    await r.session.loginWithSms('13812345678', '123456')
    await r.showAccount()
    expect(api.consent.accept).toHaveBeenCalledWith({ document: 'privacy', version: CONSENT_VERSION, channel: 'h5' })
    expect(api.account.getSummary).not.toHaveBeenCalled()
    expect(r.account.summary).toBeNull()

    api.consent.getStatus.mockResolvedValue({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', ACCEPTED_AT)] })
    await r.consent.agreeSensitive()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(api.account.getSummary).toHaveBeenCalledTimes(1)
    expect(r.account.summary).not.toBeNull()
    expect(memory.has(SESSION_STORAGE_KEY)).toBe(true)
    r.dispose()
  })

  it('a read refused for want of consent: the summary goes, the panel\'s state returns, and 同意 loads the account again', async () => {
    const { api, memory, root: r } = root(bothAccepted)
    memory.set(SESSION_STORAGE_KEY, JSON.stringify(loginResult))
    memory.set(PRIVACY_STORAGE_KEY, stored())
    await r.showAccount()
    expect(r.account.summary).not.toBeNull()

    // Withdrawn on another device: the next read is refused, and the http client's hook tells the root.
    api.consent.getStatus.mockResolvedValue({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    api.account.getSummary.mockRejectedValueOnce(new ApiError(403, 'consent_required', '需要您同意《敏感个人信息处理授权书》后才能查看医保账户信息，请在弹出的说明中阅读并同意'))
    await r.account.load()
    await Promise.all([r.consentRequired(), r.consentRequired()])
    expect(r.account.summary).toBeNull()
    expect(api.consent.getStatus).toHaveBeenCalledTimes(2)
    expect(r.consent.sensitiveAccepted).toBe(false)
    expect(r.consent.mayShowAccount).toBe(false)
    expect(api.account.getSummary).toHaveBeenCalledTimes(2)

    await r.consent.agreeSensitive()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(api.account.getSummary).toHaveBeenCalledTimes(3)
    expect(r.account.summary).not.toBeNull()
    expect(r.account.error).toBeNull()
    r.dispose()
  })

  it('a binding (same token, now the person\'s) reads the standing again: the person\'s, not the identity\'s', async () => {
    const { api, memory, root: r } = root({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', ACCEPTED_AT)] })
    memory.set(SESSION_STORAGE_KEY, JSON.stringify({ ...loginResult, bound: false, verifiedUntil: null }))
    await r.session.restore()
    await r.consent.ensureStatus()
    expect(api.consent.getStatus).toHaveBeenCalledTimes(1)
    api.consent.getStatus.mockResolvedValue({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await r.session.markBound('2099-01-01T01:00:00.000Z')
    await r.consent.ensureStatus()
    expect(api.consent.getStatus).toHaveBeenCalledTimes(2)
    expect(r.consent.sensitiveAccepted).toBe(false)
    r.dispose()
  })

  it('another session reads its own standing: the previous person\'s consent is not carried over', async () => {
    const { api, memory, root: r } = root({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', ACCEPTED_AT)] })
    memory.set(SESSION_STORAGE_KEY, JSON.stringify(loginResult))
    memory.set(PRIVACY_STORAGE_KEY, stored())
    await r.showAccount()
    expect(r.consent.mayShowAccount).toBe(true)
    expect(api.account.getSummary).toHaveBeenCalledTimes(1)

    await r.session.logout()
    expect(r.consent.status).toBeNull()
    api.consent.getStatus.mockResolvedValue({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await r.session.loginWithSms('13812345678', '123456')
    await r.showAccount()
    expect(r.consent.sensitiveAccepted).toBe(false)
    expect(api.account.getSummary).toHaveBeenCalledTimes(1)
    r.dispose()
  })
})
