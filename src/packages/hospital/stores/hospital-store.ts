// One hospital page's state: the institution behind the entry code (public), and the signed-in, verified person's
// spending and claims there this year. Every string the page draws is prepared here. Created by the page through
// rootStore.feature, one per entry code, so it stays in this subpackage; a new token forgets the personal part.
import { makeAutoObservable, runInAction } from 'mobx'
import type { InstitutionEntry, InstitutionMine } from '../../../../types/api/institutions'
import { ApiError } from '../../../services/http'
import { formatFen } from '../../../utils/money'
import { formatAsOf } from '../../../utils/date'
import type { HospitalApi } from '../api'

/** Why the institution is not shown: an unknown code, a code the institution stopped using, or no answer. */
export type EntryProblemKind = 'unknown' | 'revoked' | 'failed'

export interface EntryProblem {
  kind: EntryProblemKind
  title: string
  message: string
}

export interface HospitalView {
  name: string
  /** 三级甲等 · 医院 (the level first, as the national 医保 app shows it), or just the kind. */
  grade: string
  designated: boolean
  /** The full address, its region first (the region alone when the address already begins with it is not repeated). */
  address: string
  desk: { place: string, hours: string, phone: string } | null
  bring: string[]
  /** The institution's national code: 消费记录 and 报销进度 filter by it. */
  institutionCode: string
}

export interface MineView {
  year: number
  spendingLine: string
  spendingDetail: string
  claimsLine: string
  claimsDetail: string
  asOf: string
}

const UNKNOWN: EntryProblem = {
  kind: 'unknown',
  title: '没有找到这家机构',
  message: '这个二维码可能不是医保服务的二维码，或者已经失效。您可以回到首页查看医保账户，或到医院的医保窗口咨询。',
}

const REVOKED: EntryProblem = {
  kind: 'revoked',
  title: '这个二维码已停用',
  message: '医院已经停用了这个二维码，可能换了新的。请扫描医保窗口张贴的最新二维码，或回到首页查看您的医保账户。',
}

const FAILED_MESSAGE = '医院信息暂时无法显示，请检查网络后重试'
const MINE_FAILED_MESSAGE = '您在这里的消费和报销暂时无法显示，请稍后重试'

/** An error as the page shows it: its code decides the way out (登录, 实名绑定, 验证, 重试). */
export interface MineError {
  code: string
  message: string
}

export class HospitalStore {
  entry: InstitutionEntry | null = null
  loading = false
  problem: EntryProblem | null = null

  mine: InstitutionMine | null = null
  mineLoading = false
  mineError: MineError | null = null
  private mineToken = 0

  /** `code`: the page's entry code, or null when its query named none that is well formed. */
  constructor (private readonly api: HospitalApi, readonly code: string | null, private readonly now: () => number = Date.now) {
    makeAutoObservable<this, 'api' | 'mineToken' | 'now'>(this, { api: false, code: false, mineToken: false, now: false }, { autoBind: true })
  }

  get view (): HospitalView | null {
    const e = this.entry
    if (!e) return null
    const i = e.institution
    return {
      name: i.name,
      grade: i.level ? `${i.level} · ${i.kindName}` : i.kindName,
      designated: i.designated,
      address: i.address.startsWith(i.regionName) ? i.address : `${i.regionName}${i.address}`,
      desk: e.desk ? { ...e.desk } : null,
      bring: e.bring.slice(),
      institutionCode: i.code,
    }
  }

  get mineView (): MineView | null {
    const m = this.mine
    if (!m) return null
    const s = m.spending
    const c = m.claims
    return {
      year: m.year,
      spendingLine: s.count ? `${m.year}年 ${s.count} 次，共 ${formatFen(s.totalFen)}` : `${m.year}年还没有在这里结算过`,
      spendingDetail: s.count ? `个人账户支付 ${formatFen(s.accountFen)}，自付 ${formatFen(s.selfFen)}` : '在这里看病买药用医保结算后，会显示在这里',
      claimsLine: c.count ? `${m.year}年 ${c.count} 笔，申请 ${formatFen(c.claimedFen)}` : `${m.year}年没有在这里就诊的报销`,
      claimsDetail: c.count ? (c.openCount ? `其中 ${c.openCount} 笔正在办理` : '都已办结') : '自己垫付的费用申请报销后，会显示在这里',
      asOf: formatAsOf(m.asOf, this.now()),
    }
  }

  /** Reads the institution once (again after a failure, through 重试). */
  ensureLoaded (): Promise<void> {
    if (this.entry || this.loading || (this.problem && this.problem.kind !== 'failed')) return Promise.resolve()
    return this.load()
  }

  async load (): Promise<void> {
    if (this.code == null) {
      this.problem = UNKNOWN
      return
    }
    this.loading = true
    this.problem = null
    try {
      const entry = await this.api.entry(this.code)
      runInAction(() => { this.entry = entry })
    } catch (error) {
      runInAction(() => { this.problem = problemOf(error) })
    } finally {
      runInAction(() => { this.loading = false })
    }
  }

  /** The person's own figures here (the server wants a signed-in, verified person; its refusal says which step is due). */
  async loadMine (): Promise<void> {
    if (this.code == null) return
    const token = ++this.mineToken
    this.mineLoading = true
    this.mineError = null
    try {
      const mine = await this.api.mine(this.code)
      runInAction(() => { if (token === this.mineToken) this.mine = mine })
    } catch (error) {
      runInAction(() => {
        if (token !== this.mineToken) return
        this.mineError = error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'failed', message: MINE_FAILED_MESSAGE }
      })
    } finally {
      runInAction(() => { if (token === this.mineToken) this.mineLoading = false })
    }
  }

  ensureMine (): Promise<void> {
    if (this.mine || this.mineLoading) return Promise.resolve()
    return this.loadMine()
  }

  /** Another person (or none) holds the session now: their figures are not this one's. */
  reset (): void {
    this.mineToken++
    this.mine = null
    this.mineError = null
    this.mineLoading = false
  }
}

function problemOf (error: unknown): EntryProblem {
  if (error instanceof ApiError) {
    if (error.status === 404 || error.status === 400) return UNKNOWN
    if (error.status === 410) return REVOKED
    return { kind: 'failed', title: '暂时无法显示', message: error.message }
  }
  return { kind: 'failed', title: '暂时无法显示', message: FAILED_MESSAGE }
}
