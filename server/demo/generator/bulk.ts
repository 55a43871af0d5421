// Bulk data for benchmarks: many synthetic persons through the same history builder. Ledger entries per employee are
// about months × (1 + spendPerMonth × share paid from the account) plus a yearly interest entry.
import { Prng } from '../prng'
import { monthIndexOf, monthOf, pad } from './china-time'
import { CLAIM_PATHS } from './claims'
import { DEMO_INSTITUTIONS, copyInstitution } from './institutions'
import { checkAsOf, buildPerson } from './person'
import { facts, idNumber } from './persons'
import type { PersonPlan } from './plan'
import { REGIONS, RULES } from './rules'
import { DEFAULT_DEMO_SEED, DEMO_VERSION, type ClaimStage, type DemoData, type DemoPersonData, type InsuranceType } from './types'

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东', '子涵', '雨萱']

/** Every bulk person shares one query password, so that seeding hashes it once (scrypt is slow on purpose). */
export const BULK_QUERY_PASSWORD = '246810'

export interface BulkOptions {
  asOf: Date
  /** How many persons. */
  persons: number
  /** Months of history per person (default 36). */
  months?: number
  /** Average settlements per person and month (default 2). */
  spendPerMonth?: number
  seed?: number
}

export function generateBulk (o: BulkOptions): DemoData {
  checkAsOf(o.asOf)
  if (!Number.isInteger(o.persons) || o.persons < 0) throw new Error('persons must be a non-negative integer')
  const months = o.months ?? 36
  if (!Number.isInteger(months) || months < 1) throw new Error('months must be a positive integer')
  const spendPerMonth = o.spendPerMonth ?? 2
  const seed = o.seed ?? DEFAULT_DEMO_SEED
  const root = new Prng(seed)
  const now = monthIndexOf(o.asOf)
  const asOfYear = monthOf(now).y
  const usedIds = new Set<string>()
  const persons: DemoPersonData[] = []
  for (let i = 0; i < o.persons; i++) {
    const n = i + 1
    const rng = root.fork(`bulk-${n}`)
    const regionCode = rng.pick(REGIONS)
    const roll = rng.next()
    const insuranceType: InsuranceType = roll < 0.7 ? 'employee' : roll < 0.9 ? 'retiree' : 'resident'
    const birthYear = insuranceType === 'retiree' ? rng.int(asOfYear - 85, asOfYear - 61)
      : insuranceType === 'employee' ? rng.int(asOfYear - 58, asOfYear - 20) : rng.int(asOfYear - 75, asOfYear - 5)
    const birth = `${birthYear}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`
    let seq = rng.int(0, 999)
    let id = idNumber(`${regionCode.slice(0, 2)}9901`, birth, pad(seq, 3))
    while (usedIds.has(id)) { seq = (seq + 2) % 1000; id = idNumber(`${regionCode.slice(0, 2)}9901`, birth, pad(seq, 3)) }
    usedIds.add(id)
    const f = facts(n, {
      name: rng.pick(SURNAMES) + rng.pick(GIVEN), insuranceType, regionCode,
      phone: `139${pad(n, 8)}`, idNumber: id, cardNumber: `BK${pad(n, 8)}`, queryPassword: BULK_QUERY_PASSWORD,
    })
    const baseFen = rng.int(RULES[regionCode].minBaseYuan, RULES[regionCode].minBaseYuan * 3) * 100
    const plan: PersonPlan = {
      facts: f, months, spendPerMonth,
      employer: insuranceType === 'employee' ? { units: [{ fromMonth: -Infinity, name: '演示企业有限公司' }], baseFen: () => baseFen } : undefined,
      gapMonth: insuranceType === 'employee' && months > 6 && rng.chance(0.05) ? now - rng.int(3, months - 2) : undefined,
      claims: rng.chance(0.3)
        ? [{ stage: rng.pick(Object.keys(CLAIM_PATHS) as ClaimStage[]), title: '门诊费用零星报销', institutionCode: RULES[regionCode].outpatient[0]!,
            claimedFen: rng.int(100, 5_000) * 100, endDaysAgo: rng.int(1, 60), missingMaterials: ['费用明细清单'] }]
        : [],
    }
    const first = plan.claims[0]
    if (first?.stage === 'approved' || first?.stage === 'paid') {
      first.approvedFen = Math.round(first.claimedFen * 0.8)
      first.deductions = [{ kind: 'co_pay', amountFen: first.claimedFen - first.approvedFen }]
    }
    persons.push(buildPerson(plan, rng.fork('history'), o.asOf))
  }
  return { version: DEMO_VERSION, seed, asOf: new Date(o.asOf.getTime()), institutions: DEMO_INSTITUTIONS.map(copyInstitution), persons }
}
