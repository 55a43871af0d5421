// Money in: an employee's monthly contributions (with a 断缴 gap and a late payment where the plan has them), a
// retiree's monthly allocations, a resident's yearly premiums, and the year-end interest on the personal account.
import { chinaTime, dayNo, monthOf, nextWeekday, periodOf, postDelay, timeOn } from './china-time'
import type { PersonHistory } from './history'
import { INTEREST_RATE_BP, PERSONAL_RATE_BP, residentPremiumFen } from './rules'

export function employeeContributions (h: PersonHistory): void {
  const emp = h.plan.employer
  if (!emp) throw new Error(`employee ${h.plan.facts.n} has no employer plan`)
  for (let mi = h.firstMonth; mi <= h.lastMonth; mi++) {
    if (mi === h.plan.gapMonth) continue // 断缴: between two employers nobody paid this month
    const late = mi === h.plan.latePaidMonth
    // Payroll pays the month's contribution mid-month; a late month is made up (补缴) two months later.
    const { y, mo } = monthOf(late ? mi + 2 : mi)
    const paidAt = timeOn(h.rng, nextWeekday(dayNo(y, mo, h.rng.int(late ? 8 : 15, late ? 20 : 25))), 10, 16)
    const postedAt = postDelay(h.rng, paidAt)
    if (!h.known(postedAt)) continue
    const baseFen = emp.baseFen(mi)
    const personalFen = Math.round(baseFen * PERSONAL_RATE_BP / 10_000)
    const unit = [...emp.units].reverse().find((u) => u.fromMonth <= mi) ?? emp.units[0]!
    const period = periodOf(mi)
    const key = `${h.plan.facts.n}:c:${period}`
    h.contributions.push({
      key, period, baseFen, personalFen,
      employerFen: Math.round(baseFen * h.rules.employerRateBp / 10_000),
      creditedFen: personalFen, // the employer part goes to the pooled fund (2021 reform): shown, never credited
      payingUnit: unit.name, latePaid: late, paidAt, postedAt,
    })
    h.credit({ kind: 'contribution', amountFen: personalFen, occurredAt: paidAt, postedAt, contributionKey: key,
      note: late ? `${period} 补缴个人缴费划入` : `${period} 个人缴费划入` })
  }
}

/**
 * Retirees pay nothing, so they get NO contributions rows (a 缴费记录 of zero payments would be misleading):
 * the monthly amount from the pooled fund is a 'retiree_allocation' ledger entry with no contributionId.
 */
export function retireeAllocations (h: PersonHistory): void {
  for (let mi = h.firstMonth; mi <= h.lastMonth; mi++) {
    const { y, mo } = monthOf(mi)
    const at = timeOn(h.rng, nextWeekday(dayNo(y, mo, h.rng.int(3, 8))), 9, 12)
    const postedAt = postDelay(h.rng, at)
    if (!h.known(postedAt)) continue
    h.credit({ kind: 'retiree_allocation', amountFen: h.rules.retireeAllocationFen, occurredAt: at, postedAt,
      note: `${periodOf(mi)} 退休人员个人账户定额划入` })
  }
}

/** Residents pay once a year, in the autumn collection window, for the next year; nothing reaches an account. */
export function residentPayments (h: PersonHistory): void {
  const firstYear = monthOf(h.firstMonth).y
  const lastYear = monthOf(h.lastMonth).y + 1
  for (let year = firstYear; year <= lastYear; year++) {
    const paidAt = timeOn(h.rng, dayNo(year - 1, h.rng.int(10, 12), h.rng.int(8, 20)), 9, 21)
    const postedAt = postDelay(h.rng, paidAt)
    if (!h.known(postedAt)) continue
    const premium = residentPremiumFen(year)
    h.contributions.push({
      key: `${h.plan.facts.n}:c:${year}`, period: String(year),
      baseFen: 0, employerFen: 0, // no contribution base and no employer; the fiscal subsidy is not the person's
      personalFen: premium, creditedFen: 0, payingUnit: '个人缴纳（银行代扣）', latePaid: false, paidAt, postedAt,
    })
  }
}

export function yearEndInterest (h: PersonHistory): void {
  for (let year = monthOf(h.firstMonth).y; year <= monthOf(h.lastMonth).y; year++) {
    const at = chinaTime(year, 12, 31, 20, 0, 0)
    const postedAt = postDelay(h.rng, at)
    if (at.getTime() < h.firstMonthStartMs() || !h.known(postedAt)) continue
    h.pending.push({ at, run: (_allow, balance) => {
      const amountFen = Math.floor(balance * INTEREST_RATE_BP / 10_000)
      if (amountFen > 0) h.credit({ kind: 'adjustment', amountFen, occurredAt: at, postedAt, note: `${year}年度个人账户结息` })
    } })
  }
}
