// Chooses each third-party adapter: the real client when its credentials are configured, else its dev stand-in,
// and a stand-in only in dev mode (DEV_MODE=1). Face check and SOTER have no stand-in: without the platform's credentials
// they are absent, and the product offers SMS / password instead (docs/server.md).
import type { ServerConfig } from '../config'
import type { Db } from '../db'
import type { Clock, CodeExchanger, DataCipher, SmsSender, SubscribeSender } from '../domain/ports'
import type { Platform } from '../../types/api/auth'
import { AlipayCodeExchanger } from './alipay'
import { AlipayCertifier } from './alipay-certify'
import { systemClock } from './clock'
import { DevCodeExchanger } from './dev-exchanger'
import { DevSmsSender } from './dev-sms'
import { DevSubscribeSender } from './dev-subscribe'
import { HttpSmsSender } from './http-sms'
import { WechatCodeExchanger } from './wechat'
import { WechatAccessToken } from './wechat-access-token'
import { WechatActivityIds } from './wechat-activity'
import { WechatFaceVerifier } from './wechat-face'
import { WechatSoterVerifier } from './wechat-soter'
import { WechatSubscribeSender } from './wechat-subscribe'
import { WechatWxacode } from './wechat-wxacode'

export interface Adapters {
  exchangers: Record<Platform, CodeExchanger>
  sms: SmsSender
  /** Face check per platform, present only where that platform's credentials are configured. */
  face?: { wechat?: WechatFaceVerifier; alipay?: AlipayCertifier }
  /** WeChat SOTER signature check, present only with WeChat credentials. */
  soter?: WechatSoterVerifier
  /** WeChat subscribe messages (claim stage changes): the real client with WeChat credentials, else the dev outbox. */
  subscribe: SubscribeSender
  /** WeChat private-message activity ids for share cards, only with WeChat credentials (else cards are plain). */
  activity?: WechatActivityIds
  /** WeChat mini-program codes for hospital posters (npm run qr), only with WeChat credentials. */
  wxacode?: WechatWxacode
}

export interface AdapterDeps {
  db: Db
  cipher: DataCipher
  /** Timeout of every outgoing platform / gateway call; default 5 s. */
  fetchTimeoutMs?: number
  /** Where the dev SMS provider prints its line; default stdout. */
  devSmsOut?: (line: string) => void
  /** Time for the WeChat access_token store's expiry checks; default the system clock. */
  clock?: Clock
}

export function createAdapters (cfg: ServerConfig, deps: AdapterDeps): Adapters {
  // loadConfig already refuses to run without these outside dev mode; this is the second lock, for a config built by hand.
  if (!cfg.devMode) {
    const missing: string[] = []
    if (!cfg.wechat) missing.push('WECHAT_APPID + WECHAT_SECRET')
    if (!cfg.alipay) missing.push('ALIPAY_APP_ID + ALIPAY_PRIVATE_KEY + ALIPAY_PUBLIC_KEY')
    if (!cfg.smsGateway) missing.push('SMS_GATEWAY_URL + SMS_GATEWAY_TOKEN')
    if (missing.length) {
      throw new Error(`Without DEV_MODE=1 the dev stand-ins are refused (they let anyone log in and print SMS codes); ` +
        `set ${missing.join(', ')}`)
    }
  }
  const timeoutMs = deps.fetchTimeoutMs
  const adapters: Adapters = {
    exchangers: {
      wechat: cfg.wechat ? new WechatCodeExchanger(cfg.wechat, { timeoutMs }) : new DevCodeExchanger('wechat'),
      alipay: cfg.alipay ? new AlipayCodeExchanger(cfg.alipay, { timeoutMs }) : new DevCodeExchanger('alipay'),
    },
    sms: cfg.smsGateway
      ? new HttpSmsSender(cfg.smsGateway, { timeoutMs })
      : new DevSmsSender({ db: deps.db, cipher: deps.cipher, out: deps.devSmsOut }),
    // Replaced by the real client below with WeChat credentials, which are required outside dev mode.
    subscribe: new DevSubscribeSender(deps.db),
  }
  if (cfg.wechat) {
    // One token store for both WeChat clients: it is per appid, and shared with other processes through the DB.
    const tokens = new WechatAccessToken(cfg.wechat, { db: deps.db, cipher: deps.cipher, clock: deps.clock ?? systemClock, timeoutMs })
    adapters.face = { wechat: new WechatFaceVerifier(cfg.wechat, tokens, { timeoutMs }) }
    adapters.soter = new WechatSoterVerifier(cfg.wechat, tokens, { timeoutMs })
    adapters.subscribe = new WechatSubscribeSender(cfg.wechat, tokens, { timeoutMs })
    adapters.activity = new WechatActivityIds(cfg.wechat, tokens, { timeoutMs })
    adapters.wxacode = new WechatWxacode(cfg.wechat, tokens, { timeoutMs })
  }
  if (cfg.alipay) adapters.face = { ...adapters.face, alipay: new AlipayCertifier(cfg.alipay, { timeoutMs }) }
  return adapters
}
