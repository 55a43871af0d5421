// 谁查看了我的数据: the person's own access log, newest first, in sentences a person reads.
import { Type, type Static } from 'typebox'
import { Page, PageQuery } from './list'

export const AccessChannel = Type.Union([Type.Literal('weapp'), Type.Literal('alipay'), Type.Literal('h5')],
  { description: 'weapp 微信小程序；alipay 支付宝小程序；h5 网页' })
export type AccessChannel = Static<typeof AccessChannel>

export const AccessLogQuery = Type.Object({
  ...PageQuery.properties,
  channel: Type.Optional(AccessChannel),
  actor: Type.Optional(Type.Union([Type.Literal('self'), Type.Literal('share')], { description: 'self 本人；share 家人通过分享链接' })),
}, { additionalProperties: false })
export type AccessLogQuery = Static<typeof AccessLogQuery>

export const AccessLogItem = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Literal('self'), Type.Literal('share')]),
  channel: Type.Union([AccessChannel, Type.Null()], { description: '使用渠道；旧记录或未知时为 null' }),
  channelName: Type.String({ description: '渠道的中文名，如“微信小程序”；未知时为“未知渠道”' }),
  resourceName: Type.String({ description: '查看的内容，如“消费记录”' }),
  sentence: Type.String({ description: '一句话说明，如“11月24日 08:12 你本人在微信小程序中查看了消费记录”' }),
}, { description: '一次对账户数据的查看' })
export type AccessLogItem = Static<typeof AccessLogItem>

export const AccessLogPage = Page(AccessLogItem)
export type AccessLogPage = Static<typeof AccessLogPage>
