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

describe('TRUST_PROXY', () => {
  const production = {
    NODE_ENV: 'production', DATA_KEY: 'k'.repeat(40), DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', ALIPAY_APP_ID: 'a1', ALIPAY_PRIVATE_KEY: 'pk', ALIPAY_PUBLIC_KEY: 'pub',
    SMS_GATEWAY_URL: 'https://sms.example/send', SMS_GATEWAY_TOKEN: 't',
  }
  const refusal = (env: NodeJS.ProcessEnv) => {
    try { loadConfig(env) } catch (e) { return e }
    return undefined
  }

  test('true trusts any X-Forwarded-For, so anyone picks the address a rate limit counts: refused in production, saying what to set', () => {
    const e = refusal({ ...production, TRUST_PROXY: 'true' })
    expect(e).toBeInstanceOf(ConfigError)
    expect((e as Error).message).toMatch(/^TRUST_PROXY=true trusts the X-Forwarded-For of anyone who connects/)
    expect((e as Error).message).toContain('TRUST_PROXY=10.0.0.5')
    // Outside production a developer may still use it.
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
  })

  test('the proxies\' addresses and subnets are what production takes; unset or false trusts nobody', () => {
    expect(loadConfig({ ...production, TRUST_PROXY: '10.0.0.5' }).trustProxy).toBe('10.0.0.5')
    expect(loadConfig({ ...production, TRUST_PROXY: ' 10.0.0.0/8, 192.168.1.0/255.255.255.0 ,fd00::/8,loopback' }).trustProxy)
      .toBe('10.0.0.0/8,192.168.1.0/255.255.255.0,fd00::/8,loopback')
    expect(loadConfig({ ...production }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
  })

  test.each(['1', '2', 'proxy.internal', '10.0.0.0/33', '10.0.0.5/8/1', '10.0.0.0/8,', '::1/129', '10.0.0.0/255.255.0'])(
    '%j is refused with the variable named, in production and out', (value) => {
      for (const env of [{ TRUST_PROXY: value }, { ...production, TRUST_PROXY: value }]) {
        const e = refusal(env)
        expect(e).toBeInstanceOf(ConfigError)
        expect((e as Error).message).toContain('TRUST_PROXY')
      }
    })
})

test('views of one share grant counted per minute: 20 unless SHARE_GRANT_VIEWS_PER_MINUTE says otherwise', () => {
  expect(loadConfig({}).shareGrantViewsPerMinute).toBe(20)
  expect(loadConfig({ SHARE_GRANT_VIEWS_PER_MINUTE: '5' }).shareGrantViewsPerMinute).toBe(5)
  expect(() => loadConfig({ SHARE_GRANT_VIEWS_PER_MINUTE: '0' })).toThrow(/SHARE_GRANT_VIEWS_PER_MINUTE/)
})
