// Account summary contract: what 首页 and 账户余额 show.
import { Type, type Static } from 'typebox'

export const InsuranceType = Type.Union([Type.Literal('employee'), Type.Literal('retiree'), Type.Literal('resident')])
export type InsuranceType = Static<typeof InsuranceType>

/** An amount in fen that cannot be negative (a count of money that only adds up). */
const Fen = (description: string) => Type.Integer({ minimum: 0, description: `${description}，单位：分` })
/** A net amount in fen from the ledger (a refund or correction may take it below zero). */
const NetFen = (description: string) => Type.Integer({ description: `${description}，单位：分` })

/** One yearly resident premium (城乡居民医保个人缴费). */
export const ResidentPremium = Type.Object({
  year: Type.Integer({ minimum: 1900, description: '缴费所属年度（集中缴费期一般在上一年秋季，缴的是这一年的费用）' }),
  amountFen: Fen('个人缴纳金额'),
  paidAt: Type.String({ format: 'date-time', description: '缴费到账时间' }),
}, { description: '一年的城乡居民医保个人缴费' })
export type ResidentPremium = Static<typeof ResidentPremium>

/**
 * This year's money in and out. "This year" is the China calendar year (Asia/Shanghai) of `asOf`, from 1 January
 * 00:00 China time through `asOf`; a ledger posting counts by when the money moved (occurredAt) and only once it has
 * arrived by `asOf`, exactly like the balance. For a person with a personal account the ledger figures reconcile:
 * balanceFen = openingBalanceFen + creditedFen + adjustmentsFen − spentAtHospitalsFen − spentAtPharmaciesFen − mutualAidFen.
 * Residents (no personal account) have 0 in every ledger figure and see their premiums, visits and claims instead.
 */
export const AccountYear = Type.Object({
  year: Type.Integer({ minimum: 1900, description: '年度（中国时间的自然年，数据截至时间所在的年份）' }),
  openingBalanceFen: NetFen('年初余额：1 月 1 日之前发生、数据截至时已入账的流水之和（城乡居民为 0）'),
  creditedFen: NetFen('今年划入个人账户的金额：在职职工为个人缴费划入，退休人员为统筹基金每月定额划入（城乡居民为 0）'),
  adjustmentsFen: NetFen('今年的其他入账调整，如年度结息、更正，可为负（城乡居民为 0）'),
  spentAtHospitalsFen: NetFen('今年本人在医院、社区卫生服务中心等医疗机构就医时从个人账户支付的金额'),
  spentAtPharmaciesFen: NetFen('今年本人在定点药店购药时从个人账户支付的金额'),
  mutualAidFen: NetFen('今年家庭共济从个人账户支付的金额：为亲属支付的医疗费用和为亲属缴纳的城乡居民医保'),
  settlementCount: Type.Integer({ minimum: 0, description: '今年的医保结算笔数（本人就医购药，以及用本人账户为亲属支付的）' }),
  settlementTotalFen: Fen('这些结算的总费用（统筹基金、个人账户、家庭共济、个人现金各部分之和）'),
  fundPaidFen: Fen('其中统筹基金支付的金额'),
  premiums: Type.Array(ResidentPremium, { maxItems: 3, description: '城乡居民最近 3 个年度的个人缴费，年度新的在前（职工和退休人员为空）' }),
  claimsInProgress: Type.Integer({ minimum: 0, description: '正在办理的报销申请数（未打款也未被驳回的，不限年份）' }),
  claimsPaidFen: Fen('今年已打款的报销申请的核定金额之和'),
}, { description: '今年的收支：划入、支出、家庭共济、结算和报销' })
export type AccountYear = Static<typeof AccountYear>

export const AccountSummary = Type.Object({
  maskedName: Type.String({ description: '姓名，首字之外以 * 代替' }),
  insuranceType: InsuranceType,
  insuranceTypeName: Type.String({ description: '职工医保（在职）/ 职工医保（退休）/ 城乡居民医保' }),
  region: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }), name: Type.String() }),
  hasPersonalAccount: Type.Boolean({ description: '城乡居民没有个人账户' }),
  balanceFen: Type.Integer({ description: '个人账户余额，单位：分；由流水求和得出' }),
  asOf: Type.String({ format: 'date-time', description: '数据截至时间' }),
  thisYear: AccountYear,
})
export type AccountSummary = Static<typeof AccountSummary>
