// Wires the domain stores together around one api and one platform adapter (tests pass fakes of both).
import { reaction, type IReactionDisposer } from 'mobx'
import type { Api } from '../services/api/create-api'
import type { PlatformAdapter } from '../platform/types'
import { AccountStore } from './account-store'
import { PasswordResetStore } from './password-reset-store'
import { SessionStore, type SessionClock } from './session-store'

export class RootStore {
  readonly session: SessionStore
  readonly account: AccountStore
  readonly passwordReset: PasswordResetStore
  private readonly disposers: IReactionDisposer[] = []

  constructor (api: Api, platform: PlatformAdapter, clock?: SessionClock) {
    this.session = new SessionStore(api.auth, platform, clock)
    this.account = new AccountStore(api.account)
    this.passwordReset = new PasswordResetStore(api.auth, clock)
    // Another token (login, logout, expiry) means another person's data may be shown: forget the old one.
    this.disposers.push(reaction(() => this.session.token, () => this.account.reset()))
    // A new password also lifts the lock: 登录 must not keep showing the old lockout sentence.
    this.disposers.push(reaction(() => this.passwordReset.done, (done) => { if (done) this.session.clearError() }))
  }

  /** What every account page does on show: read the stored session back, then load the summary if signed in. */
  async showAccount (): Promise<void> {
    await this.session.restore()
    if (this.session.signedIn) await this.account.ensureLoaded()
  }

  dispose (): void {
    this.disposers.forEach((dispose) => dispose())
    this.session.dispose()
    this.passwordReset.dispose()
  }
}
