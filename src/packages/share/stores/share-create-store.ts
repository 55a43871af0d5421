// 分享给家人 for one claim: the owner's choices (how long, whether amounts show, whom it is for) and the one sentence
// saying what the recipient will see; then the grant (one per recipient), handed over the way this build can — a chat
// card (WeChat, marked as a private message where the server got an id for it), the share panel (Alipay), or the link,
// copied and drawn as a QR code (H5) — and 再分享给另一位家人, which starts a new grant from the defaults.
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { ClaimDetail } from '../../../../types/api/claims'
import type { ShareCreated, ShareDuration } from '../../../../types/api/shares'
import type { ClientChannel } from '../../../platform/types'
import type { ShareCapability } from '../../../platform/share'
import { ApiError } from '../../../services/http'
import type { ListError } from '../../../stores/paged-list'
import { HOME_PAGE } from '../../../routes'
import type { ShareApi } from '../api'

/** The choices of how long a link lives (the server allows no more than 7 days). */
export const DURATIONS: ReadonlyArray<{ value: ShareDuration, label: string }> = [
  { value: '1h', label: '1 小时' },
  { value: '1d', label: '1 天' },
  { value: '7d', label: '7 天' },
]
export const DEFAULT_DURATION: ShareDuration = '1d'

/** The longest note the server keeps (ShareCreateBody.recipientLabel). */
export const LABEL_MAX = 20
/** One tap for the notes most people write. */
export const LABEL_SUGGESTIONS: readonly string[] = ['女儿', '儿子', '老伴']

/** What everyone in the chat sees on the card: nothing of the owner or the claim. */
export const SHARE_CARD_TITLE = '家人分享了一条报销进度'
/** A picture with no personal data (5:4), shipped in this subpackage; without one WeChat would use a screenshot. */
export const SHARE_CARD_IMAGE = '/packages/share/assets/share-card.png'
/** Shared from the ··· menu before a grant exists: the app itself, never this page (or a picture of it). */
const APP_CARD = { title: '医保个人账户查询', path: HOME_PAGE, imageUrl: SHARE_CARD_IMAGE }

const CLAIM_NOT_FOUND = '没有找到这笔报销申请，请回到报销进度重新选择'
const LOAD_FALLBACK = '这笔报销暂时无法显示，请稍后重试'
const CREATE_FALLBACK = '分享没有生成，请检查网络后再试一次'
const PANEL_FAILED = '没能打开分享面板，请点右上角“···”里的“分享”发给家人'

export interface ShareChoice {
  duration: ShareDuration
  showAmounts: boolean
  recipientLabel: string
}

/**
 * One sentence: who will see what, and for how long. Says plainly what is left out (the amounts unless allowed, and
 * everything else of the owner), so the owner decides knowing it.
 */
export function shareSentence ({ duration, showAmounts, recipientLabel }: ShareChoice): string {
  const who = recipientLabel.trim() || '家人'
  const span = DURATIONS.find((d) => d.value === duration)?.label ?? ''
  const amounts = showAmounts ? '，还能看到申请和核定的金额' : '，看不到金额'
  return `${who}打开链接后能看到这笔报销办到了哪一步、每一步的日期、要补充的材料和下一步${amounts}，看不到您的其他信息；${span}内有效，您随时可以撤回。`
}

export interface ShareCard { title: string, path: string, imageUrl: string }

export type ShareNotice = { tone: 'info' | 'error', text: string }

export class ShareCreateStore {
  /** The claim being shared (its title and stage head the page). */
  claim: ClaimDetail | null = null
  loading = false
  /** The claim could not be read (not_found, verification_required, …): the page's gate shows it. */
  error: ListError | null = null

  duration: ShareDuration = DEFAULT_DURATION
  showAmounts = false
  recipientLabel = ''

  creating = false
  createError: string | null = null
  /** The grant just made, with its token (shown once) and how to open it. */
  created: ShareCreated | null = null
  /** The grant is ready to hand over (WeChat: the share menu has been told whether the card is private). */
  ready = false
  /** WeChat marked the card as a private message: it cannot be forwarded beyond the chat it is sent to. */
  privateCard = false
  /** H5: the link as a QR code picture, once drawn. */
  qr: string | null = null
  notice: ShareNotice | null = null

  private generation = 0

  /** `claimId`: the page's `claim` query, or null when it held none that could be one. */
  constructor (
    private readonly api: Pick<ShareApi, 'create'>,
    private readonly claims: { get (id: number): Promise<ClaimDetail> },
    private readonly share: ShareCapability,
    private readonly channel: ClientChannel,
    readonly claimId: number | null,
  ) {
    makeAutoObservable<this, 'api' | 'claims' | 'share' | 'channel' | 'generation'>(this, {
      api: false, claims: false, share: false, channel: false, generation: false, claimId: false,
      claim: observableRef, created: observableRef,
    }, { autoBind: true })
  }

  get way (): ShareCapability['way'] {
    return this.share.way
  }

  /** What the recipient will see under the current choices; the server's own sentence once the grant exists. */
  get sentence (): string {
    return this.created?.summary ?? shareSentence(this)
  }

  /** The family view's web link (H5): the server's, or one made from this page's origin when it has none. */
  get link (): string | null {
    const c = this.created
    return c ? c.url ?? this.share.webLink(c.token) : null
  }

  /** What onShareAppMessage answers: the grant's card, or the app's own before there is one. */
  get card (): ShareCard {
    const c = this.created
    if (!c) return APP_CARD
    return { title: SHARE_CARD_TITLE, path: c.path.startsWith('/') ? c.path : `/${c.path}`, imageUrl: SHARE_CARD_IMAGE }
  }

  setDuration (duration: ShareDuration): void {
    if (!this.created) this.duration = duration
  }

  setShowAmounts (show: boolean): void {
    if (!this.created) this.showAmounts = show
  }

  setRecipientLabel (label: string): void {
    if (!this.created) this.recipientLabel = Array.from(label).slice(0, LABEL_MAX).join('')
  }

  /** Reads the claim being shared; the one already shown stays while it is read again. */
  async load (): Promise<void> {
    const generation = ++this.generation
    if (this.claimId === null) {
      this.error = { code: 'not_found', message: CLAIM_NOT_FOUND }
      return
    }
    this.loading = true
    try {
      const claim = await this.claims.get(this.claimId)
      runInAction(() => {
        if (generation !== this.generation) return
        this.claim = claim
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.claim = null
        this.error = error instanceof ApiError
          ? { code: error.code, message: error.status === 404 ? CLAIM_NOT_FOUND : error.message }
          : { code: 'client_error', message: LOAD_FALLBACK }
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loading = false })
    }
  }

  ensureLoaded (): Promise<void> {
    if (this.claim || this.loading) return Promise.resolve()
    return this.load()
  }

  /** 生成分享: one grant for one recipient, then made ready to hand over. */
  async create (): Promise<void> {
    if (this.claimId === null || this.creating || this.created) return
    const generation = this.generation
    this.creating = true
    this.createError = null
    this.notice = null
    const label = this.recipientLabel.trim()
    try {
      const created = await this.api.create(this.claimId, {
        duration: this.duration, showAmounts: this.showAmounts, channel: this.channel, ...(label ? { recipientLabel: label } : {}),
      })
      if (generation !== this.generation) return
      runInAction(() => { this.created = created })
      await this.prepare(created, generation)
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.createError = error instanceof ApiError ? error.message : CREATE_FALLBACK
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.creating = false })
    }
  }

  /** 复制链接 (H5). */
  async copyLink (): Promise<void> {
    const link = this.link
    if (!link) return
    const copied = await this.share.copy(link)
    runInAction(() => {
      this.notice = copied
        ? { tone: 'info', text: '链接已复制，可以粘贴到聊天里发给家人' }
        : { tone: 'error', text: '没能自动复制，请长按上面的链接，选择“复制”' }
    })
  }

  /** 发给家人 (Alipay): the share panel, filled by the page's onShareAppMessage. */
  async openPanel (): Promise<void> {
    if (!this.created) return
    const opened = await this.share.openPanel()
    runInAction(() => { this.notice = opened ? null : { tone: 'error', text: PANEL_FAILED } })
  }

  /** 再分享给另一位家人: a new grant from the defaults (each recipient has their own, revocable alone). */
  another (): void {
    this.generation++
    this.created = null
    this.ready = false
    this.privateCard = false
    this.qr = null
    this.notice = null
    this.createError = null
    this.creating = false
    this.duration = DEFAULT_DURATION
    this.showAmounts = false
    this.recipientLabel = ''
  }

  /** A new session: nothing of the previous holder's choices or grant stays. */
  reset (): void {
    this.another()
    this.claim = null
    this.loading = false
    this.error = null
  }

  private async prepare (created: ShareCreated, generation: number): Promise<void> {
    let privateCard = false
    let qr: string | null = null
    if (this.share.way === 'card') privateCard = await this.share.prepareCard(created.activityId)
    if (this.share.way === 'link') {
      const link = created.url ?? this.share.webLink(created.token)
      qr = link ? await this.share.qrCode(link) : null
    }
    runInAction(() => {
      if (generation !== this.generation) return
      this.privateCard = privateCard
      this.qr = qr
      this.ready = true
    })
  }
}
