// Chooses each third-party adapter: the real client when its credentials are configured, else its dev stand-in,
// and never a stand-in in production.
import type { ServerConfig } from '../config'
import type { Db } from '../db'
import type { DataCipher } from '../domain/secrets'
import type { Platform } from '../../types/api/auth'
import { AlipayCodeExchanger } from './alipay'
import { DevCodeExchanger } from './dev-exchanger'
import { DevSmsSender } from './dev-sms'
import { HttpSmsSender } from './http-sms'
import type { CodeExchanger, SmsSender } from './types'
import { WechatCodeExchanger } from './wechat'

export interface Adapters {
  exchangers: Record<Platform, CodeExchanger>
  sms: SmsSender
}

export interface AdapterDeps {
  db: Db
  cipher: DataCipher
  /** Timeout of every outgoing platform / gateway call; default 5 s. */
  fetchTimeoutMs?: number
  /** Where the dev SMS provider prints its line; default stdout. */
  devSmsOut?: (line: string) => void
}

export function createAdapters (cfg: ServerConfig, deps: AdapterDeps): Adapters {
  // loadConfig already refuses production without these; this is the second lock, for a config built by hand.
  if (cfg.production) {
    const missing: string[] = []
    if (!cfg.wechat) missing.push('WECHAT_APPID + WECHAT_SECRET')
    if (!cfg.alipay) missing.push('ALIPAY_APP_ID + ALIPAY_PRIVATE_KEY + ALIPAY_PUBLIC_KEY')
    if (!cfg.smsGateway) missing.push('SMS_GATEWAY_URL + SMS_GATEWAY_TOKEN')
    if (missing.length) {
      throw new Error(`NODE_ENV=production refuses the dev stand-ins (they let anyone log in and print SMS codes); ` +
        `set ${missing.join(', ')}`)
    }
  }
  const timeoutMs = deps.fetchTimeoutMs
  return {
    exchangers: {
      wechat: cfg.wechat ? new WechatCodeExchanger(cfg.wechat, { timeoutMs }) : new DevCodeExchanger('wechat'),
      alipay: cfg.alipay ? new AlipayCodeExchanger(cfg.alipay, { timeoutMs }) : new DevCodeExchanger('alipay'),
    },
    sms: cfg.smsGateway
      ? new HttpSmsSender(cfg.smsGateway, { timeoutMs })
      : new DevSmsSender({ db: deps.db, cipher: deps.cipher, out: deps.devSmsOut }),
  }
}
