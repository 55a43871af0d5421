// 消费详情: one settlement (where, when, how it was paid, its items, why it looks unusual, its disputes) prepared for
// drawing, and 「不是我的消费」 with its withdrawal. After either, the 消费记录 row is told (onChange) so its tag is
// right when the person goes back. Created by the account subpackage's page (rootStore.feature), so it stays there.
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type {
  Dispute, DisputeStatus, ItemCategory, SpendingDetail, SpendingItem,
} from '../../../../types/api/spending'
import type { SpendingApi } from '../../../services/api/spending'
import { ApiError } from '../../../services/http'
import { formatFen } from '../../../utils/money'
import { formatDateTime, formatDateTimeShort } from '../../../utils/date'
import type { ListError } from '../../../stores/paged-list'

/** The longest 补充说明 the server takes (DisputeBody.note). */
export const NOTE_MAX = 200

const LOAD_FALLBACK = '消费详情暂时无法显示，请稍后重试'
const NOT_FOUND = '没有找到这笔消费记录，请返回消费记录重新查看'
const DISPUTE_FALLBACK = '没能提交，请检查网络后再点一次“确认标记”'
const WITHDRAW_FALLBACK = '没能撤回，请检查网络后再试一次'

/**
 * What 甲类 / 乙类 / 丙类 mean, under the items: 甲类 is wholly inside the catalogue and reimbursed at the plan's rate
 * (not paid in full), 乙类 first takes a share from the person, 丙类 is outside and the person's own.
 */
export const CATEGORY_NOTE = '甲类：全部在医保目录内，按规定的比例报销；乙类：在医保目录内，个人先自付一定比例，其余再按比例报销；丙类：医保目录外，医保不报销，全部由个人支付。'

/** The line beside a dispute's second date: when the status last changed, in words that fit the status. */
const UPDATED_WORDS: Record<DisputeStatus, string | null> = { open: null, withdrawn: '撤回于', confirmed: '核实于', rejected: '核实于' }

export interface PaymentLine {
  key: 'fund' | 'account' | 'mutualAid' | 'cash'
  label: string
  amount: string
  /** A line under the label (家庭共济: whose account paid for whom), or null. */
  note: string | null
}

/** The person's own share of the bill (个人负担) and, where the items tell, its two parts: 自付 and 自费. */
export interface BurdenLine {
  key: 'burden' | 'coPay' | 'selfPay'
  label: string
  amount: string
  note: string | null
}

export interface ItemLine {
  key: string
  name: string
  category: ItemCategory
  categoryName: string
  quantity: string
  amount: string
  /** 统筹基金支付 ¥8.40; 全部自费 for an item outside the catalogue; '' when the fund paid none of it. */
  fundCovered: string
}

export interface DisputeLine {
  id: number
  status: DisputeStatus
  statusName: string
  /** 标记于 2026年11月25日 16:09 */
  created: string
  /** 撤回于 … / 核实于 …, or null while it is open. */
  updated: string | null
  note: string | null
  nextStep: string
  canWithdraw: boolean
}

/** Everything 消费详情 draws, as strings (the page only lays them out). */
export interface DetailView {
  id: number
  institution: string
  /** 上海市徐汇区 (where the institution is), or '' when the server does not say. */
  place: string
  type: string
  time: string
  total: string
  totalFen: number
  /** 为女儿 陈** 支付 (家庭共济), or null for the person's own visit. */
  beneficiary: string | null
  payments: PaymentLine[]
  /** 个人负担 then 自付 and 自费 (each only when not zero); empty when the fund paid everything. */
  burden: BurdenLine[]
  anomalies: string[]
  items: ItemLine[]
  disputes: DisputeLine[]
  openDispute: boolean
  canDispute: boolean
  /** Why 不是我的消费 is not offered now, or null when it is. */
  cannotDispute: string | null
}

/** The list row's fields of a detail (what 消费记录's store redraws the row from). */
export function toSpendingItem (d: SpendingDetail): SpendingItem {
  return {
    id: d.id, settledAt: d.settledAt, visitType: d.visitType, visitTypeName: d.visitTypeName, institution: d.institution,
    totalFen: d.totalFen, fundFen: d.fundFen, accountFen: d.accountFen, mutualAidFen: d.mutualAidFen, selfFen: d.selfFen,
    beneficiary: d.beneficiary, anomalies: d.anomalies, openDispute: d.openDispute,
  }
}

/**
 * How the bill was paid, as the national app words it: 统筹基金支付, 个人账户支付 (or 家庭共济支付 from the person's
 * account for a relative), 现金支付 (paid on the spot, by cash, card or phone). A line that is zero is left out; a bill
 * with nothing at all still says how much was paid in cash (nothing).
 */
export function paymentLines (d: Pick<SpendingDetail, 'fundFen' | 'accountFen' | 'mutualAidFen' | 'selfFen' | 'beneficiary'>): PaymentLine[] {
  const line = (key: PaymentLine['key'], label: string, fen: number, note: string | null = null): PaymentLine => ({ key, label, amount: formatFen(fen), note })
  const lines: PaymentLine[] = []
  if (d.fundFen) lines.push(line('fund', '统筹基金支付', d.fundFen, '医保基金替您支付的部分'))
  if (d.accountFen) lines.push(line('account', '个人账户支付', d.accountFen))
  if (d.mutualAidFen) lines.push(line('mutualAid', '家庭共济支付', d.mutualAidFen, d.beneficiary ? `从您的个人账户为${d.beneficiary.relation}支付` : null))
  if (d.selfFen || !lines.length) lines.push(line('cash', '现金支付', d.selfFen, '当场用现金、银行卡或手机支付的部分'))
  return lines
}

/**
 * The person's own share (个人负担 = total − fund) and its two parts as a settlement shows them: 自费, the items
 * outside the catalogue (丙类) paid in full; 自付, the rest — the share of covered items the plan leaves to the person
 * (起付线, 乙类 first share, what the rate does not cover). Without items only the share itself is known. Zeros are left out.
 */
export function burdenLines (d: Pick<SpendingDetail, 'totalFen' | 'fundFen' | 'items'>): BurdenLine[] {
  const burden = Math.max(0, d.totalFen - d.fundFen)
  if (!burden) return []
  const lines: BurdenLine[] = [{ key: 'burden', label: '个人负担', amount: formatFen(burden), note: '由个人账户和现金支付，包括下面的自付和自费' }]
  if (!d.items.length) {
    lines[0]!.note = '由个人账户和现金支付'
    return lines
  }
  const selfPay = Math.min(burden, d.items.filter((i) => i.category === 'C').reduce((sum, i) => sum + i.amountFen, 0))
  const coPay = burden - selfPay
  if (coPay) lines.push({ key: 'coPay', label: '自付', amount: formatFen(coPay), note: '医保目录内的费用中，按规定由个人负担的部分' })
  if (selfPay) lines.push({ key: 'selfPay', label: '自费', amount: formatFen(selfPay), note: '医保目录外（丙类）的药品和项目，全部由个人支付' })
  return lines
}

export function toDisputeLine (d: Dispute): DisputeLine {
  const words = UPDATED_WORDS[d.status]
  return {
    id: d.id,
    status: d.status,
    statusName: d.statusName,
    created: `标记于 ${formatDateTimeShort(d.createdAt)}`,
    updated: words ? `${words} ${formatDateTimeShort(d.updatedAt)}` : null,
    note: d.note ?? null,
    nextStep: d.nextStep,
    canWithdraw: d.status === 'open',
  }
}

export function toDetailView (d: SpendingDetail): DetailView {
  const region = d.institution.regionName
  return {
    id: d.id,
    institution: d.institution.name,
    place: region ?? '',
    type: d.visitTypeName,
    time: formatDateTime(d.settledAt),
    total: formatFen(d.totalFen),
    totalFen: d.totalFen,
    beneficiary: d.beneficiary ? `为${d.beneficiary.relation} ${d.beneficiary.nameMasked} 支付` : null,
    payments: paymentLines(d),
    burden: burdenLines(d),
    anomalies: d.anomalies.map((a) => a.reason),
    items: d.items.map((line, i) => ({
      key: `${i}`,
      name: line.name,
      category: line.category,
      categoryName: line.categoryName,
      quantity: String(line.quantity),
      amount: formatFen(line.amountFen),
      fundCovered: line.fundCoveredFen ? `统筹基金支付 ${formatFen(line.fundCoveredFen)}` : line.category === 'C' ? '全部自费' : '',
    })),
    disputes: d.disputes.map(toDisputeLine),
    openDispute: d.openDispute,
    canDispute: d.canDispute,
    cannotDispute: d.canDispute
      ? null
      : d.openDispute
        ? '您已标记这笔消费“不是我的消费”，正在核实中。'
        : '这笔消费已经多次标记和撤回，不能再在线标记，请拨打 12393 医保服务热线说明情况。',
  }
}

/** A refusal that says the page is out of date (already marked, already withdrawn, gone): read it again. */
function isStale (error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 404)
}

function messageOf (error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback
}

export class SpendingDetailStore {
  /** The settlement being shown (from the page's `id`), or null before one is asked for. */
  id: number | null = null
  detail: SpendingDetail | null = null
  /** The first read is on its way (a skeleton). */
  loading = false
  /** The first read failed (an error with 重试, or 返回消费记录 for not_found). */
  error: ListError | null = null

  /** 「不是我的消费」's dialog is open. */
  disputeVisible = false
  /** 补充说明 (optional). */
  note = ''
  submitting = false
  /** Why the last submission failed, shown in the dialog (which stays open to try again). */
  disputeError: string | null = null
  /** The dispute just made or withdrawn on this page: its card is marked with what happened (its next step below). */
  changed: { disputeId: number, title: string } | null = null

  /** The dispute whose 撤回 was tapped (its confirm dialog is open). */
  withdrawTarget: Dispute | null = null
  withdrawing = false
  /** A refusal of either action that changed nothing (the server's sentence), next to the disputes. */
  actionError: string | null = null

  private generation = 0

  constructor (private readonly api: SpendingApi, private readonly onChange: (item: SpendingItem) => void = () => {}) {
    makeAutoObservable<this, 'api' | 'onChange' | 'generation'>(this, {
      api: false, onChange: false, generation: false, detail: observableRef, changed: observableRef, withdrawTarget: observableRef,
    }, { autoBind: true })
  }

  get view (): DetailView | null {
    return this.detail ? toDetailView(this.detail) : null
  }

  /** The note is within what the server takes (counted as the server counts: characters, not UTF-16 units). */
  get noteTooLong (): boolean {
    return Array.from(this.note.trim()).length > NOTE_MAX
  }

  /**
   * Shows settlement `idParam` (the page's query): read it unless it is already here or on its way. An id that is
   * not a settlement id is not asked for: the page says it was not found.
   */
  open (idParam: string | number | undefined): void {
    const id = Number(idParam)
    if (!Number.isSafeInteger(id) || id < 1) {
      this.clear()
      this.error = { code: 'not_found', message: NOT_FOUND }
      return
    }
    if (id === this.id && (this.detail || this.loading)) return
    void this.load(id)
  }

  /** Reads the settlement afresh, showing a skeleton (another id, or 重试 after an error). */
  async load (id: number | null = this.id): Promise<void> {
    if (id == null) return
    if (id !== this.id) this.clear()
    this.id = id
    const generation = ++this.generation
    this.loading = true
    this.error = null
    try {
      const detail = await this.api.get(id)
      runInAction(() => { if (generation === this.generation) this.detail = detail })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        this.error = error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'client_error', message: LOAD_FALLBACK }
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loading = false })
    }
  }

  /**
   * Pull to refresh, and after a dispute or a refusal: the settlement again while the one shown stays. A failure
   * keeps what is shown; a settlement that has gone (404) shows that instead.
   */
  async refresh (): Promise<void> {
    const id = this.id
    if (id == null || this.loading) return
    if (!this.detail) return this.load(id)
    const generation = ++this.generation
    try {
      const detail = await this.api.get(id)
      runInAction(() => {
        if (generation !== this.generation) return
        const changed = this.detail?.openDispute !== detail.openDispute
        this.detail = detail
        if (changed) this.onChange(toSpendingItem(detail))
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        if (error instanceof ApiError && error.status === 404) {
          this.detail = null
          this.error = { code: error.code, message: error.message }
        }
      })
    }
  }

  // --- 不是我的消费 ----------------------------------------------------------------------------------------------

  startDispute (): void {
    if (!this.detail?.canDispute) return
    this.disputeVisible = true
    this.disputeError = null
    this.actionError = null
  }

  setNote (value: string): void {
    this.note = value
    this.disputeError = null
  }

  cancelDispute (): void {
    if (this.submitting) return
    this.disputeVisible = false
    this.disputeError = null
  }

  /** Records the dispute, once however often it is tapped; the detail and the list's row then show it. */
  async submitDispute (): Promise<void> {
    const detail = this.detail
    if (!detail || this.submitting) return
    if (this.noteTooLong) {
      this.disputeError = `补充说明最多 ${NOTE_MAX} 个字，请删减后再提交`
      return
    }
    const note = this.note.trim()
    this.submitting = true
    this.disputeError = null
    this.actionError = null
    try {
      const dispute = await this.api.dispute(detail.id, note ? { note } : {})
      runInAction(() => {
        this.disputeVisible = false
        this.note = ''
        // Another settlement or another session since: nothing here to update.
        if (this.detail?.id !== detail.id) return
        this.generation++ // a refresh begun before this answer must not bring back the settlement without it
        this.changed = { disputeId: dispute.id, title: '已为您登记“不是我的消费”' }
        this.detail = { ...this.detail, disputes: [dispute, ...this.detail.disputes], openDispute: true, canDispute: false }
        this.onChange(toSpendingItem(this.detail))
      })
    } catch (error) {
      runInAction(() => {
        if (isStale(error)) {
          // Already marked elsewhere, marked too often, or gone: nothing to retry here; the page is read again.
          this.disputeVisible = false
          this.actionError = messageOf(error, DISPUTE_FALLBACK)
        } else {
          this.disputeError = messageOf(error, DISPUTE_FALLBACK)
        }
      })
      if (isStale(error)) await this.refresh()
    } finally {
      runInAction(() => { this.submitting = false })
    }
  }

  // --- 撤回 -----------------------------------------------------------------------------------------------------

  askWithdraw (disputeId: number): void {
    const dispute = this.detail?.disputes.find((d) => d.id === disputeId && d.status === 'open')
    if (!dispute) return
    this.withdrawTarget = dispute
    this.actionError = null
  }

  cancelWithdraw (): void {
    if (!this.withdrawing) this.withdrawTarget = null
  }

  /** Withdraws the dispute asked about, once however often it is tapped. */
  async confirmWithdraw (): Promise<void> {
    const target = this.withdrawTarget
    const detail = this.detail
    if (!target || !detail || this.withdrawing) return
    this.withdrawing = true
    this.actionError = null
    try {
      const withdrawn = await this.api.withdrawDispute(detail.id, target.id)
      runInAction(() => {
        this.withdrawTarget = null
        if (this.detail?.id !== detail.id) return
        this.generation++
        const disputes = this.detail.disputes.map((d) => (d.id === withdrawn.id ? withdrawn : d))
        this.changed = { disputeId: withdrawn.id, title: '已撤回这次申诉' }
        // It may be marked again unless the server's limit says no: the refresh below tells (and a mark refused for
        // that reason shows the server's sentence).
        this.detail = { ...this.detail, disputes, openDispute: disputes.some((d) => d.status === 'open'), canDispute: true }
        this.onChange(toSpendingItem(this.detail))
      })
    } catch (error) {
      runInAction(() => {
        this.withdrawTarget = null
        this.actionError = messageOf(error, WITHDRAW_FALLBACK)
      })
    } finally {
      runInAction(() => { this.withdrawing = false })
    }
    await this.refresh()
  }

  /** Forgets everything (another person's session); an answer still on its way is dropped. */
  reset (): void {
    this.clear()
  }

  private clear (): void {
    this.generation++
    this.id = null
    this.detail = null
    this.loading = false
    this.error = null
    this.disputeVisible = false
    this.note = ''
    this.submitting = false
    this.disputeError = null
    this.changed = null
    this.withdrawTarget = null
    this.withdrawing = false
    this.actionError = null
  }
}
