// The claim-notice and operator settings: dev defaults in dev mode, nothing implicit without it.
import { ConfigError, DEV_CLAIM_TEMPLATE_ID, DEV_OPERATOR_TOKEN, loadConfig } from '../../server/config'

const productionEnv = {
  NODE_ENV: 'production', DATA_KEY: 'k'.repeat(40), DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', ALIPAY_APP_ID: 'a1', ALIPAY_PRIVATE_KEY: 'pk', ALIPAY_PUBLIC_KEY: 'pub',
  SMS_GATEWAY_URL: 'https://sms.example/send', SMS_GATEWAY_TOKEN: 't',
}

test('dev mode: the dev template (thing1, phrase2, time3, thing4) and the dev operator token', () => {
  const c = loadConfig({ DEV_MODE: '1' })
  expect(c.claimNotice).toEqual({ templateId: DEV_CLAIM_TEMPLATE_ID, keys: { title: 'thing1', stage: 'phrase2', time: 'time3', note: 'thing4' }, miniprogramState: undefined })
  expect(c.operatorToken).toBe(DEV_OPERATOR_TOKEN)
})

test('the operator names the template, its keywords and the build the card opens', () => {
  const c = loadConfig({ DEV_MODE: '1', WECHAT_CLAIM_TEMPLATE_ID: 'tmpl-1', WECHAT_CLAIM_TEMPLATE_KEYS: 'thing2, phrase5,date3,thing9', WECHAT_MINIPROGRAM_STATE: 'trial', OPERATOR_TOKEN: 'x'.repeat(8) })
  expect(c.claimNotice).toEqual({ templateId: 'tmpl-1', keys: { title: 'thing2', stage: 'phrase5', time: 'date3', note: 'thing9' }, miniprogramState: 'trial' })
  expect(c.operatorToken).toBe('xxxxxxxx')
  expect(() => loadConfig({ DEV_MODE: '1', WECHAT_CLAIM_TEMPLATE_KEYS: 'thing1,phrase2' })).toThrow(ConfigError)
  expect(() => loadConfig({ DEV_MODE: '1', WECHAT_CLAIM_TEMPLATE_KEYS: 'thing1,phrase2,time3,note' })).toThrow(/WECHAT_CLAIM_TEMPLATE_KEYS/)
  expect(() => loadConfig({ DEV_MODE: '1', WECHAT_MINIPROGRAM_STATE: 'beta' })).toThrow(/WECHAT_MINIPROGRAM_STATE/)
})

test('production: no dev template unless configured, a random operator token unless configured; a short one is refused', () => {
  const c = loadConfig(productionEnv)
  expect(c.claimNotice).toBeUndefined()
  expect(c.operatorToken).not.toBe(DEV_OPERATOR_TOKEN)
  expect(c.operatorToken.length).toBeGreaterThanOrEqual(32)
  expect(loadConfig({ ...productionEnv, WECHAT_CLAIM_TEMPLATE_ID: 'real-tmpl', OPERATOR_TOKEN: 'o'.repeat(32) }))
    .toMatchObject({ claimNotice: { templateId: 'real-tmpl' }, operatorToken: 'o'.repeat(32) })
  expect(() => loadConfig({ ...productionEnv, OPERATOR_TOKEN: 'short' })).toThrow(/OPERATOR_TOKEN/)
})
