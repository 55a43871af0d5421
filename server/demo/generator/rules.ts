// The regional and national rules the histories follow: where people of each region are treated, contribution rates
// and bases, retiree allocations, resident premiums, account interest and how much of a bill the pooled fund pays.
import type { InsuranceType } from './types'

export type RegionCode = '310104' | '110105' | '440106' | '330106'
export const REGIONS: readonly RegionCode[] = ['310104', '110105', '440106', '330106']

export interface RegionRules {
  /** Where people of the region go for everyday care and medicine, and for a hospital stay. */
  outpatient: string[]
  pharmacy: string[]
  inpatient: string
  /** Employer rate in basis points: 6–10% by region; illustrative, it goes to the pooled fund and is never credited. */
  employerRateBp: number
  /** Lowest monthly contribution base, yuan (about 60% of the regional average wage). */
  minBaseYuan: number
  /** Fixed monthly allocation to a retiree's account, fen: about 2% of the region's average pension. */
  retireeAllocationFen: number
}

export const RULES: Record<RegionCode, RegionRules> = {
  '310104': { outpatient: ['H31010400001', 'H31010400002', 'H31010400003'], pharmacy: ['P31010400001', 'P31010400002'],
    inpatient: 'H31010400002', employerRateBp: 950, minBaseYuan: 7460, retireeAllocationFen: 10_600 },
  '110105': { outpatient: ['H11010500001', 'H11010500002'], pharmacy: ['P11010500001'],
    inpatient: 'H11010500001', employerRateBp: 980, minBaseYuan: 6820, retireeAllocationFen: 10_000 },
  '440106': { outpatient: ['H44010600001', 'H44010600002'], pharmacy: ['P44010600001'],
    inpatient: 'H44010600001', employerRateBp: 650, minBaseYuan: 5280, retireeAllocationFen: 9_000 },
  '330106': { outpatient: ['H33010600001'], pharmacy: ['P33010600001'],
    inpatient: 'H33010600001', employerRateBp: 900, minBaseYuan: 4460, retireeAllocationFen: 8_200 },
}

/** The personal contribution is 2% of the base; since the 2021 reform it is exactly what the account receives. */
export const PERSONAL_RATE_BP = 200
/** Yearly interest on the personal account (demand-deposit level), credited as an 'adjustment' at year end. */
export const INTEREST_RATE_BP = 35

/** The individual resident premium by coverage year (the national minimum of that year), fen. */
export function residentPremiumFen (year: number): number {
  if (year <= 2021) return 32_000
  if (year === 2022) return 35_000
  if (year === 2023) return 38_000
  return 40_000
}

/** Share of a catalogue-A item paid by the pooled fund; catalogue B pays 90% of that, C (丙类) nothing. */
export type CareSetting = 'hospital' | 'clinic' | 'pharmacy' | 'inpatient'
export const FUND_RATIO: Record<InsuranceType, Record<CareSetting, number>> = {
  employee: { hospital: 0.5, clinic: 0.7, pharmacy: 0, inpatient: 0.85 },
  retiree: { hospital: 0.7, clinic: 0.85, pharmacy: 0, inpatient: 0.9 },
  resident: { hospital: 0.5, clinic: 0.6, pharmacy: 0, inpatient: 0.7 },
}
