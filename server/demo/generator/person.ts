// Builds one person's history from a plan: money in, money out, the queue settled in time order, then the claims;
// every list sorted by time.
import type { Prng } from '../prng'
import { claim } from './claims'
import { employeeContributions, residentPayments, retireeAllocations, yearEndInterest } from './contributions'
import { PersonHistory } from './history'
import type { PersonPlan } from './plan'
import { everydaySpending, familyMutualAid, hospitalStay, oddCharges, planOutlier } from './settlements'
import type { DemoPersonData } from './types'

export function buildPerson (plan: PersonPlan, rng: Prng, asOf: Date): DemoPersonData {
  const h = new PersonHistory(plan, rng, asOf)
  const t = plan.facts.insuranceType
  if (t === 'employee') employeeContributions(h)
  if (t === 'retiree') retireeAllocations(h)
  if (t === 'resident') residentPayments(h)
  everydaySpending(h)
  if (plan.stay) hospitalStay(h, plan.stay.template, plan.stay.month)
  if (plan.mutualAid) familyMutualAid(h, plan.mutualAid)
  if (plan.oddCharges) oddCharges(h, plan.oddCharges)
  if (h.hasAccount) yearEndInterest(h)
  h.settleInTimeOrder(planOutlier(h))
  for (const [i, c] of plan.claims.entries()) claim(h, c, i)

  h.contributions.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime())
  h.settlements.sort((a, b) => a.settledAt.getTime() - b.settledAt.getTime())
  h.ledger.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.postedAt.getTime() - b.postedAt.getTime())
  h.claims.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
  return {
    facts: plan.facts,
    contributions: h.contributions, settlements: h.settlements, ledger: h.ledger, claims: h.claims,
    balanceFen: h.ledger.reduce((s, e) => s + e.amountFen, 0),
  }
}

/** Refuses an asOf that is not a valid Date before anything is drawn. */
export function checkAsOf (asOf: Date): void {
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new Error('asOf must be a valid Date')
}

