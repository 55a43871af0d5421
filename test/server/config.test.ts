// Configuration: sensible defaults for a developer, and a refusal to run production on dev stand-ins.
import { ConfigError, DEV_DATA_KEY, loadConfig } from '../../server/config'

test('defaults: loopback, port 12393, .data, dev key, 30 min idle, 12 h absolute, 15 min verification', () => {
  const c = loadConfig({})
  expect(c).toMatchObject({
    production: false, host: '127.0.0.1', port: 12393, dataDir: '.data', dataKey: DEV_DATA_KEY,
    sessionIdleMinutes: 30, sessionAbsoluteHours: 12, verifyWindowSeconds: 900, smsCodeTtlSeconds: 300, smsMaxAttempts: 5,
  })
  expect(c.wechat).toBeUndefined()
  expect(c.databaseUrl).toBeUndefined()
})

test('load shedding is on by default (2 s of event-loop lag) and can be switched off with 0', () => {
  expect(loadConfig({}).maxEventLoopDelayMs).toBe(2000)
  expect(loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs).toBe(0)
  expect(() => loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '-5' })).toThrow(/MAX_EVENT_LOOP_DELAY_MS/)
})

test('bad numbers are refused with the variable named', () => {
  expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/)
  expect(() => loadConfig({ VERIFY_WINDOW_MINUTES: '0' })).toThrow(/VERIFY_WINDOW_MINUTES/)
  expect(loadConfig({ VERIFY_WINDOW_MINUTES: '5' }).verifyWindowSeconds).toBe(300)
  expect(loadConfig({ VERIFY_WINDOW_SECONDS: '8' }).verifyWindowSeconds).toBe(8)
})

test('production without real credentials refuses to start and says what is missing', () => {
  let err: unknown
  try { loadConfig({ NODE_ENV: 'production' }) } catch (e) { err = e }
  expect(err).toBeInstanceOf(ConfigError)
  const msg = (err as Error).message
  for (const name of ['DATA_KEY', 'WECHAT_APPID', 'ALIPAY_APP_ID', 'SMS_GATEWAY_URL']) expect(msg).toContain(name)
})

test('production with every real setting starts, never with the dev key', () => {
  const c = loadConfig({
    NODE_ENV: 'production', DATA_KEY: 'k'.repeat(40), DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', ALIPAY_APP_ID: 'a1', ALIPAY_PRIVATE_KEY: 'pk', ALIPAY_PUBLIC_KEY: 'pub',
    SMS_GATEWAY_URL: 'https://sms.example/send', SMS_GATEWAY_TOKEN: 't',
  })
  expect(c.production).toBe(true)
  expect(c.dataKey).not.toBe(DEV_DATA_KEY)
  expect(c.wechat?.apiBase).toBe('https://api.weixin.qq.com')
})
