// The plan of one person's story: what the history builder lays out (months, spending, employers, gaps, a stay,
// family mutual aid, unusual charges, claims).
import type { STAYS } from './items'
import type { ClaimStage, DemoClaimDeduction, DemoPersonFacts } from './types'

export interface PersonPlan {
  facts: DemoPersonFacts
  /** Months of history, counting the asOf month. */
  months: number
  /** Average settlements per month. */
  spendPerMonth: number
  employer?: { units: { fromMonth: number; name: string }[]; baseFen: (mi: number) => number }
  gapMonth?: number
  latePaidMonth?: number
  outlierMonth?: number
  stay?: { template: keyof typeof STAYS; month: number }
  mutualAid?: { child: { name: string; relation: string; month: number }; premium?: { name: string; relation: string } }
  /** Charges the unusual-charge rules must catch (server/domain/anomalies.ts), besides the night-time outlier. */
  oddCharges?: { farAwayMonth: number; farAwayCode: string; repeatedMonth: number }
  claims: ClaimPlan[]
}

export interface ClaimPlan {
  stage: ClaimStage
  title: string
  institutionCode: string | null
  claimedFen: number
  approvedFen?: number
  /** Why approvedFen is below claimedFen; they must add up to the difference. */
  deductions?: DemoClaimDeduction[]
  /** Days before asOf of the last event. */
  endDaysAgo: number
  missingMaterials?: string[]
  rejectReason?: string
  /** The bank account is still missing (it is one of the missing materials): no payout yet. */
  noPayout?: boolean
}
