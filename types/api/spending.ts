// 消费记录 contract: GET /api/v1/spending (settlements at hospitals and pharmacies, newest first), GET
// /api/v1/spending/{id} (one settlement with its items and disputes), the institutions the person has been to (for
// the filter), the family mutual-aid premiums paid from the account (家庭共济缴费, not settlements), and
// 「不是我的消费」: POST /api/v1/spending/{id}/disputes, POST /api/v1/spending/{id}/disputes/{disputeId}/withdraw.
import { Type, type Static } from 'typebox'
import { PageQuery } from './list'

export const VisitType = Type.Union([Type.Literal('outpatient'), Type.Literal('inpatient'), Type.Literal('pharmacy')], {
  description: 'outpatient 门诊；inpatient 住院；pharmacy 药店',
})
export type VisitType = Static<typeof VisitType>

export const InstitutionKind = Type.Union([Type.Literal('hospital'), Type.Literal('pharmacy'), Type.Literal('clinic')], {
  description: 'hospital 医院；pharmacy 药店；clinic 社区卫生服务中心、诊所',
})
export type InstitutionKind = Static<typeof InstitutionKind>

/** A national 定点医药机构 code: a letter and digits, e.g. H31010400001. */
export const InstitutionCode = Type.String({ pattern: '^[A-Z][0-9A-Z]{5,31}$', description: '定点医药机构编码，如 H31010400001' })

const Fen = (description: string) => Type.Integer({ minimum: 0, description: `${description}，单位：分` })
const Time = (description: string) => Type.String({ format: 'date-time', description })

/**
 * Query: the shared page parameters (`from` / `to` select by 结算日期, China dates, inclusive), a visit type and an
 * institution code (from GET /api/v1/spending/institutions). A cursor belongs to the filters it was made with.
 */
export const SpendingQuery = Type.Object({
  ...PageQuery.properties,
  type: Type.Optional(VisitType),
  institution: Type.Optional(InstitutionCode),
})
export type SpendingQuery = Static<typeof SpendingQuery>

export const SpendingInstitution = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: InstitutionKind,
  regionName: Type.Optional(Type.String({ description: '所在地区，如“上海市徐汇区”' })),
})
export type SpendingInstitution = Static<typeof SpendingInstitution>

export const AnomalyRule = Type.Union([
  Type.Literal('far_from_region'), Type.Literal('odd_hour'), Type.Literal('repeated_charge'), Type.Literal('unusually_large'),
], { description: 'far_from_region 参保地以外、不常去的地方；odd_hour 深夜或凌晨；repeated_charge 几分钟内同一机构同样金额；unusually_large 金额远高于平时' })
export type AnomalyRule = Static<typeof AnomalyRule>

export const Anomaly = Type.Object({
  rule: AnomalyRule,
  reason: Type.String({ description: '用平实的中文说明为什么提醒，如“凌晨 02:14 在药店结算，不在常见的就医时间”' }),
}, { description: '一条异常消费提醒' })
export type Anomaly = Static<typeof Anomaly>

export const Beneficiary = Type.Object({
  nameMasked: Type.String({ description: '亲属姓名，首字之外以 * 代替' }),
  relation: Type.String({ description: '与本人的关系，如“女儿”' }),
}, { description: '家庭共济：用本人个人账户为这位亲属支付' })
export type Beneficiary = Static<typeof Beneficiary>

export const SpendingItem = Type.Object({
  id: Type.Integer({ minimum: 1, description: '结算记录的 id（详情、申诉用）' }),
  settledAt: Time('结算时间（列表按它从新到旧）'),
  visitType: VisitType,
  visitTypeName: Type.String({ description: '门诊 / 住院 / 药店' }),
  institution: SpendingInstitution,
  totalFen: Fen('费用总额；等于下面四项之和'),
  fundFen: Fen('统筹基金支付'),
  accountFen: Fen('本人个人账户支付'),
  mutualAidFen: Fen('家庭共济支付（用本人个人账户为亲属支付）'),
  selfFen: Fen('个人现金自付'),
  beneficiary: Type.Union([Beneficiary, Type.Null()], { description: '为亲属支付的（家庭共济）时是这位亲属；本人就医为 null' }),
  anomalies: Type.Array(Anomaly, { description: '异常消费提醒；没有时为空列表' }),
  openDispute: Type.Boolean({ description: '本人是否已标记“不是我的消费”且还在核实中' }),
}, { description: '一笔在医院或药店的结算' })
export type SpendingItem = Static<typeof SpendingItem>

export const SpendingTotals = Type.Object({
  count: Type.Integer({ minimum: 0, description: '符合筛选条件的结算笔数' }),
  totalFen: Fen('这些结算的费用总额之和'),
}, { description: '筛选条件下整个结果（不只是这一页）的合计，如“共 4 笔，合计 ¥…”；只在带了筛选条件（日期、类型或机构）的第一页（没有 cursor）给出' })
export type SpendingTotals = Static<typeof SpendingTotals>

export const SpendingPage = Type.Object({
  items: Type.Array(SpendingItem, { description: '按结算时间从新到旧' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: '下一页的游标；最后一页为 null' }),
  asOf: Time('数据截至时间：结算记录通常 1–3 天后才同步到这里，列表为空或缺少最近的消费时可据此说明'),
  // Only on a filtered first page: a second page would repeat it, and an unfiltered total over years says little.
  totals: Type.Optional(SpendingTotals),
})
export type SpendingPage = Static<typeof SpendingPage>

export const ItemCategory = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')], {
  description: '医保目录类别：A 甲类（按规定全额纳入报销范围）、B 乙类（先自付一定比例）、C 丙类（目录外，全部自付）',
})
export type ItemCategory = Static<typeof ItemCategory>

export const SettlementLine = Type.Object({
  name: Type.String({ description: '项目或药品名称' }),
  category: ItemCategory,
  categoryName: Type.String({ description: '甲类 / 乙类 / 丙类' }),
  quantity: Type.Integer({ minimum: 0 }),
  amountFen: Fen('金额'),
  fundCoveredFen: Fen('其中统筹基金支付'),
}, { description: '结算明细中的一项' })
export type SettlementLine = Static<typeof SettlementLine>

export const DisputeStatus = Type.Union([
  Type.Literal('open'), Type.Literal('withdrawn'), Type.Literal('confirmed'), Type.Literal('rejected'),
], { description: 'open 核实中；withdrawn 本人已撤回；confirmed 核实确非本人消费；rejected 核实为本人医保凭证结算' })
export type DisputeStatus = Static<typeof DisputeStatus>

export const Dispute = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  status: DisputeStatus,
  statusName: Type.String({ description: '核实中 / 已撤回 / 已核实：不是本人消费 / 已核实：本人医保凭证结算' }),
  createdAt: Time('标记时间'),
  updatedAt: Time('最近一次状态变化的时间'),
  note: Type.Optional(Type.String({ description: '本人标记时写的说明' })),
  nextStep: Type.String({ description: '用平实的中文说接下来会怎样、本人可以做什么（含 12393 医保服务热线）' }),
}, { description: '一次“不是我的消费”申诉' })
export type Dispute = Static<typeof Dispute>

export const SpendingDetail = Type.Object({
  ...SpendingItem.properties,
  items: Type.Array(SettlementLine, { description: '结算明细' }),
  disputes: Type.Array(Dispute, { description: '这笔消费的申诉，从新到旧；openDispute 为 true 时第一条就是核实中的那条' }),
  canDispute: Type.Boolean({ description: '现在能否标记“不是我的消费”：已有核实中的申诉，或申诉次数已满时为 false' }),
}, { description: '一笔结算的详情' })
export type SpendingDetail = Static<typeof SpendingDetail>

export const SpendingParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: '结算记录的 id（列表中的 id）' }),
})
export type SpendingParams = Static<typeof SpendingParams>

export const DisputeParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: '结算记录的 id' }),
  disputeId: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: '申诉的 id' }),
})
export type DisputeParams = Static<typeof DisputeParams>

export const DisputeBody = Type.Object({
  // x-multiline: typed in a text area, so tabs and line breaks are kept; other control characters are refused.
  note: Type.Optional(Type.String({ maxLength: 200, 'x-multiline': true, description: '补充说明（选填，最多 200 字，可以换行），如“那天我不在上海”' })),
}, { additionalProperties: false })
export type DisputeBody = Static<typeof DisputeBody>

export const SpendingInstitutions = Type.Object({
  items: Type.Array(Type.Object({
    ...SpendingInstitution.properties,
    count: Type.Integer({ minimum: 1, description: '在这里结算的笔数' }),
    lastSettledAt: Time('最近一次在这里结算的时间'),
  }), { description: '本人去过的医院和药店，最近去过的在前（最多 100 个）；用于按机构筛选' }),
})
export type SpendingInstitutions = Static<typeof SpendingInstitutions>

/** 家庭共济缴费: the account paid a relative's resident premium. Not a settlement, so it has no detail and no dispute. */
export const FamilyPremiumItem = Type.Object({
  id: Type.Integer({ minimum: 1, description: '个人账户流水的 id（不是结算记录的 id，没有详情页）' }),
  paidAt: Time('扣款时间（列表按它从新到旧）'),
  amountFen: Fen('从本人个人账户支付的金额'),
  beneficiary: Beneficiary,
  title: Type.String({ description: '如“为父亲缴纳2027年度城乡居民医保”' }),
}, { description: '一笔家庭共济缴费：用本人个人账户为亲属缴纳城乡居民医保' })
export type FamilyPremiumItem = Static<typeof FamilyPremiumItem>

export const FamilyPremiumsQuery = PageQuery
export type FamilyPremiumsQuery = Static<typeof FamilyPremiumsQuery>

export const FamilyPremiumsPage = Type.Object({
  items: Type.Array(FamilyPremiumItem, { description: '按扣款时间从新到旧' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: '下一页的游标；最后一页为 null' }),
  asOf: Time('数据截至时间'),
})
export type FamilyPremiumsPage = Static<typeof FamilyPremiumsPage>
