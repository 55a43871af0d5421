// Money out: everyday outpatient and pharmacy settlements, a hospital stay, 家庭共济 for relatives, the unusual charges
// the anomaly rules must catch, and the one night-time outlier. Each is queued on the person's history, which settles
// them in time order against what the account holds.
import type { Prng } from '../prng'
import { MINUTE, chinaTime, dayNo, daysInMonth, monthOf, nextWeekday, postDelay, timeOn } from './china-time'
import type { PersonHistory } from './history'
import { institutionByCode } from './institutions'
import { CHRONIC_MEDS, CONSULTATIONS, OUTLIER_ITEM, OUTPATIENT_EXTRAS, PEDIATRIC, PHARMACY_ITEMS, STAYS, drawItems, pickSome } from './items'
import type { PersonPlan } from './plan'
import { residentPremiumFen, type CareSetting } from './rules'
import type { DemoSettlementItem, VisitType } from './types'

export function everydaySpending (h: PersonHistory): void {
  const t = h.plan.facts.insuranceType
  const outpatientShare = t === 'employee' ? 0.45 : t === 'retiree' ? 0.6 : 0.7
  for (let mi = h.firstMonth; mi <= h.lastMonth; mi++) {
    const whole = Math.floor(h.plan.spendPerMonth)
    const count = whole + (h.rng.chance(h.plan.spendPerMonth - whole) ? 1 : 0)
    const { y, mo } = monthOf(mi)
    for (let k = 0; k < count; k++) {
      const dn = dayNo(y, mo, h.rng.int(1, daysInMonth(y, mo)))
      if (h.rng.chance(outpatientShare)) {
        const code = h.rng.pick(h.rules.outpatient)
        const setting: CareSetting = institutionByCode.get(code)!.kind === 'clinic' ? 'clinic' : 'hospital'
        const templates = t === 'retiree'
          ? [CONSULTATIONS[0]!, ...pickSome(h.rng, CHRONIC_MEDS, 2, 4)]
          : [h.rng.pick(CONSULTATIONS), ...pickSome(h.rng, OUTPATIENT_EXTRAS, 1, 3)]
        settlement(h, { code, visitType: 'outpatient', at: timeOn(h.rng, dn, 8, 17), items: drawItems(h.rng, templates, t, setting) })
      } else {
        const items = drawItems(h.rng, pickSome(h.rng, PHARMACY_ITEMS, 1, 3), t, 'pharmacy')
        settlement(h, { code: h.rng.pick(h.rules.pharmacy), visitType: 'pharmacy', at: timeOn(h.rng, dn, 9, 21), items })
      }
    }
  }
}

export function hospitalStay (h: PersonHistory, template: keyof typeof STAYS, month: number): void {
  const stay = STAYS[template]
  const { y, mo } = monthOf(month)
  const days = h.rng.int(stay.days[0], stay.days[1])
  const discharge = dayNo(y, mo, h.rng.int(1, 20)) + days
  const items = drawItems(h.rng, stay.items(days), h.plan.facts.insuranceType, 'inpatient')
  settlement(h, { code: h.rules.inpatient, visitType: 'inpatient', at: timeOn(h.rng, discharge, 10, 16), items })
}

/** 家庭共济: a child's clinic bill and a parent's resident premium, both paid from this account. */
export function familyMutualAid (h: PersonHistory, aid: NonNullable<PersonPlan['mutualAid']>): void {
  const { y, mo } = monthOf(aid.child.month)
  const items = drawItems(h.rng, [PEDIATRIC[0]!, ...pickSome(h.rng, PEDIATRIC.slice(1), 3, 4)], 'resident', 'hospital')
  settlement(h, { code: 'H31010400004', visitType: 'outpatient', at: timeOn(h.rng, dayNo(y, mo, h.rng.int(3, 26)), 9, 17),
    items, beneficiary: { name: aid.child.name, relation: aid.child.relation } })

  const premium = aid.premium
  if (!premium) return
  // The premium goes in the autumn collection window: the latest November that has fully reached us.
  const asOfYear = monthOf(h.lastMonth).y
  const year = h.asOfMs >= chinaTime(asOfYear, 11, 28).getTime() ? asOfYear : asOfYear - 1
  const at = timeOn(h.rng, nextWeekday(dayNo(year, 11, h.rng.int(5, 22))), 10, 20)
  const postedAt = postDelay(h.rng, at)
  if (at.getTime() < h.firstMonthStartMs() || !h.known(postedAt)) return
  const amountFen = residentPremiumFen(year + 1)
  h.pending.push({ at, run: (allow) => {
    if (allow < amountFen) return // a premium is paid whole or not at all
    h.debit({ kind: 'mutual_aid', amountFen: -amountFen, occurredAt: at, postedAt, settlementKey: null,
      counterpartyName: premium.name, note: `家庭共济：为${premium.relation}缴纳${year + 1}年度城乡居民医保` })
  } })
}

/**
 * The unusual-charge demo cases: a pharmacy purchase in a city far from home, and the same pharmacy charge twice a
 * few minutes apart. They draw from their own stream, so the rest of the person's story is not reshuffled.
 */
export function oddCharges (h: PersonHistory, o: NonNullable<PersonPlan['oddCharges']>): void {
  const rng = h.rng.fork('odd-charges')
  const t = h.plan.facts.insuranceType
  const far = monthOf(o.farAwayMonth)
  settlement(h, { code: o.farAwayCode, visitType: 'pharmacy', at: timeOn(rng, dayNo(far.y, far.mo, rng.int(3, 26)), 10, 18),
    items: drawItems(rng, pickSome(rng, PHARMACY_ITEMS, 1, 2), t, 'pharmacy'), rng })
  const rep = monthOf(o.repeatedMonth)
  const first = timeOn(rng, dayNo(rep.y, rep.mo, rng.int(3, 26)), 10, 18)
  const items = drawItems(rng, pickSome(rng, PHARMACY_ITEMS, 1, 2), t, 'pharmacy')
  const code = h.rules.pharmacy[0]!
  settlement(h, { code, visitType: 'pharmacy', at: first, items, rng })
  const again = new Date(first.getTime() + rng.int(2, 6) * MINUTE + rng.int(0, 59) * 1000)
  settlement(h, { code, visitType: 'pharmacy', at: again, items: items.map((i) => ({ ...i })), rng })
}

/** Queues a settlement: the split between account (or a relative's account) and cash is decided in time order. */
function settlement (h: PersonHistory, s: { code: string; visitType: VisitType; at: Date; items: DemoSettlementItem[]; beneficiary?: { name: string; relation: string }; rng?: Prng }): void {
  if (s.at.getTime() < h.firstMonthStartMs()) return
  const postedAt = postDelay(s.rng ?? h.rng, s.at)
  if (!h.known(postedAt)) return
  const key = h.nextSettlementKey()
  const totalFen = s.items.reduce((sum, i) => sum + i.amountFen, 0)
  const fundFen = s.items.reduce((sum, i) => sum + i.fundCoveredFen, 0)
  h.pending.push({ at: s.at, run: (allow) => {
    const rest = totalFen - fundFen
    const fromAccount = h.hasAccount ? Math.min(rest, allow) : 0
    const accountFen = s.beneficiary ? 0 : fromAccount
    const mutualAidFen = s.beneficiary ? fromAccount : 0
    h.settlements.push({
      key, institutionCode: s.code, visitType: s.visitType, settledAt: s.at, postedAt,
      totalFen, fundFen, accountFen, mutualAidFen, selfFen: rest - fromAccount,
      beneficiaryName: s.beneficiary?.name ?? null, beneficiaryRelation: s.beneficiary?.relation ?? null, items: s.items,
    })
    if (fromAccount > 0) {
      h.debit({ kind: s.beneficiary ? 'mutual_aid' : 'consumption', amountFen: -fromAccount, occurredAt: s.at, postedAt,
        settlementKey: key, counterpartyName: s.beneficiary?.name ?? null,
        note: s.beneficiary ? `家庭共济：为${s.beneficiary.relation}支付医疗费用` : null })
    }
  } })
}

/** Queues the one unusual charge (night, 24-hour pharmacy, paid wholly from the account) and returns its size. */
export function planOutlier (h: PersonHistory): { ms: number; fen: number } | undefined {
  if (h.plan.outlierMonth === undefined) return undefined
  const { y, mo } = monthOf(h.plan.outlierMonth)
  const at = timeOn(h.rng, dayNo(y, mo, h.rng.int(5, 25)), 1, 4)
  const postedAt = postDelay(h.rng, at)
  if (at.getTime() < h.firstMonthStartMs() || !h.known(postedAt)) return undefined
  let before = 0
  for (const c of h.credits) if (c.postedMs < at.getTime()) before += c.amountFen
  // Never more than 60% of what had been credited, so the everyday spending before it still gets some account money.
  const quantity = Math.min(OUTLIER_ITEM.maxQty, Math.floor(before * 0.6 / OUTLIER_ITEM.unitFen))
  if (quantity < 1) return undefined
  const amountFen = quantity * OUTLIER_ITEM.unitFen
  const item: DemoSettlementItem = { name: OUTLIER_ITEM.name, category: OUTLIER_ITEM.category, quantity, amountFen, fundCoveredFen: 0 }
  const code = h.rules.pharmacy[h.rules.pharmacy.length - 1]!
  const key = h.nextSettlementKey()
  h.pending.push({ at, run: (allow) => {
    const accountFen = Math.min(amountFen, allow)
    h.settlements.push({ key, institutionCode: code, visitType: 'pharmacy', settledAt: at, postedAt, totalFen: amountFen,
      fundFen: 0, accountFen, mutualAidFen: 0, selfFen: amountFen - accountFen, beneficiaryName: null, beneficiaryRelation: null,
      items: [item] })
    if (accountFen > 0) h.debit({ kind: 'consumption', amountFen: -accountFen, occurredAt: at, postedAt, settlementKey: key, counterpartyName: null, note: null })
  } })
  return { ms: at.getTime(), fen: amountFen }
}
