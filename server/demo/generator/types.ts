// What a demo data set is: plain records of the persons, the institutions and each person's history, and the
// version that tells a database made from an older generator.
import type { claimStages, institutionKinds, insuranceTypes, ledgerKinds, visitTypes } from '../../db/schema'

/** Bump whenever the output for the same (asOf, seed) changes: a database made by another version is reseeded. */
export const DEMO_VERSION = 3
/** 国办发〔2021〕14号 was issued on 2021-04-13; any fixed number would do. */
export const DEFAULT_DEMO_SEED = 20210413

export type InsuranceType = (typeof insuranceTypes)[number]
export type InstitutionKind = (typeof institutionKinds)[number]
export type VisitType = (typeof visitTypes)[number]
export type LedgerKind = (typeof ledgerKinds)[number]
export type ClaimStage = (typeof claimStages)[number]
export type ItemCategory = 'A' | 'B' | 'C'

export interface DemoPersonFacts {
  /** 1-based; dev login codes and platform subjects carry it. */
  n: number
  name: string
  insuranceType: InsuranceType
  regionCode: string
  phone: string
  idNumber: string
  cardNumber: string
  /** The card query password (6 digits), stored only scrypt-hashed. */
  queryPassword: string
  wechatCode: string
  alipayCode: string
  wechatSubject: string
  alipaySubject: string
}

/** A claims desk (医保报销窗口): where, when, which phone. */
export interface DemoDesk { place: string; hours: string; phone: string }

export interface DemoInstitution {
  code: string
  name: string
  kind: InstitutionKind
  level: string | null
  regionCode: string
  /** The full address: the region's GB/T 2260 name, then the street. */
  address: string
  /** 医保定点: settlements there are covered. */
  designated: boolean
  /** Null where there is no desk (most pharmacies: their customers claim at the insurance bureau). */
  desk: DemoDesk | null
  /** What to bring to claim there. */
  bring: string[]
  /** The live public entry code (what its QR code carries), drawn from the seeded PRNG. */
  entryCode: string
}

export interface DemoContribution {
  key: string
  period: string // YYYY-MM (employee) or YYYY (resident)
  baseFen: number
  employerFen: number
  personalFen: number
  creditedFen: number
  payingUnit: string
  latePaid: boolean
  paidAt: Date
  /** When the record reached us (ledger credit posted); never after asOf. */
  postedAt: Date
}

export interface DemoSettlementItem { name: string; category: ItemCategory; quantity: number; amountFen: number; fundCoveredFen: number }

export interface DemoSettlement {
  key: string
  institutionCode: string
  visitType: VisitType
  settledAt: Date
  /** When the settlement reached us: 1–3 days after it happened, never after asOf. */
  postedAt: Date
  totalFen: number
  fundFen: number
  accountFen: number
  mutualAidFen: number
  selfFen: number
  beneficiaryName: string | null
  beneficiaryRelation: string | null
  items: DemoSettlementItem[]
}

export interface DemoLedgerEntry {
  kind: LedgerKind
  amountFen: number
  occurredAt: Date
  postedAt: Date
  contributionKey: string | null
  settlementKey: string | null
  counterpartyName: string | null
  note: string | null
}

export interface DemoClaimDeduction { kind: 'deductible' | 'co_pay' | 'self_pay' | 'over_limit' | 'other'; amountFen: number }

export interface DemoClaimEvent { stage: ClaimStage; occurredAt: Date; note: string }

/** Where a claim's money goes: the person's social security card bank account (only `**** 1234` is ever shown). */
export interface DemoPayout { bankName: string; cardNumber: string }

export interface DemoClaim {
  claimNo: string
  institutionCode: string | null
  title: string
  stage: ClaimStage
  claimedFen: number
  approvedFen: number | null
  missingMaterials: string[]
  /** The parts of the claim the review did not pay, adding up to claimed − approved (empty before approval). */
  deductions: DemoClaimDeduction[]
  /** The bureau's reason for a rejected claim, else null. */
  rejectReason: string | null
  submittedAt: Date
  updatedAt: Date
  events: DemoClaimEvent[]
  /** Null while the person has not given a bank account yet (it is then among the missing materials). */
  payout: DemoPayout | null
}

export interface DemoPersonData {
  facts: DemoPersonFacts
  contributions: DemoContribution[]
  settlements: DemoSettlement[]
  /** Sorted by occurredAt; every entry posted ≤ asOf. */
  ledger: DemoLedgerEntry[]
  claims: DemoClaim[]
  /** Sum of the ledger (0 for residents, who have no personal account). */
  balanceFen: number
}

export interface DemoData {
  version: number
  seed: number
  asOf: Date
  institutions: DemoInstitution[]
  persons: DemoPersonData[]
}
