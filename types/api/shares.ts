// 分享给家人 contract: POST /api/v1/claims/{id}/shares (make a grant for one recipient), GET /api/v1/shares
// (我的分享), POST /api/v1/shares/{id}/revoke, POST /api/v1/shares/revoke-all, and the public family view
// GET /api/v1/share-view (the token in header X-Share-Token, never in a URL).
import { Type, type Static } from 'typebox'
import { ClaimStage, ClaimTimelineEvent } from './claims'

/** How long a grant lives: one hour, one day or seven days (seven days is the longest a grant may live). */
export const ShareDuration = Type.Union([Type.Literal('1h'), Type.Literal('1d'), Type.Literal('7d')], {
  description: '有效期：1h 一小时，1d 一天，7d 七天（最长）',
})
export type ShareDuration = Static<typeof ShareDuration>

/** A share token: 32 characters of base64url (24 random bytes, 192 bits); only its hash is kept. */
export const SHARE_TOKEN_PATTERN = '^[A-Za-z0-9_-]{32}$'

export const ShareCreateBody = Type.Object({
  duration: ShareDuration,
  showAmounts: Type.Boolean({ description: '家人能否看到金额（默认不显示）' }),
  recipientLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: '备注这份分享给谁，如“女儿”；只有本人能看到' })),
  /** Which build asks: WeChat gets an activity id for a private-message card where the server can make one. */
  channel: Type.Union([Type.Literal('weapp'), Type.Literal('alipay'), Type.Literal('h5')]),
}, { additionalProperties: false })
export type ShareCreateBody = Static<typeof ShareCreateBody>

export const ShareGrant = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  claim: Type.Object({ id: Type.Integer({ minimum: 1 }), title: Type.String(), claimNo: Type.String() }),
  recipientLabel: Type.Union([Type.String(), Type.Null()]),
  showAmounts: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  viewCount: Type.Integer({ minimum: 0 }),
  lastViewedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}, { description: '一份分享：一笔报销、一位家人' })
export type ShareGrant = Static<typeof ShareGrant>

export const ShareCreated = Type.Object({
  grant: ShareGrant,
  token: Type.String({ pattern: SHARE_TOKEN_PATTERN, description: '只在这一次应答中出现；服务端只保存它的哈希' }),
  /** Mini-program path of the family view, with the token: what the share card opens. */
  path: Type.String({ description: '小程序里家人打开的页面路径（含令牌），分享卡片用它' }),
  /** H5 link: the token after `#`, so it never reaches a server log or a Referer. */
  url: Type.Union([Type.String(), Type.Null()], { description: '网页链接（令牌在 # 之后）；服务端不知道自己的公开地址时为 null，客户端用当前网址拼' }),
  /** WeChat private-message card: pass to wx.updateShareMenu({isPrivateMessage:true, activityId}). */
  activityId: Type.Union([Type.String(), Type.Null()], { description: '微信私密消息的 activity_id；不能创建时为 null（分享普通卡片）' }),
  /** One sentence: what the recipient will see. */
  summary: Type.String({ description: '用一句话说家人能看到什么' }),
})
export type ShareCreated = Static<typeof ShareCreated>

export const ShareList = Type.Object({
  items: Type.Array(ShareGrant, { description: '从新到旧；已失效的保留 30 天' }),
})
export type ShareList = Static<typeof ShareList>

export const ShareParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }),
})
export type ShareParams = Static<typeof ShareParams>

export const ShareRevoked = Type.Object({ revoked: Type.Integer({ minimum: 0, description: '这次撤回的分享数' }) })
export type ShareRevoked = Static<typeof ShareRevoked>

export const ShareViewHeaders = Type.Object({
  'x-share-token': Type.Optional(Type.String({ maxLength: 200 })),
})

/** What a family member sees: one claim, masked, amounts only if the owner allowed them. */
export const ShareView = Type.Object({
  ownerNameMasked: Type.String({ description: '分享人的姓名，只显示第一个字：张*' }),
  claim: Type.Object({
    title: Type.String(),
    stage: ClaimStage,
    stageName: Type.String(),
    submittedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    institutionName: Type.Union([Type.String(), Type.Null()]),
    timeline: Type.Array(ClaimTimelineEvent),
    missingMaterials: Type.Array(Type.String()),
    nextStep: Type.String(),
    claimedFen: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: '不允许显示金额时为 null' }),
    approvedFen: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: '不允许显示金额或尚未核定时为 null' }),
  }),
  showAmounts: Type.Boolean(),
  expiresAt: Type.String({ format: 'date-time' }),
}, { description: '家人看到的一笔报销进度（已脱敏）' })
export type ShareView = Static<typeof ShareView>
