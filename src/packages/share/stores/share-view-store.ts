// 家人查看: the one claim a share token opens, read without any login, prepared for drawing (the owner's masked name,
// the stage, the dated timeline and the steps still to come, missing materials, the next step, amounts only if the owner allowed them, and until
// when the link works). A missing, malformed, unknown, expired or revoked token is one state with one kind sentence.
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { ShareView } from '../../../../types/api/shares'
import { ApiError } from '../../../services/http'
import { formatFen } from '../../../utils/money'
import { formatDate, formatDateTimeShort } from '../../../utils/date'
import { stageIsFinal, stageTone, upcomingStages, type StageTone } from '../../../stores/claim-stages'
import type { ShareApi } from '../api'

/** The one sentence for every link that opens nothing (the server answers them all alike, 404 share_invalid). */
export const SHARE_INVALID = '链接已失效，请让家人重新分享'
const LOAD_FALLBACK = '报销进度暂时无法显示，请检查网络后重试'

// The contract's SHARE_TOKEN_PATTERN (types/api is imported for types only on the client): a token that cannot be
// one is not sent at all.
const TOKEN = /^[A-Za-z0-9_-]{32}$/

export interface FamilyStep { key: string, title: string, time: string, note: string }

/** Everything the family view draws, as strings. */
export interface FamilyView {
  /** 张* 分享给您的报销进度 */
  owner: string
  title: string
  stage: string
  tone: StageTone
  final: boolean
  /** 2026年11月3日提交 */
  submitted: string
  institution: string
  next: string
  materials: string[]
  steps: FamilyStep[]
  /** The steps still to come on the way to 打款, drawn greyed as on 报销详情 (none once the claim is finished). */
  upcoming: { key: string, title: string }[]
  /** The amounts, or null when the owner did not allow them. */
  amounts: { claimed: string, approved: string, approvedSet: boolean } | null
  /** 有效期至 2026年11月21日 10:00 */
  expires: string
}

export function toFamilyView (v: ShareView): FamilyView {
  const c = v.claim
  const approvedSet = c.approvedFen != null
  return {
    owner: `${v.ownerNameMasked} 分享给您的报销进度`,
    title: c.title,
    stage: c.stageName,
    tone: stageTone(c.stage),
    final: stageIsFinal(c.stage),
    submitted: `${formatDate(c.submittedAt)}提交`,
    institution: c.institutionName ?? '',
    next: c.nextStep,
    materials: c.stage === 'materials_needed' ? c.missingMaterials : [],
    steps: c.timeline.map((e, i) => ({ key: `${i}-${e.stage}`, title: e.stageName, time: formatDateTimeShort(e.at), note: e.note })),
    upcoming: upcomingStages(c.stage).map((s) => ({ key: s.stage, title: s.name })),
    amounts: v.showAmounts && c.claimedFen != null
      ? {
          claimed: formatFen(c.claimedFen),
          approved: c.approvedFen != null ? formatFen(c.approvedFen) : (c.stage === 'rejected' ? '未核定' : '审核通过后核定'),
          approvedSet,
        }
      : null,
    expires: `有效期至 ${formatDateTimeShort(v.expiresAt)}`,
  }
}

export type ShareViewState = 'loading' | 'ready' | 'invalid' | 'failed'

export class ShareViewStore {
  answer: ShareView | null = null
  loading = false
  /** The link opens nothing (any reason): the kind page, never a login. */
  invalid = false
  /** No answer (network, rate limit) and nothing shown: the sentence and 重试. */
  error: string | null = null
  /** A read again failed while the claim stays shown. */
  refreshError: string | null = null

  private generation = 0
  /** When the last read answered (ms, `now()`), for coming back to the page. */
  private answeredAt = -Infinity

  /** `token`: the page's `t` query as it arrived (possibly missing or mangled). */
  constructor (private readonly api: Pick<ShareApi, 'view'>, readonly token: string | undefined,
    private readonly now: () => number = Date.now) {
    makeAutoObservable<this, 'api' | 'generation' | 'answeredAt' | 'now'>(this,
      { api: false, generation: false, answeredAt: false, now: false, token: false, answer: observableRef }, { autoBind: true })
  }

  /**
   * The page was shown (opened, or the relative came back to it from another app): read again only when the last
   * answer is older than `maxAgeMs`, so that a revocation shows soon but switching apps does not count as views.
   */
  showAgain (maxAgeMs = 60_000): Promise<void> {
    if (this.answer && this.now() - this.answeredAt < maxAgeMs) return Promise.resolve()
    return this.load()
  }

  get state (): ShareViewState {
    if (this.invalid) return 'invalid'
    if (this.answer) return 'ready'
    if (this.error) return 'failed'
    return 'loading'
  }

  get view (): FamilyView | null {
    return this.answer ? toFamilyView(this.answer) : null
  }

  /** Reads the claim behind the token (each read is one view in the owner's log). */
  async load (): Promise<void> {
    const generation = ++this.generation
    const token = this.token
    if (!token || !TOKEN.test(token)) {
      this.invalid = true
      return
    }
    this.loading = true
    this.refreshError = null
    if (!this.answer) this.error = null
    try {
      const answer = await this.api.view(token)
      runInAction(() => {
        if (generation !== this.generation) return
        this.answer = answer
        this.answeredAt = this.now()
        this.invalid = false
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        // Revoked or expired while open: what was shown goes too.
        if (error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 410)) {
          this.answer = null
          this.invalid = true
          return
        }
        const message = error instanceof ApiError ? error.message : LOAD_FALLBACK
        if (this.answer) this.refreshError = message
        else this.error = message
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loading = false })
    }
  }
}
