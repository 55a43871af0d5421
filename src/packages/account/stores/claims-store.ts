// 报销进度: the person's claims under their filters (submission time, stage), newest first, each row with its stage,
// amounts and next step. Created by the account subpackage's page (rootStore.feature), so it stays there; 报销详情
// updates a row when it reads a claim afresh.
import { makeAutoObservable, reaction, type IReactionDisposer } from 'mobx'
import type { ClaimListItem, ClaimsPage, ClaimStage } from '../../../../types/api/claims'
import type { ClaimsApi } from '../../../services/api/claims'
import { formatFen } from '../../../utils/money'
import { formatDate } from '../../../utils/date'
import { ListFilters, type FilterChoice } from './list-filters'
import { PagedList } from '../../../stores/paged-list'
import { stageTone, type StageTone } from '../../../stores/claim-stages'

// The stage's look lives in claim-stages (the family view takes it without this list's code); named here as before.
export { stageIsFinal, stageTone, TONE_TAG_TYPES, upcomingStages, type StageTone } from '../../../stores/claim-stages'

/** The stages in the order a claim moves through them, then the two other ends; labels as the server names them. */
export const CLAIM_STAGES: ReadonlyArray<{ value: ClaimStage, label: string }> = [
  { value: 'submitted', label: '已提交' },
  { value: 'first_review', label: '初审中' },
  { value: 'second_review', label: '复审中' },
  { value: 'approved', label: '审核通过' },
  { value: 'paid', label: '已打款' },
  { value: 'materials_needed', label: '需补充材料' },
  { value: 'rejected', label: '未通过' },
]

/** One claim as the list draws it: every string prepared here, class names only. */
export interface ClaimRow {
  id: number
  title: string
  stage: string
  tone: StageTone
  /** 2026年11月18日提交 */
  submitted: string
  /** 申请 ¥356.20 */
  claimed: string
  /** 核定 ¥300.00, or '' before the review has set it. */
  approved: string
  /** The hospital or pharmacy, or '' (treatment elsewhere, medicines bought outside). */
  inst: string
  next: string
  /** Modifier class of the row: 'claim-row--warn' when the person needs to act, 'claim-row--fail' when turned down. */
  cls: string
}

export function toClaimRow (item: ClaimListItem): ClaimRow {
  const tone = stageTone(item.stage)
  return {
    id: item.id,
    title: item.title,
    stage: item.stageName,
    tone,
    submitted: `${formatDate(item.submittedAt)}提交`,
    claimed: `申请 ${formatFen(item.claimedFen)}`,
    approved: item.approvedFen == null ? '' : `核定 ${formatFen(item.approvedFen)}`,
    inst: item.institution?.name ?? '',
    next: item.nextStep,
    cls: tone === 'warn' ? 'claim-row--warn' : tone === 'fail' ? 'claim-row--fail' : '',
  }
}

export class ClaimsStore {
  readonly filters: ListFilters
  readonly list: PagedList<ClaimListItem, ClaimRow, ClaimsPage>
  private started: IReactionDisposer | null = null

  constructor (api: ClaimsApi, now: () => number = Date.now) {
    this.filters = new ListFilters(now)
    this.list = new PagedList({
      fetch: (cursor) => api.list({ ...this.query, cursor, limit: 20 }),
      toRows: (items) => items.map(toClaimRow),
      fallbackMessage: '报销进度暂时无法显示，请稍后重试',
    })
    makeAutoObservable<this, 'started'>(this, { started: false, filters: false, list: false }, { autoBind: true })
  }

  /**
   * The filters as the claims list takes them: the time range by 提交日期, the stage (the filter bar's type), and
   * the institution (set when the list is opened from a hospital's page).
   */
  get query (): { from?: string, to?: string, stage?: ClaimStage, institution?: string } {
    const { from, to, type, institution } = this.filters.query
    const query: { from?: string, to?: string, stage?: ClaimStage, institution?: string } = {}
    if (from !== undefined && to !== undefined) { query.from = from; query.to = to }
    const stage = CLAIM_STAGES.find((s) => s.value === type)
    if (stage) query.stage = stage.value
    if (institution) query.institution = institution
    return query
  }

  get stageChoices (): FilterChoice[] {
    return CLAIM_STAGES.map((s) => ({ value: s.value, label: s.label }))
  }

  /** Loads the list (once) and reloads it whenever a filter changes. */
  start (): void {
    if (!this.started) {
      this.started = reaction(() => this.filters.key, () => { void this.list.load() })
    }
    void this.list.ensureLoaded()
  }

  load (): Promise<void> {
    return this.list.load()
  }

  /** Pull to refresh: the first page again. */
  refresh (): Promise<void> {
    return this.list.refresh()
  }

  loadMore (): Promise<void> {
    return this.list.loadMore()
  }

  /** A claim read afresh on its detail page (its stage may have moved on): only the page holding its row changes. */
  replaceRow (item: ClaimListItem): void {
    this.list.replaceRow((r) => r.id === item.id, toClaimRow(item))
  }

  reset (): void {
    this.list.reset()
  }

  dispose (): void {
    this.started?.()
    this.started = null
  }
}
