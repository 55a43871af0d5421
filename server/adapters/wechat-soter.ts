// The WeChat SOTER client: asks WeChat whether a biometric unlock's resultJSON was signed by that user's device key.
//
// A true answer proves only that the phone's owner unlocked it just now (the caller must also check that the
// resultJSON's `raw` is the challenge it issued, once); it never proves real-name identity.
import type { WechatConfig } from '../config'
import type { SoterSignatureCheck } from '../domain/ports'
import { platformFailure, type AccessTokenSource } from './wechat-access-token'
import { WechatApiClient, errcodeOf } from './wechat-api'

export const SOTER_UNAVAILABLE_MESSAGE = '暂时无法校验指纹或面容解锁，请稍后再试，或改用其他方式验证'

export class WechatSoterVerifier implements SoterSignatureCheck {
  private readonly api: WechatApiClient

  constructor (cfg: WechatConfig, tokens: AccessTokenSource, opts: { timeoutMs?: number } = {}) {
    this.api = new WechatApiClient(cfg, tokens, opts)
  }

  /** `jsonString` / `jsonSignature`: wx.startSoterAuthentication's resultJSON and resultJSONSignature, unchanged. */
  async verifySignature (p: { openid: string; jsonString: string; jsonSignature: string }): Promise<boolean> {
    const answer = await this.api.post('/cgi-bin/soter/verify_signature',
      { openid: p.openid, json_string: p.jsonString, json_signature: p.jsonSignature },
      'soter verify_signature', SOTER_UNAVAILABLE_MESSAGE)
    const errcode = errcodeOf(answer)
    if (errcode !== undefined) throw platformFailure(SOTER_UNAVAILABLE_MESSAGE, `wechat soter verify_signature errcode ${errcode}`)
    // Only a literal true counts: a missing or odd is_ok is a refusal, never a pass.
    return answer.is_ok === true
  }
}
