// The person's consents: the privacy policy agreed on this device before login (a non-sensitive flag in platform
// storage, recorded on the server once there is a session), the separate consent for sensitive personal information
// (PIPL art. 29: account data is not read until it is given), and the platform's own privacy prompt (WeChat).
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type {
  ConsentChannel, ConsentDocument, ConsentDocumentName, ConsentStatus,
} from '../../types/api/consent'
import type { ConsentApi } from '../services/api/consent'
import { ApiError } from '../services/http'
import type { SecureStorage } from '../platform/types'
import type { PrivacyAnswer, PrivacyAuthorizationRequest } from '../platform/privacy'
import { messageOf } from './session-store'

export const PRIVACY_STORAGE_KEY = 'yibao.privacy'

const OUTDATED = '内容已经更新，请阅读更新后的内容，再决定是否同意'

interface StoredPrivacy { version: string, acceptedAt: string }

export class ConsentStore {
  /** The current texts, fetched only when one has to be shown. */
  documents: ConsentDocument[] | null = null
  documentsLoading = false
  documentsError: string | null = null

  /** Storage has been read: until then nobody knows whether this is the first run. */
  localRead = false
  /** The privacy-policy version agreed on this device, or null. */
  privacyVersion: string | null = null
  /** The person chose 不同意: login stays closed, and the dialog stays away until they ask to read it again. */
  privacyDeclined = false

  /** This session's standing on the server (null: signed out, or not known yet). */
  status: ConsentStatus[] | null = null
  statusLoading = false
  statusError: string | null = null
  /** The person chose 暂不同意 on the sensitive-information panel in this session. */
  sensitiveDeclined = false
  /** An acceptance is on its way to the server. */
  saving = false
  /** What went wrong with the last 同意, in words for the person. */
  error: string | null = null

  /** The privacy API calls WeChat is holding until the person answers the dialog. */
  platformRequests: PrivacyAuthorizationRequest[] = []

  // The prompts already told that the dialog is on screen.
  private readonly platformExposed = new WeakSet<PrivacyAuthorizationRequest>()
  // Bumped when the session changes: an answer that arrives for the previous one is dropped.
  private generation = 0
  // The standing is being read again because the server refused account data: its answer decides, this device's does not.
  private serverDecides = false
  private readingLocal: Promise<void> | null = null
  private fetchingDocuments: Promise<void> | null = null
  private fetchingStatus: Promise<void> | null = null
  private recordingPrivacy: Promise<void> | null = null
  // What this session's own writes (同意, 撤回) were answered, numbered: a reading of the standing sent before one of
  // them was answered is older than it and does not undo it.
  private readonly written = new Map<ConsentDocumentName, { status: ConsentStatus; seq: number }>()
  private writes = 0

  constructor (readonly api: ConsentApi, readonly storage: SecureStorage, readonly channel: ConsentChannel) {
    makeAutoObservable<this, 'platformExposed' | 'generation' | 'serverDecides' | 'readingLocal' | 'fetchingDocuments' | 'fetchingStatus' | 'recordingPrivacy' | 'written' | 'writes'>(this, {
      api: false, storage: false, channel: false, platformRequests: observableRef, platformExposed: false, generation: false,
      serverDecides: false, readingLocal: false, fetchingDocuments: false, fetchingStatus: false, recordingPrivacy: false,
      written: false, writes: false,
    }, { autoBind: true })
  }

  get privacyDocument (): ConsentDocument | null {
    return this.documents?.find((d) => d.document === 'privacy') ?? null
  }

  get sensitiveDocument (): ConsentDocument | null {
    return this.documents?.find((d) => d.document === 'sensitive') ?? null
  }

  /** The version in force as far as this run knows (the session's answer first, then the fetched text). */
  private currentVersion (document: ConsentDocumentName): string | null {
    return this.status?.find((s) => s.document === document)?.version ??
      this.documents?.find((d) => d.document === document)?.version ?? null
  }

  /** Agreed on this device to the version in force (or to the one last seen, when the current one is not known). */
  get privacyAccepted (): boolean {
    const current = this.currentVersion('privacy')
    return this.privacyVersion != null && (current == null || this.privacyVersion === current)
  }

  /** An older version was agreed: the dialog says the policy changed. */
  get privacyUpdated (): boolean {
    return this.privacyVersion != null && !this.privacyAccepted
  }

  /** WeChat is waiting for the answer. */
  get platformAsking (): boolean {
    return this.platformRequests.length > 0
  }

  get showPrivacyDialog (): boolean {
    return this.platformAsking || (this.localRead && !this.privacyAccepted && !this.privacyDeclined)
  }

  get sensitiveAccepted (): boolean {
    return this.status?.find((s) => s.document === 'sensitive')?.acceptedAt != null
  }

  /** Account data may be read and shown for this session. */
  get mayShowAccount (): boolean {
    return this.privacyAccepted && this.sensitiveAccepted
  }

  /** Why account data is not shown for this session, in words for the person; null when it is (or not known yet). */
  get accountBlocked (): string | null {
    if (this.status == null) return this.statusLoading ? null : this.statusError
    if (this.mayShowAccount) return null
    return this.privacyAccepted
      ? '查看医保账户信息前，需要您单独同意我们处理这些信息。请回到首页阅读授权说明。'
      : '查看医保账户信息前，需要您先同意《隐私政策》。请回到首页阅读。'
  }

  /** What a page with the privacy dialog does on show: read this device's answer, and fetch the text if it is due. */
  async prepare (): Promise<void> {
    await this.readLocal()
    if (this.showPrivacyDialog) await this.loadDocuments()
  }

  /** Reads the stored privacy answer back, once. */
  readLocal (): Promise<void> {
    this.readingLocal ??= this.readStored()
    return this.readingLocal
  }

  /** Fetches the current texts; concurrent callers share one request, and a loaded set is kept. */
  loadDocuments (): Promise<void> {
    if (this.documents) return Promise.resolve()
    this.fetchingDocuments ??= this.fetchDocuments().finally(() => { this.fetchingDocuments = null })
    return this.fetchingDocuments
  }

  /** 同意并继续: the version shown is agreed here, told to the platform if it asked, and recorded once signed in. */
  async agreePrivacy (buttonId?: string): Promise<void> {
    const version = this.privacyDocument?.version ?? this.currentVersion('privacy')
    if (version == null) return // nothing was shown that could be agreed to
    this.privacyVersion = version
    this.privacyDeclined = false
    this.error = null
    // WeChat wants the id of the open-type button that was tapped, after its agree event; the tap itself (no id)
    // only agrees here, and the dialog stays until that event lets the held calls go on.
    if (buttonId) this.answerPlatform({ event: 'agree', buttonId })
    const stored: StoredPrivacy = { version, acceptedAt: new Date().toISOString() }
    try {
      await this.storage.set(PRIVACY_STORAGE_KEY, JSON.stringify(stored))
    } catch {
      // Agreed for this run even if the answer cannot be kept for the next one.
    }
    if (this.status) await this.recordPrivacy()
  }

  /** 不同意: the platform's held call fails, and login stays closed until the person agrees. */
  disagreePrivacy (): void {
    this.answerPlatform({ event: 'disagree' })
    if (!this.privacyAccepted) this.privacyDeclined = true
  }

  /** 阅读隐私政策 after a 不同意: the dialog opens again. */
  reconsiderPrivacy (): void {
    this.privacyDeclined = false
    void this.loadDocuments()
  }

  /** WeChat asks (wx.onNeedPrivacyAuthorization): the dialog opens, whatever was answered before. */
  platformAsks (request: PrivacyAuthorizationRequest): void {
    this.platformRequests = [...this.platformRequests, request]
    void this.loadDocuments()
  }

  /** The dialog is on screen for the platform's prompt: tell it, once per prompt (WeChat's exposureAuthorization). */
  platformDialogShown (): void {
    for (const request of this.platformRequests) {
      if (this.platformExposed.has(request)) continue
      this.platformExposed.add(request)
      request.resolve({ event: 'exposureAuthorization' })
    }
  }

  /** A new session (or none): its standing is not known yet. */
  resetSession (): void {
    this.generation++
    this.serverDecides = false
    this.status = null
    this.statusLoading = false
    this.statusError = null
    this.sensitiveDeclined = false
    this.saving = false
    this.error = null
    this.fetchingStatus = null
    this.recordingPrivacy = null
    this.written.clear()
  }

  /**
   * The server refused account data for want of consent (403 consent_required): what this session was thought to have
   * agreed is forgotten and read again, so the panel (or the privacy dialog) shows where one is due. The server's
   * answer decides: a privacy policy it does not hold (withdrawn on another device) is asked for again here, not
   * recorded again from this device's earlier agreement. A reading already under way for it is shared.
   */
  recheck (): Promise<void> {
    if (this.serverDecides && this.status == null && this.fetchingStatus) return this.fetchingStatus
    this.resetSession()
    this.serverDecides = true
    return this.loadStatus()
  }

  /** This session's standing, read once per session (concurrent callers share the request). */
  ensureStatus (): Promise<void> {
    if (this.status) return Promise.resolve()
    return this.loadStatus()
  }

  loadStatus (): Promise<void> {
    this.fetchingStatus ??= this.fetchStatus()
    return this.fetchingStatus
  }

  /** 同意 on the sensitive-information panel: the version it showed is recorded; account data may then be read. */
  async agreeSensitive (): Promise<boolean> {
    const version = this.sensitiveDocument?.version
    if (version == null || this.saving) return false
    const generation = this.generation
    this.saving = true
    this.error = null
    try {
      const saved = await this.api.accept({ document: 'sensitive', version, channel: this.channel })
      runInAction(() => {
        if (generation !== this.generation) return
        this.applyStatus(saved)
        this.sensitiveDeclined = false
      })
      return generation === this.generation
    } catch (error) {
      if (generation !== this.generation) return false
      runInAction(() => { this.error = error instanceof ApiError && error.code === 'consent_outdated' ? `授权书${OUTDATED}` : messageOf(error, '没有保存成功，请稍后重试') })
      if (error instanceof ApiError && error.code === 'consent_outdated') await this.reloadOutdated()
      return false
    } finally {
      runInAction(() => { if (generation === this.generation) this.saving = false })
    }
  }

  /** 暂不同意: nothing is read; the panel says what that means and how to change one's mind. */
  declineSensitive (): void {
    this.sensitiveDeclined = true
    this.error = null
  }

  reconsiderSensitive (): void {
    this.sensitiveDeclined = false
  }

  /** Withdraws a consent on the server (设置 › 隐私与授权); withdrawing the privacy policy forgets it here too. */
  async withdraw (document: ConsentDocumentName): Promise<boolean> {
    this.error = null
    try {
      const status = await this.api.withdraw(document)
      runInAction(() => this.applyStatus(status))
      if (document === 'privacy') {
        runInAction(() => { this.privacyVersion = null })
        await this.storage.remove(PRIVACY_STORAGE_KEY).catch(() => undefined)
      }
      return true
    } catch (error) {
      runInAction(() => { this.error = messageOf(error, '没有撤回成功，请稍后重试') })
      return false
    }
  }

  /** Every held call gets the person's one answer. */
  private answerPlatform (answer: PrivacyAnswer): void {
    const requests = this.platformRequests
    this.platformRequests = []
    for (const request of requests) request.resolve(answer)
  }

  private async readStored (): Promise<void> {
    try {
      const raw = await this.storage.get(PRIVACY_STORAGE_KEY)
      const stored = raw ? JSON.parse(raw) as Partial<StoredPrivacy> : null
      // The server's answer may have arrived first (it also knows what was agreed on another device).
      if (stored && typeof stored.version === 'string') runInAction(() => { this.privacyVersion ??= stored.version! })
    } catch {
      // Unreadable storage means nothing agreed here yet: the dialog asks again.
    } finally {
      runInAction(() => { this.localRead = true })
    }
  }

  private async fetchDocuments (): Promise<void> {
    this.documentsLoading = true
    this.documentsError = null
    try {
      const { items } = await this.api.getDocuments()
      runInAction(() => { this.documents = items })
    } catch (error) {
      runInAction(() => { this.documentsError = messageOf(error, '暂时无法读取隐私政策，请检查网络后重试') })
    } finally {
      runInAction(() => { this.documentsLoading = false })
    }
  }

  private async fetchStatus (): Promise<void> {
    const generation = this.generation
    const since = this.writes
    this.statusLoading = true
    this.statusError = null
    try {
      const [{ items }] = await Promise.all([this.api.getStatus(), this.readLocal()])
      if (generation !== this.generation) return
      runInAction(() => {
        this.status = items.map((item) => {
          const write = this.written.get(item.document)
          return write && write.seq > since ? write.status : item
        })
      })
      await this.reconcilePrivacy()
      if (!this.sensitiveAccepted) void this.loadDocuments()
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.statusError = messageOf(error, '暂时无法读取您的授权情况，请稍后重试')
        this.fetchingStatus = null // a retry asks again
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.statusLoading = false })
    }
  }

  /** The session's answer meets this device's: adopt a consent given elsewhere, record one given here, or ask again. */
  private async reconcilePrivacy (): Promise<void> {
    const server = this.status?.find((s) => s.document === 'privacy')
    if (!server) return
    if (server.acceptedAt != null) {
      if (this.privacyVersion !== server.version) {
        runInAction(() => { this.privacyVersion = server.version; this.privacyDeclined = false })
        const stored: StoredPrivacy = { version: server.version, acceptedAt: server.acceptedAt }
        await this.storage.set(PRIVACY_STORAGE_KEY, JSON.stringify(stored)).catch(() => undefined)
      }
      return
    }
    if (this.serverDecides && this.privacyVersion != null) {
      // The server no longer holds it (withdrawn elsewhere, or never recorded): the person is asked again.
      runInAction(() => { this.privacyVersion = null })
      await this.storage.remove(PRIVACY_STORAGE_KEY).catch(() => undefined)
      void this.loadDocuments()
    } else if (this.privacyVersion === server.version) await this.recordPrivacy()
    else if (this.privacyVersion != null) void this.loadDocuments() // agreed to an older text: the dialog shows the new one
  }

  /** Records the privacy version agreed here on the server, once per session. */
  private recordPrivacy (): Promise<void> {
    const server = this.status?.find((s) => s.document === 'privacy')
    if (this.privacyVersion == null || server?.acceptedAt != null) return Promise.resolve()
    this.recordingPrivacy ??= this.sendPrivacy(this.privacyVersion)
    return this.recordingPrivacy
  }

  private async sendPrivacy (version: string): Promise<void> {
    const generation = this.generation
    try {
      const saved = await this.api.accept({ document: 'privacy', version, channel: this.channel })
      runInAction(() => { if (generation === this.generation) this.applyStatus(saved) })
    } catch (error) {
      if (generation !== this.generation) return
      runInAction(() => { this.recordingPrivacy = null })
      // A newer text is in force: the dialog asks again with it. Any other failure is retried next session.
      if (error instanceof ApiError && error.code === 'consent_outdated') await this.reloadOutdated()
    }
  }

  /** The server has a newer text than the one shown: fetch both again, so what is shown is what is current. */
  private async reloadOutdated (): Promise<void> {
    runInAction(() => {
      this.documents = null
      this.fetchingStatus = null
      this.recordingPrivacy = null
    })
    await Promise.all([this.loadDocuments(), this.loadStatus()])
  }

  private applyStatus (status: ConsentStatus): void {
    this.written.set(status.document, { status, seq: ++this.writes })
    const others = (this.status ?? []).filter((s) => s.document !== status.document)
    this.status = [...others, status]
  }
}
