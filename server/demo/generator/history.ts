// One person's history while it is laid out: the records made so far, the account's credits, and the queue of
// events that take money from it. Credits (contributions, allocations, interest) and spending are laid out first,
// then the queue is settled in time order against what the account can pay at that moment.
import type { Prng } from '../prng'
import { chinaTime, monthIndexOf, monthOf } from './china-time'
import type { PersonPlan } from './plan'
import { RULES, type RegionCode, type RegionRules } from './rules'
import type { DemoClaim, DemoContribution, DemoLedgerEntry, DemoSettlement } from './types'

interface Credit { postedMs: number; amountFen: number }
/** `allowFen`: what this event may take from the account; `balanceFen`: what the account holds at that moment. */
interface Pending { at: Date; run: (allowFen: number, balanceFen: number) => void }

export class PersonHistory {
  readonly contributions: DemoContribution[] = []
  readonly settlements: DemoSettlement[] = []
  readonly ledger: DemoLedgerEntry[] = []
  readonly claims: DemoClaim[] = []
  readonly credits: Credit[] = []
  readonly pending: Pending[] = []
  private debitedFen = 0
  private settlementSeq = 0
  readonly asOfMs: number
  readonly firstMonth: number
  readonly lastMonth: number
  readonly hasAccount: boolean
  readonly rules: RegionRules

  constructor (readonly plan: PersonPlan, readonly rng: Prng, readonly asOf: Date) {
    this.asOfMs = asOf.getTime()
    this.lastMonth = monthIndexOf(asOf)
    this.firstMonth = this.lastMonth - plan.months + 1
    this.hasAccount = plan.facts.insuranceType !== 'resident'
    const rules = RULES[plan.facts.regionCode as RegionCode] as RegionRules | undefined
    if (!rules) throw new Error(`no demo rules for region ${plan.facts.regionCode}`)
    this.rules = rules
  }

  known (posted: Date): boolean { return posted.getTime() <= this.asOfMs }

  firstMonthStartMs (): number {
    const { y, mo } = monthOf(this.firstMonth)
    return chinaTime(y, mo, 1).getTime()
  }

  /** The key of the next settlement, unique within the person. */
  nextSettlementKey (): string {
    return `${this.plan.facts.n}:s:${++this.settlementSeq}`
  }

  credit (e: Omit<DemoLedgerEntry, 'contributionKey' | 'settlementKey' | 'counterpartyName'> & { contributionKey?: string }): void {
    this.ledger.push({ contributionKey: null, settlementKey: null, counterpartyName: null, ...e })
    this.credits.push({ postedMs: e.postedAt.getTime(), amountFen: e.amountFen })
  }

  debit (e: Omit<DemoLedgerEntry, 'contributionKey'>): void {
    this.ledger.push({ contributionKey: null, ...e })
    this.debitedFen -= e.amountFen
  }

  /**
   * Settles the queue in time order. What the account can pay at time t is what had been posted to it before t,
   * less everything it already paid: the core system pays at once but credits only once they are posted. That
   * rule keeps the running balance ≥ 0 whether entries are ordered by occurredAt or by postedAt.
   * The outlier is planned (and queued) first and everyday spending leaves room for it, so it is always paid in full.
   */
  settleInTimeOrder (outlier: { ms: number; fen: number } | undefined): void {
    const queue = [...this.pending].sort((a, b) => a.at.getTime() - b.at.getTime())
    for (const p of queue) {
      const t = p.at.getTime()
      let available = -this.debitedFen
      for (const c of this.credits) if (c.postedMs < t) available += c.amountFen
      let reserve = 0
      if (outlier && t < outlier.ms) {
        let coming = 0
        for (const c of this.credits) if (c.postedMs >= t && c.postedMs < outlier.ms) coming += c.amountFen
        reserve = Math.max(0, outlier.fen - coming)
      }
      p.run(Math.max(0, available - reserve), available)
    }
  }
}
