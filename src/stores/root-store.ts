// Wires the domain stores together around one api and one platform adapter (tests pass fakes of both).
import { reaction, type IReactionDisposer } from 'mobx'
import type { Api } from '../services/api/create-api'
import { errorReport } from '../utils/error-report'
import type { PlatformAdapter } from '../platform/types'
import { AccountStore } from './account-store'
import { ConsentStore } from './consent-store'
import { EntryStore } from './entry-store'
import { DisplayStore } from './display-store'
import { SessionStore, type SessionClock } from './session-store'

/** What a store created on demand may have: forgotten on every new token, stopped with the root. */
interface FeatureStore { reset?: () => void; dispose?: () => void }

export class RootStore {
  readonly session: SessionStore
  readonly account: AccountStore
  readonly consent: ConsentStore
  /** How the person arrived (QR code, share card, another app, the scanner): the access log's scene, 首页's sentence. */
  readonly entry = new EntryStore()
  /** 长辈模式: the platform's text size, then the person's own choice. */
  readonly display: DisplayStore
  private readonly disposers: IReactionDisposer[] = []
  private readonly features = new Map<string, FeatureStore>()
  private recheckingConsent: Promise<void> | null = null

  /** For stores a subpackage page creates itself (they then stay out of the main package). */
  readonly api: Api
  readonly platform: PlatformAdapter
  readonly clock: SessionClock | undefined

  constructor (api: Api, platform: PlatformAdapter, clock?: SessionClock) {
    this.api = api
    this.platform = platform
    this.clock = clock
    this.session = new SessionStore(api.auth, platform, clock)
    this.account = new AccountStore(api.account)
    this.display = new DisplayStore(platform.preferences, platform.fontSize ?? (() => null))
    // Where consent is given: this build's platform (its one-tap login names it; none means the browser).
    this.consent = new ConsentStore(api.consent, platform.preferences, platform.loginPlatform === 'wechat' ? 'weapp' : platform.loginPlatform ?? 'h5')
    // Consents belong to the session's holder (the platform identity, then the person once bound, on the same token):
    // a new holder's standing is read afresh, and a privacy policy agreed before login is recorded then. A consent
    // given on the page (not the first reading of the standing, which showAccount waits for itself) lets the account
    // it was holding back load.
    this.disposers.push(reaction(() => this.session.token ? `${this.session.token}:${this.session.bound}` : null, (holder) => {
      this.consent.resetSession()
      if (holder) void this.consent.loadStatus()
    }))
    this.disposers.push(reaction(() => this.consent.mayShowAccount, (may) => {
      if (may && this.session.signedIn && !this.consent.statusLoading) void this.account.ensureLoaded()
    }))
    // Another token (login, logout, expiry) means another person's data may be shown: forget the old one.
    this.disposers.push(reaction(() => this.session.token, () => {
      this.account.reset()
      this.features.forEach((store) => store.reset?.())
    }))
  }

  /**
   * A store that only subpackage pages use (身份验证, 忘记密码, …), created on first use by that page, so that its
   * code is bundled with the subpackage and not the main package. One per key for the life of the root.
   */
  feature<T extends FeatureStore> (key: string, create: () => T): T {
    let store = this.features.get(key) as T | undefined
    if (!store) {
      store = create()
      this.features.set(key, store)
    }
    return store
  }

  /**
   * A page failed to draw (its error boundary caught `error`): tell the server's log, without personal data
   * (utils/error-report). Fire and forget — a failed report changes nothing for the person.
   */
  reportPageError (error: unknown, route: string): void {
    this.api.clientErrors.report(errorReport(error, route, 'render')).catch(() => undefined)
  }

  /** A reaction a feature store's creator sets up, stopped with the root. */
  addDisposer (dispose: IReactionDisposer): void {
    this.disposers.push(dispose)
  }

  /**
   * What every account page does on show, and again after a verification: read the stored session back, then
   * load the summary if signed in. `refresh` asks for the current figure even when one is already here (the
   * page the person opened on purpose). An error from before (verification due) is never kept: no summary means
   * a new load.
   */
  async showAccount ({ refresh = false }: { refresh?: boolean } = {}): Promise<void> {
    await this.session.restore()
    if (!this.session.signedIn) return
    // No account data is read before the holder's separate consent to it (the page then shows the consent panel).
    await this.consent.ensureStatus()
    if (!this.consent.mayShowAccount) return
    if (refresh && !this.account.loading) await this.account.load()
    else await this.account.ensureLoaded()
  }

  /**
   * The server refused account data for want of consent (withdrawn on another device, a new text in force, or a
   * privacy agreement that never reached it): this session's standing is read again, so 首页 shows the consent panel
   * (and the other pages say so) until it is given; 同意 then loads the account again (the reaction above). The
   * refusals of several reads at once share one reading.
   */
  consentRequired (): Promise<void> {
    this.recheckingConsent ??= this.consent.recheck().finally(() => { this.recheckingConsent = null })
    return this.recheckingConsent
  }

  dispose (): void {
    this.disposers.forEach((dispose) => dispose())
    this.session.dispose()
    this.features.forEach((store) => store.dispose?.())
  }
}
