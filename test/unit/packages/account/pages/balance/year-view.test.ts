// 账户余额's view: a resident's key figure (this year's 参保状态 and premium) where an account holder sees the balance,
// and 家庭共济 among the year's lines only when money went that way.
import { balanceView } from '../../../../../../src/packages/account/pages/balance/year-view'
import type { AccountSummary } from '../../../../../../types/api/account'

function summary (over: Partial<AccountSummary> = {}, year: Partial<AccountSummary['thisYear']> = {}): AccountSummary {
  return {
    maskedName: '王*', insuranceType: 'retiree', insuranceTypeName: '职工医保（退休）', region: { code: '110105', name: '北京市朝阳区' },
    hasPersonalAccount: true, balanceFen: 250_000, asOf: '2026-12-06T16:00:00.000Z',
    thisYear: {
      year: 2026, openingBalanceFen: 200_000, creditedFen: 110_000, adjustmentsFen: 0, spentAtHospitalsFen: 40_000,
      spentAtPharmaciesFen: 20_000, mutualAidFen: 0, settlementCount: 12, settlementTotalFen: 300_000, fundPaidFen: 150_000,
      premiums: [], claimsInProgress: 1, claimsPaidFen: 0, ...year,
    },
    ...over,
  }
}

describe('balance view', () => {
  it('leaves out 家庭共济 when nothing went that way, and the sum still ends at the balance', () => {
    const view = balanceView(summary())
    expect(view.reconciliation!.rows.map((r) => r.key)).toEqual(['credited', 'hospitals', 'pharmacies'])
    expect(view.reconciliation!.equation!.map((t) => t.term)).toEqual(['年初余额 ¥2,000.00', '收入 ¥1,100.00', '支出 ¥600.00', '当前余额 ¥2,500.00'])
    expect(view.standing).toBeNull()
  })

  it('shows 家庭共济 when money went that way', () => {
    const view = balanceView(summary({ balanceFen: 240_000 }, { mutualAidFen: 10_000 }))
    expect(view.reconciliation!.rows.map((r) => `${r.label} ${r.amount}`)).toContain('家庭共济 −¥100.00')
    expect(view.reconciliation!.equation).not.toBeNull()
  })

  it('a resident: this year\'s 参保状态 and premium are the key figure', () => {
    const resident = summary({ insuranceType: 'resident', insuranceTypeName: '城乡居民医保', hasPersonalAccount: false, balanceFen: 0 }, {
      openingBalanceFen: 0, creditedFen: 0, spentAtHospitalsFen: 0, spentAtPharmaciesFen: 0,
      premiums: [{ year: 2026, amountFen: 40_000, paidAt: '2025-11-19T02:33:05.000Z' }, { year: 2025, amountFen: 38_000, paidAt: '2024-11-20T02:00:00.000Z' }],
    })
    expect(balanceView(resident).standing).toEqual({
      label: '2026年度参保状态', status: '已参保', covered: true, detail: '2026年度个人缴费 ¥400.00，2025年11月19日缴纳', premiumFen: 40_000,
    })
    const unpaid = balanceView({ ...resident, thisYear: { ...resident.thisYear, premiums: resident.thisYear.premiums.slice(1) } }).standing!
    expect(unpaid).toMatchObject({ status: '未查到缴费', covered: false, premiumFen: null })
    expect(unpaid.detail).toMatch(/^还没有查到2026年度的缴费/)
    expect(balanceView(resident).reconciliation).toBeNull()
  })
})
