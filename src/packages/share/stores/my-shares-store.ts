// 我的分享: every grant the owner made (ended ones for a while), each with its claim, whom it is for, until when, whether
// amounts show, how often and when it was opened; 撤回 one or 全部撤回, each after a confirmation.
import { makeAutoObservable, observableRef, runInAction } from 'mobx'
import type { ShareGrant } from '../../../../types/api/shares'
import { ApiError } from '../../../services/http'
import { formatDateTimeShort } from '../../../utils/date'
import type { ListError } from '../../../stores/paged-list'
import type { ShareApi } from '../api'

const LOAD_FALLBACK = '我的分享暂时无法显示，请稍后重试'
const REVOKE_FALLBACK = '没能撤回，请检查网络后再试一次'

const STATUS_NAMES: Readonly<Record<ShareGrant['status'], string>> = { active: '有效', expired: '已过期', revoked: '已撤回' }

/** One grant as the list draws it. */
export interface ShareRow {
  id: number
  title: string
  /** 发给：女儿, or 未备注发给谁 */
  recipient: string
  status: ShareGrant['status']
  statusName: string
  /** 有效期至 … / 已于 … 过期 / 已于 … 撤回 */
  expiry: string
  /** 家人能看到金额 / 不显示金额 */
  amounts: string
  /** 家人还没有打开过 / 家人打开过 3 次，最近一次 2026年11月20日 10:05 */
  views: string
  active: boolean
}

export function toShareRow (g: ShareGrant): ShareRow {
  const expiry = g.status === 'revoked' && g.revokedAt
    ? `已于 ${formatDateTimeShort(g.revokedAt)} 撤回`
    : g.status === 'expired' ? `已于 ${formatDateTimeShort(g.expiresAt)} 过期` : `有效期至 ${formatDateTimeShort(g.expiresAt)}`
  return {
    id: g.id,
    title: g.claim.title,
    recipient: g.recipientLabel ? `发给：${g.recipientLabel}` : '未备注发给谁',
    status: g.status,
    statusName: STATUS_NAMES[g.status],
    expiry,
    amounts: g.showAmounts ? '家人能看到金额' : '不显示金额',
    views: g.viewCount === 0
      ? '家人还没有打开过'
      : `家人打开过 ${g.viewCount} 次${g.lastViewedAt ? `，最近一次 ${formatDateTimeShort(g.lastViewedAt)}` : ''}`,
    active: g.status === 'active',
  }
}

/** What the confirmation asks about: one grant, or every live one. */
export type RevokeTarget = { kind: 'one', id: number, title: string, recipient: string } | { kind: 'all', count: number }

export class MySharesStore {
  items: ShareGrant[] | null = null
  loading = false
  error: ListError | null = null
  refreshError: string | null = null
  /** The confirmation on screen, or null. */
  target: RevokeTarget | null = null
  revoking = false
  revokeError: string | null = null
  /** What the last revocation did (已撤回 2 份分享). */
  notice: string | null = null

  private generation = 0

  constructor (private readonly api: Pick<ShareApi, 'list' | 'revoke' | 'revokeAll'>) {
    makeAutoObservable<this, 'api' | 'generation'>(this, { api: false, generation: false, items: observableRef }, { autoBind: true })
  }

  get rows (): ShareRow[] {
    return (this.items ?? []).map(toShareRow)
  }

  get activeCount (): number {
    return (this.items ?? []).filter((g) => g.status === 'active').length
  }

  async load (): Promise<void> {
    const generation = ++this.generation
    this.loading = true
    this.refreshError = null
    if (!this.items) this.error = null
    try {
      const answer = await this.api.list()
      runInAction(() => {
        if (generation !== this.generation) return
        this.items = answer.items
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation !== this.generation) return
        const failure = error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'client_error', message: LOAD_FALLBACK }
        if (this.items && failure.code !== 'verification_required' && failure.code !== 'binding_required') this.refreshError = failure.message
        else { this.items = null; this.error = failure }
      })
    } finally {
      runInAction(() => { if (generation === this.generation) this.loading = false })
    }
  }

  askRevoke (id: number): void {
    const row = this.rows.find((r) => r.id === id && r.active)
    if (!row) return
    this.target = { kind: 'one', id, title: row.title, recipient: row.recipient }
    this.revokeError = null
  }

  askRevokeAll (): void {
    if (this.activeCount === 0) return
    this.target = { kind: 'all', count: this.activeCount }
    this.revokeError = null
  }

  cancelRevoke (): void {
    if (this.revoking) return
    this.target = null
    this.revokeError = null
  }

  /** The confirmed revocation, then the list read again (statuses and counts as the server now has them). */
  async confirmRevoke (): Promise<void> {
    const target = this.target
    if (!target || this.revoking) return
    this.revoking = true
    this.revokeError = null
    try {
      const { revoked } = target.kind === 'one' ? await this.api.revoke(target.id) : await this.api.revokeAll()
      runInAction(() => {
        this.target = null
        this.notice = target.kind === 'all'
          ? (revoked > 0 ? `已撤回 ${revoked} 份分享，家人再打开会看到链接已失效` : '没有需要撤回的分享')
          : '已撤回，家人再打开会看到链接已失效'
      })
    } catch (error) {
      runInAction(() => { this.revokeError = error instanceof ApiError ? error.message : REVOKE_FALLBACK })
    } finally {
      runInAction(() => { this.revoking = false })
    }
    if (!this.target) await this.load()
  }

  /** Leaving the page: its last sentence (已撤回…) is not news on the next visit. */
  forgetNotice (): void {
    this.notice = null
  }

  reset (): void {
    this.generation++
    this.items = null
    this.loading = false
    this.error = null
    this.refreshError = null
    this.target = null
    this.revoking = false
    this.revokeError = null
    this.notice = null
  }
}
