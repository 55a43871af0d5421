// Hospital entry contract: GET /api/v1/institutions/entries/{entryCode} (public: what a poster's QR code opens) and
// GET /api/v1/institutions/entries/{entryCode}/mine (verified person: my spending and claims there this year).
import { Type, type Static } from 'typebox'

/**
 * A public entry code: 8 characters of Crockford base32 (0-9, A-Z without I, L, O, U), random, one live code per
 * institution, revocable without touching the institution. It is what a WeChat mini-program code's scene
 * (`h=<code>`), the printed URL (`/h/<code>`) and the H5 page (`?code=<code>`) carry.
 */
export const ENTRY_CODE_PATTERN = '^[0-9A-HJKMNP-TV-Z]{8}$'
export const EntryCode = Type.String({ pattern: ENTRY_CODE_PATTERN, description: '机构的公开入口码（8 位，二维码里带的就是它）' })

export const EntryParams = Type.Object({ entryCode: EntryCode })
export type EntryParams = Static<typeof EntryParams>

export const InstitutionKindName = Type.String({ description: '医院 / 药店 / 诊所' })

export const ClaimsDesk = Type.Object({
  place: Type.String({ description: '报销窗口在哪里，如“门诊楼一层 医保服务窗口（12 号）”' }),
  hours: Type.String({ description: '办理时间，如“周一至周五 8:00–17:00”' }),
  phone: Type.String({ description: '窗口或医保办的电话，如“021-5403 0000”' }),
}, { description: '医保报销窗口' })
export type ClaimsDesk = Static<typeof ClaimsDesk>

export const InstitutionEntry = Type.Object({
  entryCode: EntryCode,
  institution: Type.Object({
    code: Type.String({ description: '国家医保信息业务编码（定点医药机构编码），消费和报销列表按它筛选' }),
    name: Type.String(),
    kind: Type.Union([Type.Literal('hospital'), Type.Literal('pharmacy'), Type.Literal('clinic')]),
    kindName: InstitutionKindName,
    level: Type.Union([Type.String({ description: '等级，如“三级甲等”' }), Type.Null()]),
    regionName: Type.String({ description: '所在地区，如“上海市徐汇区”' }),
    address: Type.String(),
    designated: Type.Boolean({ description: '是否医保定点机构' }),
  }),
  desk: Type.Union([ClaimsDesk, Type.Null()], { description: '医保报销窗口；药店等没有窗口时为 null' }),
  bring: Type.Array(Type.String(), { description: '来这里办理报销要带的材料' }),
}, { description: '一家定点医药机构的公开信息（扫医院的二维码打开）' })
export type InstitutionEntry = Static<typeof InstitutionEntry>

export const InstitutionMine = Type.Object({
  year: Type.Integer({ description: '统计的年份（中国时间的今年）' }),
  institutionCode: Type.String(),
  spending: Type.Object({
    count: Type.Integer({ minimum: 0, description: '今年在这里结算的次数' }),
    totalFen: Type.Integer({ minimum: 0, description: '费用总额，单位：分' }),
    accountFen: Type.Integer({ minimum: 0, description: '其中个人账户支付，单位：分' }),
    selfFen: Type.Integer({ minimum: 0, description: '其中自付，单位：分' }),
  }),
  claims: Type.Object({
    count: Type.Integer({ minimum: 0, description: '今年提交的、在这里就诊的报销笔数' }),
    openCount: Type.Integer({ minimum: 0, description: '其中还在办理中的笔数' }),
    claimedFen: Type.Integer({ minimum: 0, description: '申请报销金额合计，单位：分' }),
  }),
  asOf: Type.String({ format: 'date-time', description: '数据截至' }),
}, { description: '本人今年在这家机构的消费和报销' })
export type InstitutionMine = Static<typeof InstitutionMine>

// --- operator only (loopback + X-Operator-Token, not in the published OpenAPI document) -----------------------------
// POST /api/v1/operator/institutions/{institutionCode}/entry: the institution's live entry code (made when it has
// none; with renew, the old one is revoked and a new one made), its printed URL and, with WeChat credentials, its
// mini-program code. DELETE on the same path revokes the live code without a new one. `npm run qr` calls these.

export const OperatorInstitutionParams = Type.Object({ institutionCode: Type.String({ pattern: '^[A-Z][0-9A-Z]{5,31}$' }) })
export type OperatorInstitutionParams = Static<typeof OperatorInstitutionParams>

export const WxacodeEnv = Type.Union([Type.Literal('release'), Type.Literal('trial'), Type.Literal('develop')],
  { description: '小程序码打开哪个版本：release 正式版（默认）、trial 体验版、develop 开发版' })
export type WxacodeEnv = Static<typeof WxacodeEnv>

export const OperatorEntryBody = Type.Object({
  renew: Type.Optional(Type.Boolean({ description: 'true：停用现在的入口码，生成新的（旧海报上的二维码随即失效）' })),
  wxacodeEnv: Type.Optional(WxacodeEnv),
}, { additionalProperties: false })
export type OperatorEntryBody = Static<typeof OperatorEntryBody>

const OperatorInstitution = Type.Object({ code: Type.String(), name: Type.String() })

export const OperatorEntryResult = Type.Object({
  institution: OperatorInstitution,
  entryCode: EntryCode,
  /** True when this call made the code (there was none, or renew). */
  issued: Type.Boolean(),
  /** The code this call revoked (renew), else null. */
  revokedCode: Type.Union([EntryCode, Type.Null()]),
  /** What the printed QR code encodes: `<PUBLIC_BASE_URL>/h/<entryCode>`. */
  url: Type.String(),
  /** False when PUBLIC_BASE_URL is not set and `url` is this server's own loopback address (for trying it out only). */
  urlIsPublic: Type.Boolean(),
  /** The WeChat mini-program code's scene and page. */
  scene: Type.String(),
  page: Type.String(),
  /** The mini-program code image from WeChat (getwxacodeunlimit), base64; null without WeChat credentials or when WeChat refused. */
  wxacode: Type.Union([Type.Object({ contentType: Type.String(), base64: Type.String() }), Type.Null()]),
  /** Why there is no mini-program code, in a sentence for the operator; null when there is one. */
  wxacodeNote: Type.Union([Type.String(), Type.Null()]),
})
export type OperatorEntryResult = Static<typeof OperatorEntryResult>

export const OperatorEntryRevoked = Type.Object({
  institution: OperatorInstitution,
  /** The code revoked, or null when the institution had no live code. */
  revokedCode: Type.Union([EntryCode, Type.Null()]),
})
export type OperatorEntryRevoked = Static<typeof OperatorEntryRevoked>
