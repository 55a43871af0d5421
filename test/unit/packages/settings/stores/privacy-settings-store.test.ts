// PrivacySettingsStore wired to a RootStore with fake apis: the two consents with their versions and China times,
// signed out (this device's answer only), rereading, the confirmation and its words, withdrawing the sensitive consent
// (account data stops and is forgotten), withdrawing the privacy policy (forgotten here, signed out), and a failure.
import { RootStore } from '../../../../../src/stores/root-store'
import { PRIVACY_STORAGE_KEY } from '../../../../../src/stores/consent-store'
import { SESSION_STORAGE_KEY } from '../../../../../src/stores/session-store'
import { ApiError } from '../../../../../src/services/http'
import { PrivacySettingsStore } from '../../../../../src/packages/settings/stores/privacy-settings-store'
import { fakeApi, fakePlatform, loginResult } from '../../../stores/fakes'
import { ACCEPTED_AT, CONSENT_VERSION, consentStatus } from '../../../stores/consent-fakes'

function setup ({ signedIn = true } = {}) {
  const api = fakeApi(); const { platform, memory } = fakePlatform()
  memory.set(PRIVACY_STORAGE_KEY, JSON.stringify({ version: CONSENT_VERSION, acceptedAt: ACCEPTED_AT }))
  if (signedIn) memory.set(SESSION_STORAGE_KEY, JSON.stringify(loginResult))
  const root = new RootStore(api, platform)
  const store = new PrivacySettingsStore(root.consent, root.session, root.account)
  return { api, memory, root, store }
}

describe('PrivacySettingsStore', () => {
  it('signed in: both consents with the version in force and the time each was given, in China time', async () => {
    const { store, root } = setup()
    expect(store.loading).toBe(true)
    await store.open()
    expect(store.loading).toBe(false)
    // ACCEPTED_AT is 03:00 UTC: 11:00 in Beijing.
    expect(store.rows.map((r) => [r.document, r.title, r.version, r.given, r.withdrawable, r.agreeOnHome])).toEqual([
      ['privacy', '《隐私政策》', CONSENT_VERSION, '2026年11月20日 11:00', true, false],
      ['sensitive', '《敏感个人信息处理授权书》', CONSENT_VERSION, '2026年11月20日 11:00', true, false],
    ])
    expect(store.rows.every((r) => r.sections && r.sections.length > 0)).toBe(true)
    root.dispose()
  })

  it('signed out: this device\'s answer only, no withdrawal offered, the texts still to read; nothing personal asked', async () => {
    const { api, store, root } = setup({ signedIn: false })
    await store.open()
    expect(store.signedIn).toBe(false)
    expect(api.consent.getStatus).not.toHaveBeenCalled()
    expect(store.rows.map((r) => [r.document, r.given, r.withdrawable, r.agreeOnHome])).toEqual([
      ['privacy', '已在这台手机上同意，登录后显示时间', false, false],
      ['sensitive', '登录后可以查看', false, false],
    ])
    store.toggleReading('privacy')
    expect(store.reading).toBe('privacy')
    store.toggleReading('privacy')
    expect(store.reading).toBeNull()
    root.dispose()
  })

  it('the confirmation says what stops, that what was made stays, and that one can agree again; 暂不撤回 changes nothing', async () => {
    const { api, store, root } = setup()
    await store.open()
    store.askWithdraw('sensitive')
    const c = store.confirmation!
    expect(c.title).toBe('撤回敏感信息授权？')
    expect(c.lines.join('')).toMatch(/停止读取.*余额.*缴费.*报销/)
    expect(c.lines.join('')).toContain('已经产生的记录仍然保留')
    expect(c.lines.join('')).toContain('重新阅读并同意')
    expect([c.confirm, c.cancel]).toEqual(['确认撤回', '暂不撤回'])
    store.cancelWithdraw()
    expect(store.confirmation).toBeNull()
    expect(api.consent.withdraw).not.toHaveBeenCalled()
    root.dispose()
  })

  it('withdrawing the sensitive consent: recorded by the server, the account summary is forgotten and held back, 首页 asks again', async () => {
    const { api, store, root } = setup()
    await root.showAccount()
    expect(root.account.summary).not.toBeNull()
    await store.open()
    store.askWithdraw('sensitive')
    await expect(store.confirmWithdraw()).resolves.toBe('withdrawn')
    expect(api.consent.withdraw).toHaveBeenCalledWith('sensitive')
    expect(root.account.summary).toBeNull()
    expect(root.consent.mayShowAccount).toBe(false)
    expect(root.consent.accountBlocked).toContain('单独同意')
    expect(root.session.signedIn).toBe(true)
    expect(store.confirmation).toBeNull()
    expect(store.notice).toContain('不再读取和显示您的医保信息')
    const sensitive = store.rows.find((r) => r.document === 'sensitive')!
    expect([sensitive.given, sensitive.accepted, sensitive.withdrawable, sensitive.agreeOnHome]).toEqual(['目前没有同意', false, false, true])
    // A second showing of an account page reads nothing.
    await root.showAccount()
    expect(api.account.getSummary).toHaveBeenCalledTimes(1)
    root.dispose()
  })

  it('withdrawing the privacy policy: recorded, forgotten on this device, signed out here; the dialog will ask again', async () => {
    const { api, memory, store, root } = setup()
    await store.open()
    store.askWithdraw('privacy')
    expect(store.confirmation?.confirm).toBe('撤回并退出登录')
    expect(store.confirmation?.lines.join('')).toContain('退出登录')
    await expect(store.confirmWithdraw()).resolves.toBe('signed-out')
    expect(api.consent.withdraw).toHaveBeenCalledWith('privacy')
    expect(api.auth.logout).toHaveBeenCalledTimes(1)
    expect(root.session.signedIn).toBe(false)
    expect(memory.has(SESSION_STORAGE_KEY)).toBe(false)
    expect(memory.has(PRIVACY_STORAGE_KEY)).toBe(false)
    expect(root.consent.privacyAccepted).toBe(false)
    expect(root.consent.showPrivacyDialog).toBe(true)
    root.dispose()
  })

  it('a withdrawal that fails keeps the question open with the reason, and nothing is forgotten', async () => {
    const { api, store, root } = setup()
    await root.showAccount()
    await store.open()
    api.consent.withdraw.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务繁忙，请稍后再试'))
    store.askWithdraw('sensitive')
    await expect(store.confirmWithdraw()).resolves.toBeNull()
    expect(store.confirmation?.document).toBe('sensitive')
    expect(store.error).toBe('服务繁忙，请稍后再试')
    expect(store.withdrawing).toBe(false)
    expect(root.account.summary).not.toBeNull()
    expect(root.consent.mayShowAccount).toBe(true)
    // Tried again, it goes through.
    await expect(store.confirmWithdraw()).resolves.toBe('withdrawn')
    expect(store.error).toBeNull()
    expect(root.consent.error).toBeNull()
    root.dispose()
  })

  it('only a consent that is given can be withdrawn', async () => {
    const { api, store, root } = setup()
    api.consent.getStatus.mockResolvedValueOnce({ items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', null)] })
    await store.open()
    store.askWithdraw('sensitive')
    expect(store.confirmation).toBeNull()
    expect(store.rows.find((r) => r.document === 'sensitive')?.agreeOnHome).toBe(true)
    root.dispose()
  })
})
