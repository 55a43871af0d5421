// Account summary contract: what 首页 and 账户余额 show.
import { Type, type Static } from 'typebox'

export const InsuranceType = Type.Union([Type.Literal('employee'), Type.Literal('retiree'), Type.Literal('resident')])
export type InsuranceType = Static<typeof InsuranceType>

export const AccountSummary = Type.Object({
  maskedName: Type.String({ description: '姓名，首字之外以 * 代替' }),
  insuranceType: InsuranceType,
  insuranceTypeName: Type.String({ description: '职工医保（在职）/ 职工医保（退休）/ 城乡居民医保' }),
  region: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }), name: Type.String() }),
  hasPersonalAccount: Type.Boolean({ description: '城乡居民没有个人账户' }),
  balanceFen: Type.Integer({ description: '个人账户余额，单位：分；由流水求和得出' }),
  asOf: Type.String({ format: 'date-time', description: '数据截至时间' }),
})
export type AccountSummary = Static<typeof AccountSummary>
