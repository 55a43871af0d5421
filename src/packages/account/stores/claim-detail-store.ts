// 报销详情: one claim, read by its id (the page may be the first one opened, from a WeChat notice): its stage, the
// amounts, the next step, the missing materials, the dated timeline, where the money goes; and, in WeChat, asking for
// a notice at its next stage change (the platform's subscribe dialog, then the server records the acceptance).
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { ClaimDetail } from '../../../../types/api/claims'
import type { ClaimsApi } from '../../../services/api/claims'
import type { SubscribeAnswer, SubscribeMessages } from '../../../platform/types'
import { ApiError } from '../../../services/http'
import { formatFen } from '../../../utils/money'
import { formatDate, formatDateTimeShort } from '../../../utils/date'
import type { ListError } from '../../../stores/paged-list'
import { stageIsFinal, stageTone, upcomingStages, type StageTone } from './claims-store'

export const CLAIM_NOT_FOUND = '没有找到这笔报销申请，请返回报销进度列表重新查看'
const LOAD_FALLBACK = '报销详情暂时无法显示，请稍后重试'

/** One event of the timeline as drawn (earliest first). */
export interface ClaimStepView {
  key: string
  title: string
  /** 2026年11月14日 12:15 */
  time: string
  note: string
}

/** The claim as the page draws it: every string prepared here. */
export interface ClaimView {
  id: number
  claimNo: string
  title: string
  stage: string
  tone: StageTone
  /** The stage will not change again (paid or rejected). */
  final: boolean
  claimed: string
  /** The amount the review set, or the sentence saying it is not set yet. */
  approved: string
  approvedSet: boolean
  submitted: string
  next: string
  /** The hospital or pharmacy, or '' (treatment elsewhere, medicines bought outside). */
  institution: string
  /** 上海银行 **** 1234, or null when no bank account is on file. */
  payout: string | null
  materials: string[]
  steps: ClaimStepView[]
  /** The steps still to come (greyed in the timeline), none once final. */
  upcoming: { key: string, title: string }[]
  /** 核定金额比申请少 ¥184.10，原因如下 — or '' when nothing was taken off. */
  deductionTitle: string
  deductions: { key: string, name: string, explanation: string, amount: string }[]
}

/**
 * The missing materials are listed once, in their own card: the next step and the latest timeline note then say how
 * many and point there instead of repeating the list (an older request, already met, keeps its words as history).
 */
function materialsOnce (d: ClaimDetail): { next: string, lastNote: string | null } {
  const n = d.stage === 'materials_needed' ? d.missingMaterials.length : 0
  if (!n) return { next: d.nextStep, lastNote: null }
  return {
    next: `请补充下面列出的 ${n} 项材料，补齐后交到参保地医保经办机构，会重新进入初审。`,
    lastNote: `材料不全，需要补充 ${n} 项材料（清单见上方）`,
  }
}

export function toClaimView (d: ClaimDetail): ClaimView {
  const once = materialsOnce(d)
  const last = d.timeline.length - 1
  const deducted = d.deductions.reduce((sum, x) => sum + x.amountFen, 0)
  return {
    id: d.id,
    claimNo: d.claimNo,
    title: d.title,
    stage: d.stageName,
    tone: stageTone(d.stage),
    final: stageIsFinal(d.stage),
    claimed: formatFen(d.claimedFen),
    approved: d.approvedFen == null ? (d.stage === 'rejected' ? '未核定' : '审核通过后核定') : formatFen(d.approvedFen),
    approvedSet: d.approvedFen != null,
    submitted: formatDate(d.submittedAt),
    next: once.next,
    institution: d.institution?.name ?? '',
    payout: d.payout ? [d.payout.bankName, d.payout.cardMasked].filter(Boolean).join(' ') : null,
    materials: d.stage === 'materials_needed' ? d.missingMaterials : [],
    steps: d.timeline.map((e, i) => ({
      key: `${i}-${e.stage}`, title: e.stageName, time: formatDateTimeShort(e.at),
      note: i === last && e.stage === 'materials_needed' && once.lastNote ? once.lastNote : e.note,
    })),
    upcoming: upcomingStages(d.stage).map((s) => ({ key: s.stage, title: s.name })),
    deductionTitle: deducted > 0 ? `核定金额比申请少 ${formatFen(deducted)}，原因如下` : '',
    deductions: d.deductions.map((x, i) => ({ key: `${i}-${x.kind}`, name: x.name, explanation: x.explanation, amount: formatFen(x.amountFen) })),
  }
}

/** What the person reads after the subscribe dialog, when no notice was recorded. */
export const SUBSCRIBE_SENTENCES: Readonly<Record<Exclude<SubscribeAnswer, 'accept'>, string>> = {
  reject: '您这次没有同意接收进度提醒，随时可以再点“有进度时提醒我”；如果微信不再询问，可以点右上角“···”→“设置”→“通知管理”打开提醒。',
  switched_off: '您在微信里关闭了本小程序的通知。请点右上角“···”→“设置”→“通知管理”打开后，再点“有进度时提醒我”。',
  ban: '微信暂时不允许本小程序发送进度提醒，请过些时候再来这里查看办理进度。',
  filter: '微信暂时没有显示这项提醒，请稍后再试；办理进度随时可以在这里查看。',
  failed: '暂时没能打开微信的提醒设置，请检查网络后再试；办理进度随时可以在这里查看。',
  unsupported: '进度提醒需要在微信小程序里订阅，请在微信中打开小程序后再试。',
}

const SAVE_FALLBACK = '进度提醒暂时没有订阅成功，请稍后再试'

export type SubscribeNotice = { tone: 'info' | 'error', text: string }

export interface ClaimDetailOptions {
  /** Told each claim read afresh (报销进度's list updates its row). */
  onLoaded?: (detail: ClaimDetail) => void
}

export class ClaimDetailStore {
  detail: ClaimDetail | null = null
  /** A read is on its way. */
  loading = false
  /** The claim could not be read and none is shown (not_found for another person's or a missing id). */
  error: ListError | null = null
  /** A read again failed while the claim stays shown. */
  refreshError: string | null = null
  /** The subscribe dialog is open, or the acceptance is being recorded. */
  subscribing = false
  /** Why no notice was recorded (the person said no, WeChat refused, the server said no). */
  subscribeNotice: SubscribeNotice | null = null
  /** How many notices the server will send (its answer to the last subscription); null until then. */
  remaining: number | null = null

  private generation = 0

  /** `id`: the claim's id, or null when the page was opened with none that could be one. */
  constructor (
    private readonly api: ClaimsApi,
    private readonly subscriber: SubscribeMessages,
    readonly id: number | null,
    private readonly options: ClaimDetailOptions = {},
  ) {
    makeAutoObservable<this, 'api' | 'subscriber' | 'options' | 'generation'>(this, {
      api: false, subscriber: false, options: false, generation: false, id: false, detail: observableRef,
    }, { autoBind: true })
  }

  get view (): ClaimView | null {
    return this.detail ? toClaimView(this.detail) : null
  }

  /** 有进度时提醒我 is offered: this build can ask, the server can send for this claim, and no notice is pending. */
  get subscribeOffered (): boolean {
    const d = this.detail
    return d !== null && this.subscriber.supported && d.subscribeTemplateId !== null && !d.subscribed
  }

  /** The sentence saying a notice will come, when one will. */
  get subscribedText (): string | null {
    if (!this.detail?.subscribed) return null
    const n = this.remaining
    return n !== null && n > 1 ? `已订阅：接下来 ${n} 次进度变化时都会通过微信提醒您` : '已订阅：下一次进度变化时会通过微信提醒您'
  }

  /** Reads the claim; one already shown stays while the new answer is on its way. */
  async load (): Promise<void> {
    const generation = ++this.generation
    this.refreshError = null
    if (this.id === null) {
      this.error = { code: 'not_found', message: CLAIM_NOT_FOUND }
      return
    }
    this.loading = true
    if (!this.detail) this.error = null
    try {
      const detail = await this.api.get(this.id)
      runInAction(() => {
        if (generation !== this.generation) return
        this.detail = detail
        this.error = null
        if (!detail.subscribed) this.remaining = null
      })
      if (generation === this.generation) this.options.onLoaded?.(detail)
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        const failure = error instanceof ApiError
          ? { code: error.code, message: error.status === 404 ? CLAIM_NOT_FOUND : error.message }
          : { code: 'client_error', message: LOAD_FALLBACK }
        // A claim that is no longer there (or never was this person's) is not shown from memory.
        if (this.detail && failure.code !== 'not_found') this.refreshError = failure.message
        else { this.detail = null; this.error = failure }
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loading = false })
    }
  }

  /** Loads unless the claim is here or on its way. */
  ensureLoaded (): Promise<void> {
    if (this.detail || this.loading) return Promise.resolve()
    return this.load()
  }

  /**
   * 有进度时提醒我. Call it straight from the tap: the platform's dialog is asked for before this returns (WeChat
   * opens it only from a tap). An 'accept' is then sent to the server, which sends one notice at the next change.
   */
  subscribe (): Promise<void> {
    const detail = this.detail
    const templateId = detail?.subscribeTemplateId
    if (!detail || !templateId || this.subscribing) return Promise.resolve()
    this.subscribing = true
    this.subscribeNotice = null
    const answer = this.subscriber.request(templateId)
    return this.record(detail.id, templateId, answer, this.generation)
  }

  reset (): void {
    this.generation++
    this.detail = null
    this.loading = false
    this.error = null
    this.refreshError = null
    this.subscribing = false
    this.subscribeNotice = null
    this.remaining = null
  }

  private async record (id: number, templateId: string, asked: Promise<SubscribeAnswer>, generation: number): Promise<void> {
    let reload = false
    try {
      const answer = await asked.catch((): SubscribeAnswer => 'failed')
      if (generation !== this.generation) return
      if (answer !== 'accept') {
        runInAction(() => { this.subscribeNotice = { tone: 'info', text: SUBSCRIBE_SENTENCES[answer] } })
        return
      }
      try {
        const result = await this.api.subscribe(id, [templateId])
        runInAction(() => {
          if (generation !== this.generation || !this.detail || this.detail.id !== id) return
          this.detail = { ...this.detail, subscribed: true }
          this.remaining = result.remaining
        })
      } catch (error) {
        if (generation !== this.generation) return
        // The claim finished meanwhile, or the offer changed: read it again so the page shows what now holds.
        reload = error instanceof ApiError && (error.status === 409 || error.status === 400 || error.code === 'subscribe_unavailable')
        runInAction(() => { this.subscribeNotice = { tone: 'error', text: error instanceof ApiError ? error.message : SAVE_FALLBACK } })
      }
    } finally {
      runInAction(() => { if (generation === this.generation) this.subscribing = false })
    }
    if (reload) await this.load()
  }
}
