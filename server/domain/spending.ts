// 消费记录: the person's settlements at hospitals and pharmacies (keyset pages, newest first), one settlement with
// its items and disputes, the institutions they went to (for the filter), the family mutual-aid premiums paid
// from their account, and 「不是我的消费」 disputes. Every read is scoped to the person: another person's id is a
// 404 exactly like a missing one. The statements, tuned to the indexes, are in db/repositories/settlements.ts,
// disputes.ts and ledger.ts; here are the rules and the answers' shapes.
//
// Why the family premiums are a list of their own: a relative's resident premium paid from the account is a
// ledger entry, not a settlement (no institution, no items, nothing to dispute). Interleaving it into the
// settlement pages needs a UNION ALL of two tables, and the planner sorts the union instead of merging two
// backward index scans (checked on PGlite's PostgreSQL 18: Append + Sort even with enable_sort off), which would give
// up the one-index-scan, no-sort page. It is its own small list instead (GET /api/v1/spending/family-premiums), which
// the 消费记录 page shows as 家庭共济缴费. Its page scans the partial index ledger_family_premiums_idx on
// (person_id, occurred_at, id) where kind = 'mutual_aid' and settlement_id is null (server/db/schema.ts), so it reads
// only the rows it returns.
import type {
  Dispute, DisputeStatus, FamilyPremiumItem, FamilyPremiumsPage, FamilyPremiumsQuery, ItemCategory, SettlementLine,
  SpendingDetail, SpendingInstitutions, SpendingItem, SpendingPage, SpendingQuery, VisitType,
} from '../../types/api/spending'
import type { Clock } from './ports'
import type { Db } from '../db'
import { disputesOf, insertDispute, lockOwnDispute, setDisputeStatus, type DisputeRow } from '../db/repositories/disputes'
import { familyPremiumPageQuery } from '../db/repositories/ledger'
import {
  findOwnSettlement, lockOwnSettlement, settlementLines, spendingPageQuery, spendingTotalsQuery, visitedInstitutions, type SettlementRow,
} from '../db/repositories/settlements'
import { ledgerSyncedAt } from './account'
import { CursorCodec, type CursorScope } from './cursor'
import { AppError } from './errors'
import { maskName } from './mask'
import { regionName } from './regions'
import type { DataCipher } from './secrets'

const DEFAULT_LIMIT = 20
/** Disputes one settlement may have in all (open or not): raising and withdrawing without end helps nobody. */
export const MAX_DISPUTES_PER_SETTLEMENT = 5
const DAY_MS = 86_400_000
const SETTLEMENT_NOT_FOUND = '没有找到这笔消费记录，请返回消费记录重新查看'

export const visitTypeNames: Record<VisitType, string> = { outpatient: '门诊', inpatient: '住院', pharmacy: '药店' }
export const categoryNames: Record<ItemCategory, string> = { A: '甲类', B: '乙类', C: '丙类' }
export const disputeStatusNames: Record<DisputeStatus, string> = {
  open: '核实中',
  withdrawn: '已撤回',
  confirmed: '已核实：不是本人消费',
  rejected: '已核实：本人医保凭证结算',
}

/** What happens next, in plain words, for each dispute status. */
export const disputeNextSteps: Record<DisputeStatus, string> = {
  open: '医保经办机构会在 15 个工作日内核实这笔消费，有结果后会在这里显示。核实期间无需再做什么；' +
    '如果怀疑医保卡或医保电子凭证被他人使用，请尽快拨打 12393 医保服务热线挂失或咨询。',
  withdrawn: '您已撤回这次申诉，这笔消费按正常记录处理。如果仍有疑问，可以重新标记，或拨打 12393 医保服务热线。',
  confirmed: '经核实这笔不是您本人的消费，医保经办机构会追回费用，从个人账户支付的部分将退回您的账户。如有疑问请拨打 12393 医保服务热线。',
  rejected: '经核实这笔消费是用您的医保凭证结算的。如果仍有疑问，可以带上身份证件到参保地医保经办机构咨询，或拨打 12393 医保服务热线。',
}

/**
 * `from` / `to` are China calendar dates, inclusive: from = that day 00:00 +08:00, to = the next day 00:00 (exclusive).
 * A date that does not exist (2026-02-30) or a range that runs backwards is a 400 that says so.
 */
export function chinaDateRange (fromDate?: string, toDate?: string): { from?: Date; to?: Date } {
  const start = (value: string, which: string): Date => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number]
    const t = new Date(Date.UTC(y, m - 1, d) - 8 * 3600_000)
    const back = new Date(t.getTime() + 8 * 3600_000)
    if (Number.isNaN(t.getTime()) || y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
      throw new AppError('validation_failed', `${which}${value}不存在，请重新选择日期`)
    }
    return t
  }
  const from = fromDate === undefined ? undefined : start(fromDate, '开始日期')
  const to = toDate === undefined ? undefined : new Date(start(toDate, '结束日期').getTime() + DAY_MS)
  if (from && to && from.getTime() >= to.getTime()) throw new AppError('validation_failed', '开始日期不能晚于结束日期，请重新选择日期范围')
  return { from, to }
}

/** A person's own words, kept as plain text: control characters become spaces, ends trimmed, empty means none. */
function cleanNote (note: string | undefined): string | null {
  const v = Array.from(note ?? '', (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('').trim()
  return v === '' ? null : v
}

export class SpendingService {
  private readonly codec: CursorCodec

  constructor (private readonly db: Db, cipher: DataCipher, private readonly clock: Clock) {
    this.codec = new CursorCodec(cipher)
  }

  // --- reads ---------------------------------------------------------------------------------------------------

  async list (personId: number, q: SpendingQuery): Promise<SpendingPage> {
    const range = chinaDateRange(q.from, q.to)
    const limit = q.limit ?? DEFAULT_LIMIT
    const scope: CursorScope = { personId, list: 'spending', filters: { from: q.from, to: q.to, type: q.type, institution: q.institution } }
    const key = q.cursor === undefined ? undefined : this.codec.decode(q.cursor, scope)
    const filter = { personId, type: q.type, institution: q.institution, ...range }
    const rows = await spendingPageQuery(this.db, { ...filter, limit: limit + 1, before: key })
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    const filtered = q.from !== undefined || q.to !== undefined || q.type !== undefined || q.institution !== undefined
    const [totals] = key === undefined && filtered ? await spendingTotalsQuery(this.db, filter) : []
    return {
      items: page.map((r) => this.item(r)),
      nextCursor: rows.length > limit && last ? this.codec.encode({ t: last.settledAt.toISOString(), id: last.id }, scope) : null,
      asOf: (await ledgerSyncedAt(this.db, this.clock)).toISOString(),
      ...(totals ? { totals: { count: totals.count, totalFen: totals.totalFen } } : {}),
    }
  }

  async detail (personId: number, id: number): Promise<SpendingDetail> {
    const row = await this.own(personId, id)
    const lines = await settlementLines(this.db, id)
    const history = await disputesOf(this.db, id)
    return {
      ...this.item(row),
      items: lines.map((l): SettlementLine => ({
        name: l.name, category: l.category, categoryName: categoryNames[l.category], quantity: l.quantity,
        amountFen: l.amountFen, fundCoveredFen: l.fundCoveredFen,
      })),
      disputes: history.map((d) => this.dispute(d)),
      canDispute: !history.some((d) => d.status === 'open') && history.length < MAX_DISPUTES_PER_SETTLEMENT,
    }
  }

  /** The institutions the person has settled at, the most recently visited first (what the filter offers). */
  async institutions (personId: number): Promise<SpendingInstitutions> {
    const rows = await visitedInstitutions(this.db, personId, 100)
    return {
      items: rows.map((r) => ({
        ...this.institution({ instCode: r.code, instName: r.name, instKind: r.kind, instRegion: r.regionCode }),
        count: Number(r.count), lastSettledAt: new Date(r.last).toISOString(),
      })),
    }
  }

  /**
   * 家庭共济缴费: ledger entries where the account paid a relative's resident premium (kind mutual_aid with no
   * settlement; a relative's medical bill is a settlement and is in the main list). Keyset pages over the
   * (person, occurred_at, id) ledger index, newest first.
   */
  async familyPremiums (personId: number, q: FamilyPremiumsQuery): Promise<FamilyPremiumsPage> {
    const range = chinaDateRange(q.from, q.to)
    const limit = q.limit ?? DEFAULT_LIMIT
    const scope: CursorScope = { personId, list: 'family_premiums', filters: { from: q.from, to: q.to } }
    const key = q.cursor === undefined ? undefined : this.codec.decode(q.cursor, scope)
    const rows = await familyPremiumPageQuery(this.db, { personId, limit: limit + 1, ...range, before: key })
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      items: page.map((r): FamilyPremiumItem => {
        // The ledger keeps the relative's name and the bureau's note ("家庭共济：为父亲缴纳2027年度城乡居民医保").
        const title = (r.note ?? '').replace(/^家庭共济[：:]\s*/, '') || '为亲属缴纳城乡居民医保'
        const relation = /为(.{1,8}?)缴纳/.exec(title)?.[1] ?? '亲属'
        return {
          id: r.id, paidAt: r.occurredAt.toISOString(), amountFen: Math.abs(r.amountFen),
          beneficiary: { nameMasked: maskName(r.counterpartyName ?? '') || '*', relation }, title,
        }
      }),
      nextCursor: rows.length > limit && last ? this.codec.encode({ t: last.occurredAt.toISOString(), id: last.id }, scope) : null,
      asOf: (await ledgerSyncedAt(this.db, this.clock)).toISOString(),
    }
  }

  // --- disputes ------------------------------------------------------------------------------------------------

  /**
   * 「不是我的消费」: records a dispute on one of the person's settlements. One open dispute per settlement at a
   * time; the settlement row is locked while checking, so two taps at once cannot both succeed.
   */
  async createDispute (personId: number, settlementId: number, note: string | undefined): Promise<Dispute> {
    const now = this.clock.now()
    const row = await this.db.transaction(async (tx) => {
      if (!await lockOwnSettlement(tx, personId, settlementId)) throw new AppError('not_found', SETTLEMENT_NOT_FOUND)
      const earlier = await disputesOf(tx, settlementId)
      if (earlier.some((d) => d.status === 'open')) throw new AppError('dispute_exists')
      if (earlier.length >= MAX_DISPUTES_PER_SETTLEMENT) throw new AppError('dispute_limit_reached')
      return insertDispute(tx, { personId, settlementId, status: 'open', note: cleanNote(note), createdAt: now, updatedAt: now })
    })
    return this.dispute(row)
  }

  /** The person takes back their own open dispute; it stays listed as withdrawn. */
  async withdrawDispute (personId: number, settlementId: number, disputeId: number): Promise<Dispute> {
    const now = this.clock.now()
    const row = await this.db.transaction(async (tx) => {
      const d = await lockOwnDispute(tx, { personId, settlementId, disputeId })
      if (!d) throw new AppError('not_found', '没有找到这次申诉，请返回消费详情重新查看')
      if (d.status !== 'open') throw new AppError('dispute_not_open')
      return setDisputeStatus(tx, d.id, 'withdrawn', now)
    })
    return this.dispute(row)
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private async own (personId: number, id: number): Promise<SettlementRow> {
    const row = await findOwnSettlement(this.db, personId, id)
    if (!row) throw new AppError('not_found', SETTLEMENT_NOT_FOUND)
    return row
  }

  private institution (r: Pick<SettlementRow, 'instCode' | 'instName' | 'instKind' | 'instRegion'>): SpendingItem['institution'] {
    const region = regionName(r.instRegion)
    return { code: r.instCode, name: r.instName, kind: r.instKind, ...(region ? { regionName: region } : {}) }
  }

  private item (r: SettlementRow): SpendingItem {
    return {
      id: r.id, settledAt: r.settledAt.toISOString(), visitType: r.visitType, visitTypeName: visitTypeNames[r.visitType],
      institution: this.institution(r),
      totalFen: r.totalFen, fundFen: r.fundFen, accountFen: r.accountFen, mutualAidFen: r.mutualAidFen, selfFen: r.selfFen,
      // 家庭共济 for a relative: the relative is named, masked.
      beneficiary: r.beneficiaryName ? { nameMasked: maskName(r.beneficiaryName), relation: r.beneficiaryRelation ?? '亲属' } : null,
      anomalies: r.anomalies.map((a) => ({ rule: a.rule, reason: a.reason })),
      openDispute: Boolean(r.openDispute),
    }
  }

  private dispute (d: DisputeRow): Dispute {
    return {
      id: d.id, status: d.status, statusName: disputeStatusNames[d.status],
      createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
      ...(d.note ? { note: d.note } : {}),
      nextStep: disputeNextSteps[d.status],
    }
  }
}
