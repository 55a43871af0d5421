// 报销进度 contract: GET /api/v1/claims (list), GET /api/v1/claims/{id} (detail with its timeline), and
// POST /api/v1/claims/{id}/subscriptions (WeChat stage-change notices the person agreed to receive).
import { Type, type Static } from 'typebox'
import { PageQuery } from './list'

export const ClaimStage = Type.Union([
  Type.Literal('submitted'), Type.Literal('first_review'), Type.Literal('second_review'), Type.Literal('approved'),
  Type.Literal('paid'), Type.Literal('rejected'), Type.Literal('materials_needed'),
], {
  description: '办理阶段：submitted 已提交 → first_review 初审中 → second_review 复审中 → approved 审核通过 → paid 已打款；' +
    '或 rejected 未通过、materials_needed 需补充材料（补齐后回到初审）',
})
export type ClaimStage = Static<typeof ClaimStage>

const Fen = (description: string) => Type.Integer({ minimum: 0, description: `${description}，单位：分` })

/** Query: the shared page parameters (`from` / `to` select by 提交日期, China dates, inclusive) and a stage. */
export const ClaimsQuery = Type.Object({
  ...PageQuery.properties,
  stage: Type.Optional(ClaimStage),
  institution: Type.Optional(Type.String({ pattern: '^[A-Z][0-9A-Z]{5,31}$', description: '只看在这家机构就诊的报销（定点医药机构编码，医院页用）' })),
})
export type ClaimsQuery = Static<typeof ClaimsQuery>

export const ClaimListItem = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  claimNo: Type.String({ description: '报销申请编号' }),
  title: Type.String({ description: '报销事项，如“异地就医住院费用报销”' }),
  stage: ClaimStage,
  stageName: Type.String({ description: '阶段的中文名：已提交、初审中、复审中、审核通过、已打款、未通过、需补充材料' }),
  submittedAt: Type.String({ format: 'date-time', description: '提交时间（列表按它从新到旧）' }),
  updatedAt: Type.String({ format: 'date-time', description: '最近一次进度变化的时间' }),
  claimedFen: Fen('申请报销金额'),
  approvedFen: Type.Union([Fen('核定报销金额'), Type.Null()], { description: '核定报销金额（分）；审核通过前为 null' }),
  institution: Type.Union([
    Type.Object({ code: Type.String(), name: Type.String() }),
    Type.Null(),
  ], { description: '就诊的医院或药店；外地就医、外购药品等没有定点机构时为 null' }),
  nextStep: Type.String({ description: '用平实的中文说接下来会怎样、大约什么时候，或者本人需要做什么' }),
}, { description: '一笔报销申请' })
export type ClaimListItem = Static<typeof ClaimListItem>

export const ClaimsPage = Type.Object({
  items: Type.Array(ClaimListItem, { description: '按提交时间从新到旧' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: '下一页的游标；最后一页为 null' }),
})
export type ClaimsPage = Static<typeof ClaimsPage>

export const ClaimTimelineEvent = Type.Object({
  stage: ClaimStage,
  stageName: Type.String(),
  at: Type.String({ format: 'date-time' }),
  note: Type.String({ description: '医保经办机构的说明，如“材料不全，请补充：……”' }),
})
export type ClaimTimelineEvent = Static<typeof ClaimTimelineEvent>

export const ClaimPayout = Type.Object({
  bankName: Type.Optional(Type.String({ description: '开户银行' })),
  cardMasked: Type.String({ description: '银行卡号，只显示后四位：**** 1234' }),
}, { description: '报销款打到哪里' })
export type ClaimPayout = Static<typeof ClaimPayout>

export const ClaimDeductionKind = Type.Union([
  Type.Literal('deductible'), Type.Literal('co_pay'), Type.Literal('self_pay'), Type.Literal('over_limit'), Type.Literal('other'),
], { description: 'deductible 起付线；co_pay 按比例自付（含乙类先行自付）；self_pay 目录外自费（丙类）；over_limit 超过限额或限价；other 其他' })
export type ClaimDeductionKind = Static<typeof ClaimDeductionKind>

export const ClaimDeduction = Type.Object({
  kind: ClaimDeductionKind,
  name: Type.String({ description: '这部分的中文名，如“起付线以下”' }),
  explanation: Type.String({ description: '用平实的中文说明为什么这部分不报销' }),
  amountFen: Fen('不予报销的金额'),
}, { description: '申请金额中没有报销的一部分及原因' })
export type ClaimDeduction = Static<typeof ClaimDeduction>

export const ClaimDetail = Type.Object({
  ...ClaimListItem.properties,
  timeline: Type.Array(ClaimTimelineEvent, { description: '办理记录，从早到晚' }),
  missingMaterials: Type.Array(Type.String(), { description: '需要补充的材料清单（只在需补充材料时非空）' }),
  deductions: Type.Array(ClaimDeduction, {
    description: '核定金额低于申请金额时，没有报销的各部分及原因，金额之和等于申请金额减核定金额；核定前、或全额核定时为空',
  }),
  payout: Type.Union([ClaimPayout, Type.Null()], { description: '收款账户；还没有登记银行账户时为 null' }),
  subscribed: Type.Boolean({ description: '是否已订阅这笔报销的进度提醒（还有没用掉的订阅）' }),
  subscribeTemplateId: Type.Union([Type.String(), Type.Null()], {
    description: '微信小程序里订阅进度提醒时传给 wx.requestSubscribeMessage 的模板 id；' +
      '不能订阅时为 null（不是在微信里登录的、这笔报销已经办结、或服务端没有开通提醒）',
  }),
}, { description: '一笔报销申请的详情' })
export type ClaimDetail = Static<typeof ClaimDetail>

export const ClaimParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: '报销申请的 id（列表中的 id）' }),
})
export type ClaimParams = Static<typeof ClaimParams>

/** What the client sends after wx.requestSubscribeMessage: the template ids the person answered 'accept' for. */
export const ClaimSubscribeBody = Type.Object({
  templateIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 3, uniqueItems: true }),
}, { additionalProperties: false })
export type ClaimSubscribeBody = Static<typeof ClaimSubscribeBody>

export const ClaimSubscribeResult = Type.Object({
  subscribed: Type.Literal(true),
  remaining: Type.Integer({ minimum: 1, description: '还能收到几次进度提醒（每同意一次，下一次进度变化时提醒一次）' }),
})
export type ClaimSubscribeResult = Static<typeof ClaimSubscribeResult>

/** Operator only (loopback + OPERATOR_TOKEN, hidden from the published API): move a claim to its next stage. */
export const ClaimAdvanceParams = Type.Object({ claimNo: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) })
export const ClaimAdvanceBody = Type.Object({
  stage: ClaimStage,
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  approvedFen: Type.Optional(Type.Integer({ minimum: 1 })),
  missingMaterials: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: 20 })),
  // Only with approved below the claim: why each part was not paid. What they leave unexplained is shown as other.
  deductions: Type.Optional(Type.Array(Type.Object({
    kind: ClaimDeductionKind,
    amountFen: Type.Integer({ minimum: 1 }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 5 })),
}, { additionalProperties: false })
export type ClaimAdvanceBody = Static<typeof ClaimAdvanceBody>

export const ClaimNoticeOutcome = Type.Union([
  Type.Literal('sent'), Type.Literal('no_subscription'), Type.Literal('refused'), Type.Literal('bad_openid'),
  Type.Literal('rejected'), Type.Literal('failed'), Type.Literal('off'),
], { description: 'sent 已发送；no_subscription 没有可用的订阅；refused 用户已拒收（43101）；bad_openid；rejected 模板或数据有误；failed 暂时发送失败（订阅保留）；off 未开通提醒' })
export type ClaimNoticeOutcome = Static<typeof ClaimNoticeOutcome>

export const ClaimAdvanceResult = Type.Object({
  id: Type.Integer(), claimNo: Type.String(), stage: ClaimStage, stageName: Type.String(), notice: ClaimNoticeOutcome,
})
export type ClaimAdvanceResult = Static<typeof ClaimAdvanceResult>

/** Dev only (loopback, never in production): what the dev subscribe-message stand-in "sent", newest first. */
export const DevSubscribeOutbox = Type.Object({
  items: Type.Array(Type.Object({
    touser: Type.String(),
    templateId: Type.String(),
    page: Type.String(),
    data: Type.Record(Type.String(), Type.Object({ value: Type.String() })),
    sentAt: Type.String({ format: 'date-time' }),
  })),
})
export type DevSubscribeOutbox = Static<typeof DevSubscribeOutbox>
