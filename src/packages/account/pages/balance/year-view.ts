// 账户余额's display values from the summary's `thisYear`: the year's money in and out as a reconciliation (with
// signs and words), this year's visits and claims, a resident's yearly payments, and what the three entries say.
import type { AccountSummary } from '../../../../../types/api/account'
import { formatFen } from '../../../../utils/money'
import { formatDate } from '../../../../utils/date'

/** Which way a line moves the balance; the word is shown next to the figure, so colour is never the only sign. */
export type Flow = 'in' | 'out'

export interface FlowRow {
  key: 'credited' | 'adjustments' | 'hospitals' | 'pharmacies' | 'mutualAid'
  flow: Flow
  /** 收入 / 支出 */
  word: string
  label: string
  note: string
  /** `+¥3,584.00`, `−¥2,445.57`, or `¥0.00` when nothing moved. */
  amount: string
}

export interface Reconciliation {
  title: string
  opening: string
  openingNote: string
  rows: FlowRow[]
  balance: string
  /** 年初余额 ¥… + 收入 ¥… − 支出 ¥… = 当前余额 ¥…; null when the figures do not add up (then a plain note instead). */
  equation: EquationTerm[] | null
}

/** One term of the equation: the operator before it ('' for the first) and `收入 ¥3,584.00`, kept on one line. */
export interface EquationTerm {
  op: '' | '+' | '−' | '='
  term: string
}

export interface FactRow {
  key: string
  label: string
  value: string
  note?: string
}

export interface PremiumRow {
  key: string
  label: string
  paidOn: string
  amount: string
}

export interface EntryTexts {
  contributions: string
  spending: string
  claims: string
}

/** A resident's key figure (no balance): whether this year is covered, and what it cost. */
export interface ResidentStanding {
  /** `2026年度参保状态` */
  label: string
  /** 已参保 / 未查到缴费 */
  status: string
  covered: boolean
  /** `2026年度个人缴费 ¥400.00`, or what to do when no payment is found. */
  detail: string
  premiumFen: number | null
}

export interface BalanceView {
  year: number
  /** Residents only: 参保状态 and this year's premium, where an account holder sees the balance. */
  standing: ResidentStanding | null
  /** Why recent movements may be missing, in the words that fit this person (缴费 / 划入 / 结算). */
  delayNote: string
  /** Account holders only (employees, retirees); null for a resident. */
  reconciliation: Reconciliation | null
  /** Residents only: the yearly payments, newest first. */
  premiums: PremiumRow[] | null
  visits: FactRow[]
  claims: FactRow[]
  entries: EntryTexts
}

const MINUS = '−' as const

/** A movement of money with its direction always visible: `+¥1.00`, `−¥1.00`; nothing moved reads `¥0.00`. */
export function signedFen (fen: number): string {
  if (fen === 0) return formatFen(0)
  return `${fen > 0 ? '+' : MINUS}${formatFen(Math.abs(fen))}`
}

function reconciliation (s: AccountSummary): Reconciliation {
  const y = s.thisYear
  const retiree = s.insuranceType === 'retiree'
  const rows: FlowRow[] = [
    {
      key: 'credited', flow: 'in', word: '收入', label: retiree ? '每月划入' : '计入个人账户',
      note: retiree ? '统筹基金每月定额划入' : '个人缴费中划入账户的部分',
      amount: signedFen(y.creditedFen),
    },
  ]
  if (y.adjustmentsFen !== 0) {
    rows.push({
      key: 'adjustments', flow: y.adjustmentsFen > 0 ? 'in' : 'out', word: y.adjustmentsFen > 0 ? '收入' : '支出',
      label: '其他调整', note: '如年度结息、更正', amount: signedFen(y.adjustmentsFen),
    })
  }
  rows.push(
    { key: 'hospitals', flow: 'out', word: '支出', label: '在医院和诊所支付', note: '本人看病时从账户支付', amount: signedFen(-y.spentAtHospitalsFen) },
    { key: 'pharmacies', flow: 'out', word: '支出', label: '在药店支付', note: '本人买药时从账户支付', amount: signedFen(-y.spentAtPharmaciesFen) },
  )
  // 家庭共济 is something a person chooses to use (many never do, most retirees among them): a line of ¥0.00 reads
  // like something missing, so it shows only when money went that way. The person's own 医院 / 药店 lines stay even
  // at zero: "I spent nothing there" is an answer.
  if (y.mutualAidFen !== 0) {
    rows.push({ key: 'mutualAid', flow: 'out', word: '支出', label: '家庭共济', note: '为家人付的医疗费和医保费', amount: signedFen(-y.mutualAidFen) })
  }

  const income = y.creditedFen + Math.max(y.adjustmentsFen, 0)
  const spent = y.spentAtHospitalsFen + y.spentAtPharmaciesFen + y.mutualAidFen + Math.max(-y.adjustmentsFen, 0)
  const adds = y.openingBalanceFen + income - spent === s.balanceFen
  return {
    title: `${y.year}年收支`,
    opening: formatFen(y.openingBalanceFen),
    openingNote: `${y.year}年1月1日的余额`,
    rows,
    balance: formatFen(s.balanceFen),
    // The + and − stand between the words here, so the totals themselves carry no sign.
    equation: adds
      ? [
          { op: '', term: `年初余额 ${formatFen(y.openingBalanceFen)}` },
          { op: '+', term: `收入 ${formatFen(income)}` },
          { op: MINUS, term: `支出 ${formatFen(spent)}` },
          { op: '=', term: `当前余额 ${formatFen(s.balanceFen)}` },
        ]
      : null,
  }
}

function visits (s: AccountSummary): FactRow[] {
  const y = s.thisYear
  if (y.settlementCount === 0) {
    return [{ key: 'settlements', label: '医保结算', value: '还没有', note: '今年还没有在医院或药店用医保结算的记录' }]
  }
  return [
    { key: 'settlements', label: '医保结算', value: `${y.settlementCount} 笔`, note: '在医院和药店用医保结算的次数' },
    { key: 'total', label: '总费用', value: formatFen(y.settlementTotalFen) },
    { key: 'fund', label: '其中统筹基金支付', value: formatFen(y.fundPaidFen), note: '医保基金替您付的部分' },
  ]
}

function claims (s: AccountSummary): FactRow[] {
  const y = s.thisYear
  return [
    y.claimsInProgress > 0
      ? { key: 'inProgress', label: '报销办理中', value: `${y.claimsInProgress} 笔` }
      : { key: 'inProgress', label: '报销办理中', value: '没有', note: '目前没有正在办理的报销申请' },
    y.claimsPaidFen > 0
      ? { key: 'paid', label: '今年报销已到账', value: formatFen(y.claimsPaidFen) }
      : { key: 'paid', label: '今年报销已到账', value: '暂无', note: '今年还没有打款到账的报销' },
  ]
}

function premiums (s: AccountSummary): PremiumRow[] {
  return s.thisYear.premiums.map((p) => ({
    key: String(p.year), label: `${p.year}年度`, paidOn: `缴费日期 ${formatDate(p.paidAt)}`, amount: formatFen(p.amountFen),
  }))
}

function entries (s: AccountSummary): EntryTexts {
  const y = s.thisYear
  const contributions = s.insuranceType === 'resident'
    ? '每年的城乡居民医保缴费'
    : s.insuranceType === 'retiree' ? '每月划入个人账户的金额' : '每月缴费，以及计入个人账户的金额'
  return {
    contributions,
    spending: '在医院和药店的每一笔医保结算',
    claims: y.claimsInProgress > 0 ? `办理中 ${y.claimsInProgress} 笔，看看办到了哪一步` : '报销申请办到了哪一步',
  }
}

function delayNote (s: AccountSummary): string {
  const late = s.insuranceType === 'resident'
    ? '医院和药店的结算、每年的缴费，通常要 1 到 3 天才会同步到这里'
    : s.insuranceType === 'retiree'
      ? '医院和药店的消费、每月的划入，通常要 1 到 3 天才会记到账户里'
      : '医院和药店的消费、每月的缴费，通常要 1 到 3 天才会记到账户里'
  return `${late}；最近几天的变动如果还没看到，请过几天再来查看。`
}

function standing (s: AccountSummary): ResidentStanding {
  const year = s.thisYear.year
  const paid = s.thisYear.premiums.find((p) => p.year === year)
  return paid
    ? { label: `${year}年度参保状态`, status: '已参保', covered: true, detail: `${year}年度个人缴费 ${formatFen(paid.amountFen)}，${formatDate(paid.paidAt)}缴纳`, premiumFen: paid.amountFen }
    : {
        label: `${year}年度参保状态`, status: '未查到缴费', covered: false, premiumFen: null,
        detail: `还没有查到${year}年度的缴费。如果已经缴费，可能还没有同步过来；没有缴费的，请尽快到当地医保经办机构或税务渠道缴纳。`,
      }
}

/** Everything 账户余额 shows below the balance card, as plain strings. */
export function balanceView (s: AccountSummary): BalanceView {
  return {
    year: s.thisYear.year,
    standing: s.hasPersonalAccount ? null : standing(s),
    delayNote: delayNote(s),
    reconciliation: s.hasPersonalAccount ? reconciliation(s) : null,
    premiums: s.hasPersonalAccount ? null : premiums(s),
    visits: visits(s),
    claims: claims(s),
    entries: entries(s),
  }
}
