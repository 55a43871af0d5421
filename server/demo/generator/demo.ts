// The demo data set: the stories of the fixed demo persons, relative to the asOf month so that every asOf gives the
// same shape, built into their histories.
import { Prng } from '../prng'
import { monthIndexOf, monthOf } from './china-time'
import { DEMO_INSTITUTIONS, copyInstitution } from './institutions'
import { checkAsOf, buildPerson } from './person'
import { DEMO_PERSONS } from './persons'
import type { PersonPlan } from './plan'
import { DEFAULT_DEMO_SEED, DEMO_VERSION, type DemoData, type DemoPersonFacts } from './types'

function demoPlans (rng: Prng, asOf: Date): PersonPlan[] {
  const now = monthIndexOf(asOf)
  const [p1, p2, p3, p4] = DEMO_PERSONS as [DemoPersonFacts, DemoPersonFacts, DemoPersonFacts, DemoPersonFacts]
  const gapMonth = now - rng.int(16, 22)
  // Shanghai adjusts the contribution base every July; the new employer after the gap pays on a higher base.
  const baseYear = (mi: number) => { const { y, mo } = monthOf(mi); return mo >= 7 ? y : y - 1 }
  const p1Base = (mi: number) => Math.round((11_000 + 650 * (baseYear(mi) - 2020)) * (mi > gapMonth ? 1.12 : 1)) * 100
  return [
    {
      facts: p1, months: 36, spendPerMonth: 1.6,
      employer: { units: [{ fromMonth: -Infinity, name: '上海申江信息技术有限公司' }, { fromMonth: gapMonth + 1, name: '上海漕河泾智能制造有限公司' }], baseFen: p1Base },
      gapMonth, latePaidMonth: now - rng.int(6, 9), outlierMonth: now - rng.int(2, 4),
      stay: { template: 'appendix', month: now - rng.int(10, 14) },
      mutualAid: { child: { name: '陈小满', relation: '女儿', month: now - rng.int(5, 8) }, premium: { name: '陈国栋', relation: '父亲' } },
      oddCharges: { farAwayMonth: now - 1, farAwayCode: 'P44010600001', repeatedMonth: now - 3 },
      claims: [
        { stage: 'paid', title: '异地就医门诊费用报销（浙江省杭州市）', institutionCode: 'H33010600001', claimedFen: 128_640, approvedFen: 110_230,
          deductions: [{ kind: 'deductible', amountFen: 10_000 }, { kind: 'co_pay', amountFen: 8_410 }], endDaysAgo: rng.int(200, 260) },
        { stage: 'rejected', title: '外购药品费用报销', institutionCode: null, claimedFen: 46_800, endDaysAgo: rng.int(100, 140),
          rejectReason: '所购药品为医保目录外（丙类）药品，不予报销' },
        { stage: 'materials_needed', title: '住院费用零星报销', institutionCode: 'H31010400001', claimedFen: 862_450, endDaysAgo: rng.int(8, 15),
          missingMaterials: ['出院小结（加盖医院公章）', '住院费用明细清单', '本人社会保障卡银行账户信息'], noPayout: true },
        { stage: 'first_review', title: '外地急诊费用报销（江苏省苏州市）', institutionCode: null, claimedFen: 35_620, endDaysAgo: rng.int(1, 3) },
      ],
    },
    {
      facts: p2, months: 36, spendPerMonth: 1.8,
      stay: { template: 'cataract', month: now - rng.int(15, 25) },
      claims: [
        { stage: 'approved', title: '异地就医住院费用报销（海南省三亚市）', institutionCode: null, claimedFen: 523_000, approvedFen: 418_400,
          deductions: [{ kind: 'deductible', amountFen: 80_000 }, { kind: 'self_pay', amountFen: 24_600 }], endDaysAgo: rng.int(4, 9) },
        // Just handed in; a fixed day rather than a PRNG draw, so that the other persons' data stay as they were.
        { stage: 'submitted', title: '门诊慢特病费用报销（高血压）', institutionCode: 'H11010500001', claimedFen: 68_450, endDaysAgo: 1 },
      ],
    },
    {
      facts: p3, months: 36, spendPerMonth: 1.1,
      stay: { template: 'gallbladder', month: now - rng.int(6, 18) },
      claims: [
        { stage: 'second_review', title: '门诊慢特病费用报销', institutionCode: 'H44010600001', claimedFen: 96_300, endDaysAgo: rng.int(2, 6) },
      ],
    },
    {
      // A short, simple history: started her first job four months ago, a few pharmacy visits, no claims.
      facts: p4, months: 4, spendPerMonth: 0.6,
      employer: { units: [{ fromMonth: -Infinity, name: '杭州西溪数智科技有限公司' }], baseFen: () => 680_000 },
      claims: [],
    },
  ]
}

/** The demo data set: the fixed persons of DEMO_PERSONS with about three years of records up to asOf. */
export function generateDemo (o: { asOf: Date; seed?: number }): DemoData {
  checkAsOf(o.asOf)
  const seed = o.seed ?? DEFAULT_DEMO_SEED
  const root = new Prng(seed)
  const plans = demoPlans(root.fork('plans'), o.asOf)
  return {
    version: DEMO_VERSION, seed, asOf: new Date(o.asOf.getTime()),
    institutions: DEMO_INSTITUTIONS.map(copyInstitution),
    persons: plans.map((p) => buildPerson(p, root.fork(`person-${p.facts.n}`), o.asOf)),
  }
}
