// The WeChat private-message client: makes the `activity_id` that marks a share card as a private message
// (`wx.updateShareMenu({isPrivateMessage:true, activityId})`), bound to the sharer's openid so that only they can
// share with it and the card cannot be forwarded: `GET /cgi-bin/message/wxopen/activityid/create?access_token=…&openid=…`
// → `{activity_id, expiration_time}` (Unix seconds; WeChat's default is 24 hours), or `{errcode}` (-1 busy,
// 40001 / 42001 token refused — renewed and tried once more by WechatApiClient). WeChat's example sends errcode as a
// string; errcodeOf reads either. Every failure is a 502 whose `cause` names the errcode, never the token or openid.
import type { WechatConfig } from '../config'
import type { ActivityId, ActivityIdSource } from '../domain/ports'
import { platformFailure, type AccessTokenSource } from './wechat-access-token'
import { WechatApiClient, errcodeOf } from './wechat-api'

export const ACTIVITY_UNAVAILABLE_MESSAGE = '暂时无法创建微信私密消息，将分享普通卡片'

export class WechatActivityIds implements ActivityIdSource {
  private readonly api: WechatApiClient

  constructor (cfg: WechatConfig, tokens: AccessTokenSource, opts: { timeoutMs?: number } = {}) {
    this.api = new WechatApiClient(cfg, tokens, opts)
  }

  async create (openid: string): Promise<ActivityId> {
    const answer = await this.api.get('/cgi-bin/message/wxopen/activityid/create', { openid }, 'activityid create', ACTIVITY_UNAVAILABLE_MESSAGE)
    const errcode = errcodeOf(answer)
    if (errcode !== undefined) throw platformFailure(ACTIVITY_UNAVAILABLE_MESSAGE, `wechat activityid create errcode ${String(answer.errcode)}`)
    const id = answer.activity_id
    const expiration = typeof answer.expiration_time === 'string' ? Number(answer.expiration_time) : answer.expiration_time
    if (typeof id !== 'string' || id === '' || typeof expiration !== 'number' || !Number.isFinite(expiration) || expiration <= 0) {
      throw platformFailure(ACTIVITY_UNAVAILABLE_MESSAGE, 'wechat activityid create answered without activity_id / expiration_time')
    }
    return { activityId: id, expiresAt: new Date(expiration * 1000) }
  }
}
