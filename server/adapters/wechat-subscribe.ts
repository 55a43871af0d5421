// The WeChat subscribe-message client: sends one message that the person agreed to receive (wx.requestSubscribeMessage
// answered 'accept' for the template) through `POST /cgi-bin/message/subscribe/send?access_token=…`.
//
// Answers (WeChat's documented errcodes for this API): 0 sent; 43101 the person refused, turned the notices off, or
// has no acceptance left for this template; 40003 the openid is empty or not of this app; 40037 bad template id;
// 47003 a data value breaks its keyword's rules (errmsg names the field); 41030 the page is not in the released
// mini-program. A refused access token is renewed and the call made once more (WechatApiClient). Network trouble,
// a timeout, a non-200 answer, malformed JSON and -1 (busy) throw 502 platform_unavailable: the message may be
// sent later, so the caller keeps the person's subscription for the next try.
import type { WechatConfig } from '../config'
import type { SubscribeMessage, SubscribeOutcome, SubscribeSender } from '../domain/ports'
import { platformFailure, type AccessTokenSource } from './wechat-access-token'
import { WechatApiClient, errcodeOf } from './wechat-api'

export const SUBSCRIBE_UNAVAILABLE_MESSAGE = '暂时无法发送微信订阅消息，请稍后再试'

const REFUSED = new Set([43101])
const BAD_OPENID = new Set([40003])
/** WeChat's "system busy": worth another try later, like a network failure. */
const BUSY = -1

export class WechatSubscribeSender implements SubscribeSender {
  readonly kind = 'real' as const
  private readonly api: WechatApiClient

  constructor (cfg: WechatConfig, tokens: AccessTokenSource, opts: { timeoutMs?: number } = {}) {
    this.api = new WechatApiClient(cfg, tokens, opts)
  }

  async send (msg: SubscribeMessage): Promise<SubscribeOutcome> {
    const body: Record<string, unknown> = { touser: msg.touser, template_id: msg.templateId, page: msg.page, data: msg.data, lang: 'zh_CN' }
    if (msg.miniprogramState) body.miniprogram_state = msg.miniprogramState
    const answer = await this.api.post('/cgi-bin/message/subscribe/send', body, 'subscribe send', SUBSCRIBE_UNAVAILABLE_MESSAGE)
    const errcode = errcodeOf(answer)
    if (errcode === undefined) return { outcome: 'sent' }
    if (errcode === BUSY || Number.isNaN(errcode)) {
      throw platformFailure(SUBSCRIBE_UNAVAILABLE_MESSAGE, `wechat subscribe send errcode ${String(answer.errcode)}`)
    }
    if (REFUSED.has(errcode)) return { outcome: 'refused', errcode }
    if (BAD_OPENID.has(errcode)) return { outcome: 'bad_openid', errcode }
    return { outcome: 'rejected', errcode }
  }
}
