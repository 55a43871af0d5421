// 隐私与授权: each consent with its version and when it was given (China time), its text to reread, and withdrawal
// after a confirmation that says what stops, what stays and how to agree again. The consents themselves are the
// main package's ConsentStore; this store holds the page's own state and the words it shows.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ConsentDocument, ConsentDocumentName } from '../../../../types/api/consent'
import type { ConsentStore } from '../../../stores/consent-store'
import { formatDateTimeShort } from '../../../utils/date'

/** What this page needs of the session: whether someone is signed in, and signing out on this device. */
export interface SettingsSession {
  readonly restored: boolean
  readonly signedIn: boolean
  restore (): Promise<void>
  logout (): Promise<void>
}

/** One consent as the page shows it. */
export interface ConsentRow {
  document: ConsentDocumentName
  /** 《隐私政策》 */
  title: string
  /** What agreeing to it allows, in a sentence. */
  purpose: string
  /** The version in force, as the server names it (2026-12-07). */
  version: string
  /** When it was given (2026年12月7日 14:05), or why no time is shown (目前没有同意, 登录后可以查看). */
  given: string
  accepted: boolean
  /** It can be withdrawn here (given, and signed in, so that the server records the withdrawal). */
  withdrawable: boolean
  /** Not given while signed in: it is given again on 首页 (the sensitive-information panel, or the privacy dialog). */
  agreeOnHome: boolean
  /** The full text, once the texts are here. */
  sections: ConsentDocument['sections'] | null
}

/** The confirmation before a withdrawal: its title, what it says, and its two answers. */
export interface WithdrawConfirmation {
  document: ConsentDocumentName
  title: string
  lines: string[]
  confirm: string
  cancel: string
}

const ORDER: readonly ConsentDocumentName[] = ['privacy', 'sensitive']
const TITLES: Readonly<Record<ConsentDocumentName, string>> = { privacy: '《隐私政策》', sensitive: '《敏感个人信息处理授权书》' }
const PURPOSES: Readonly<Record<ConsentDocumentName, string>> = {
  privacy: '登录和使用本小程序的基本约定：收集哪些信息、用来做什么、怎样保护。',
  sensitive: '允许我们读取，并只向您本人显示医保账户余额、缴费、就医费用和报销记录。',
}

const CONFIRMATIONS: Readonly<Record<ConsentDocumentName, Omit<WithdrawConfirmation, 'document'>>> = {
  sensitive: {
    title: '撤回敏感信息授权？',
    lines: [
      '撤回后，我们马上停止读取您的医保信息：这里不再显示账户余额、缴费、就医费用和报销记录，您分享给家人的报销进度也会失效。',
      '已经产生的记录仍然保留：您的医保账户、缴费和报销本身不受影响，以前的查看记录也不会删除。',
      '以后想再查看，回到首页重新阅读并同意就可以。',
    ],
    confirm: '确认撤回',
    cancel: '暂不撤回',
  },
  privacy: {
    title: '撤回同意《隐私政策》？',
    lines: [
      '撤回后，这台手机会马上退出登录，您将不能登录和查看医保信息，分享给家人的报销进度也会失效。',
      '已经产生的记录仍然保留：您的医保账户、缴费和报销本身不受影响，以前的查看记录也不会删除。',
      '以后想再使用，重新阅读并同意《隐私政策》后登录就可以。',
    ],
    confirm: '撤回并退出登录',
    cancel: '暂不撤回',
  },
}

const WITHDRAW_FALLBACK = '没有撤回成功，请稍后重试'

/** What a confirmed withdrawal led to: the page stays (sensitive), or the person is signed out here (privacy). */
export type WithdrawOutcome = 'withdrawn' | 'signed-out' | null

export class PrivacySettingsStore {
  /** The document whose full text is open, or null. */
  reading: ConsentDocumentName | null = null
  /** The withdrawal being confirmed, or null. */
  confirming: ConsentDocumentName | null = null
  withdrawing = false
  /** Why the last withdrawal did not go through, in words for the person. */
  error: string | null = null
  /** What the last withdrawal did. */
  notice: string | null = null

  constructor (
    private readonly consent: ConsentStore,
    private readonly session: SettingsSession,
    /** The account summary kept in memory: forgotten once it may no longer be shown. */
    private readonly account: { reset (): void },
  ) {
    makeAutoObservable<this, 'consent' | 'session' | 'account'>(this, { consent: false, session: false, account: false }, { autoBind: true })
  }

  /** The session is read back and, when signed in, its standing; the texts are fetched meanwhile. */
  async open (): Promise<void> {
    const texts = this.consent.loadDocuments()
    await Promise.all([this.session.restore(), this.consent.readLocal()])
    if (this.session.signedIn) await this.consent.ensureStatus()
    await texts
  }

  get signedIn (): boolean {
    return this.session.signedIn
  }

  /** Nothing to show yet: the session, the standing or (signed out) the texts are on their way. */
  get loading (): boolean {
    if (!this.session.restored || !this.consent.localRead) return true
    if (this.session.signedIn) return this.consent.status == null && this.consent.statusError == null
    return this.consent.documents == null && this.consent.documentsError == null
  }

  /** Why the standing cannot be shown (signed in, the reading failed), or null. */
  get loadError (): string | null {
    if (!this.session.restored) return null
    if (this.session.signedIn) return this.consent.status == null ? this.consent.statusError : null
    return this.consent.documents == null ? this.consent.documentsError : null
  }

  get rows (): ConsentRow[] {
    const { status, documents } = this.consent
    return ORDER.map((document) => {
      const text = documents?.find((d) => d.document === document) ?? null
      const standing = status?.find((s) => s.document === document) ?? null
      let accepted: boolean
      let given: string
      if (this.session.signedIn && standing) {
        accepted = standing.acceptedAt != null
        given = standing.acceptedAt != null ? formatDateTimeShort(standing.acceptedAt) : '目前没有同意'
      } else if (document === 'privacy') {
        // Signed out, only this device's answer is known, with no time the server kept.
        accepted = this.consent.privacyAccepted && this.consent.privacyVersion != null
        given = accepted ? '已在这台手机上同意，登录后显示时间' : '目前没有同意'
      } else {
        accepted = false
        given = '登录后可以查看'
      }
      const signedInWithStanding = this.session.signedIn && standing != null
      return {
        document,
        title: standing?.title ?? text?.title ?? TITLES[document],
        purpose: PURPOSES[document],
        version: standing?.version ?? text?.version ?? '',
        given,
        accepted,
        withdrawable: signedInWithStanding && accepted,
        agreeOnHome: signedInWithStanding && !accepted,
        sections: text?.sections ?? null,
      }
    })
  }

  /** The texts could not be fetched: what to say where a text would be. */
  get textsError (): string | null {
    return this.consent.documents == null ? this.consent.documentsError : null
  }

  get confirmation (): WithdrawConfirmation | null {
    return this.confirming ? { document: this.confirming, ...CONFIRMATIONS[this.confirming] } : null
  }

  /** 阅读全文 / 收起全文. */
  toggleReading (document: ConsentDocumentName): void {
    this.reading = this.reading === document ? null : document
    if (this.reading && !this.consent.documents) void this.consent.loadDocuments()
  }

  retry (): void {
    if (this.session.signedIn && this.consent.status == null) void this.consent.loadStatus()
    if (!this.consent.documents) void this.consent.loadDocuments()
  }

  askWithdraw (document: ConsentDocumentName): void {
    if (!this.rows.find((r) => r.document === document)?.withdrawable) return
    this.confirming = document
    this.error = null
    this.notice = null
  }

  cancelWithdraw (): void {
    if (this.withdrawing) return
    this.confirming = null
    this.error = null
  }

  /**
   * The confirmed withdrawal, recorded by the server first. The sensitive-information consent: account data stops
   * (the summary in memory is forgotten; every page asks for the consent again). The privacy policy: it is forgotten
   * on this device too and the person is signed out here, so that the page can go to 首页, where the dialog asks.
   */
  async confirmWithdraw (): Promise<WithdrawOutcome> {
    const document = this.confirming
    if (!document || this.withdrawing) return null
    this.withdrawing = true
    this.error = null
    const done = await this.consent.withdraw(document)
    if (!done) {
      runInAction(() => {
        this.error = this.consent.error ?? WITHDRAW_FALLBACK
        this.withdrawing = false
      })
      return null
    }
    if (document === 'privacy') {
      await this.session.logout()
      runInAction(() => { this.withdrawing = false; this.confirming = null })
      return 'signed-out'
    }
    this.account.reset()
    runInAction(() => {
      this.withdrawing = false
      this.confirming = null
      this.notice = '已撤回敏感个人信息授权，我们不再读取和显示您的医保信息。想再查看时，回到首页重新阅读并同意即可。'
    })
    return 'withdrawn'
  }

  /** Leaving the page: its last sentence is not news on the next visit. */
  forgetNotice (): void {
    this.notice = null
  }

  /** Another person may be signed in now: nothing of the last one's page stays. */
  reset (): void {
    this.reading = null
    this.confirming = null
    this.withdrawing = false
    this.error = null
    this.notice = null
  }
}
