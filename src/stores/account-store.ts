// The person's account summary (balance, insurance type, region) and the state of loading it.
import { makeAutoObservable, runInAction } from 'mobx'
import type { AccountSummary } from '../../types/api/account'
import type { AccountApi } from '../services/api/account'
import { ApiError } from '../services/http'

export interface LoadError {
  code: string
  message: string
}

export class AccountStore {
  summary: AccountSummary | null = null
  loading = false
  error: LoadError | null = null

  // Bumped by reset(): an answer that arrives for an earlier session is dropped.
  private generation = 0

  constructor (readonly api: AccountApi) {
    makeAutoObservable<this, 'generation'>(this, { api: false, generation: false }, { autoBind: true })
  }

  /** The login is not tied to an insured person yet: binding, not a retry, helps. */
  get needsBinding (): boolean {
    return this.error?.code === 'binding_required'
  }

  /** The server wants a fresh identity check first: the way on is the verify page, not a retry. */
  get needsVerification (): boolean {
    return this.error?.code === 'verification_required'
  }

  get balanceFen (): number | null {
    return this.summary?.balanceFen ?? null
  }

  /** Loads unless a summary is already here or on its way. */
  ensureLoaded (): Promise<void> {
    if (this.summary || this.loading) return Promise.resolve()
    return this.load()
  }

  async load (): Promise<void> {
    const generation = this.generation
    this.loading = true
    this.error = null
    try {
      const summary = await this.api.getSummary()
      runInAction(() => {
        if (generation !== this.generation) return
        this.summary = summary
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.error = error instanceof ApiError
          ? { code: error.code, message: error.message }
          : { code: 'client_error', message: '账户信息暂时无法显示，请稍后重试' }
        // The server shows this data only after a fresh check (or a consent) now, so the screen stops showing its old copy.
        if (this.error.code === 'verification_required' || this.error.code === 'consent_required') this.summary = null
      })
    } finally {
      runInAction(() => {
        if (generation === this.generation) this.loading = false
      })
    }
  }

  /**
   * The session's verification window has ended (by this device's clock): the figure on screen goes, as on every
   * page that asks the server now, and the way on is 去验证. Nothing is requested: the server decides at the next read.
   */
  verificationLapsed (): void {
    if (!this.summary) return
    this.summary = null
    this.error = { code: 'verification_required', message: '为了保护您的信息，验证身份后才能继续查看账户。' }
  }

  reset (): void {
    this.generation++
    this.summary = null
    this.loading = false
    this.error = null
  }
}
