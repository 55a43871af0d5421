// Configuration: dev defaults only with DEV_MODE=1, real settings otherwise, and a refusal of anything ambiguous.
import { resolve } from 'node:path'
import { ConfigError, DEV_DATA_KEY, DEV_OPERATOR_TOKEN, loadConfig } from '../../server/config'

/** Every real setting an operator gives (no DEV_MODE). */
const real = {
  DATA_KEY: 'k'.repeat(40), DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', ALIPAY_APP_ID: 'a1', ALIPAY_PRIVATE_KEY: 'pk', ALIPAY_PUBLIC_KEY: 'pub',
  SMS_GATEWAY_URL: 'https://sms.example/send', SMS_GATEWAY_TOKEN: 't',
}
const production = { NODE_ENV: 'production', ...real }
const dev = { DEV_MODE: '1' }

const refusal = (env: NodeJS.ProcessEnv) => {
  try { loadConfig(env) } catch (e) { return e }
  return undefined
}

test('dev mode defaults: loopback, port 12393, admin port 12394, .data, dev key, 30 min idle, 12 h absolute, 15 min verification', () => {
  const c = loadConfig(dev)
  expect(c).toMatchObject({
    production: false, devMode: true, host: '127.0.0.1', port: 12393, adminHost: '127.0.0.1', adminPort: 12394,
    dataDir: '.data', adminFile: resolve('.data', 'admin.json'), dataKey: DEV_DATA_KEY,
    sessionIdleMinutes: 30, sessionAbsoluteHours: 12, verifyWindowSeconds: 900, smsCodeTtlSeconds: 300, smsMaxAttempts: 5,
    operatorToken: DEV_OPERATOR_TOKEN, operatorTokenSource: 'dev',
  })
  expect(c.wechat).toBeUndefined()
  expect(c.databaseUrl).toBeUndefined()
})

test('load shedding is on by default (2 s of event-loop lag) and can be switched off with 0', () => {
  expect(loadConfig(dev).maxEventLoopDelayMs).toBe(2000)
  expect(loadConfig({ ...dev, MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs).toBe(0)
  expect(() => loadConfig({ ...dev, MAX_EVENT_LOOP_DELAY_MS: '-5' })).toThrow(/MAX_EVENT_LOOP_DELAY_MS/)
})

test('bad numbers are refused with the variable named', () => {
  expect(() => loadConfig({ ...dev, PORT: 'abc' })).toThrow(/PORT/)
  expect(() => loadConfig({ ...dev, VERIFY_WINDOW_MINUTES: '0' })).toThrow(/VERIFY_WINDOW_MINUTES/)
  expect(loadConfig({ ...dev, VERIFY_WINDOW_MINUTES: '5' }).verifyWindowSeconds).toBe(300)
  expect(loadConfig({ ...dev, VERIFY_WINDOW_SECONDS: '8' }).verifyWindowSeconds).toBe(8)
})

test('without DEV_MODE=1 the server needs every real setting, whatever NODE_ENV says, and says what is missing', () => {
  for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }, { NODE_ENV: 'production' }, { DEV_MODE: '0' }]) {
    const e = refusal(env)
    expect(e).toBeInstanceOf(ConfigError)
    const msg = (e as Error).message
    for (const name of ['DATA_KEY', 'WECHAT_APPID', 'ALIPAY_APP_ID', 'SMS_GATEWAY_URL', 'DEV_MODE=1']) expect(msg).toContain(name)
  }
  expect((refusal({ NODE_ENV: 'production' }) as Error).message).toMatch(/^NODE_ENV=production needs real settings/)
  expect((refusal({}) as Error).message).toMatch(/^Without DEV_MODE=1 the server needs real settings/)
  expect((refusal({ ...real, DATABASE_URL: '', DATA_DIR: 'memory://' }) as Error).message).toContain('DATABASE_URL or DATA_DIR on disk')
})

test('with every real setting it starts without DEV_MODE: no dev key, no dev template, no dev token', () => {
  for (const env of [production, real, { ...real, NODE_ENV: 'test' }]) {
    const c = loadConfig(env)
    expect(c.devMode).toBe(false)
    expect(c.dataKey).not.toBe(DEV_DATA_KEY)
    expect(c.claimNotice).toBeUndefined()
    expect(c.operatorToken).not.toBe(DEV_OPERATOR_TOKEN)
    expect(c.operatorTokenSource).toBe('random')
  }
  expect(loadConfig(production)).toMatchObject({ production: true, wechat: { apiBase: 'https://api.weixin.qq.com' } })
})

test.each(['prod', 'Production', 'PRODUCTION', 'staging', 'dev', ' production'])('NODE_ENV=%j is refused at start, naming the values it takes', (value) => {
  for (const env of [{ ...real, NODE_ENV: value }, { ...dev, NODE_ENV: value }]) {
    const e = refusal(env)
    expect(e).toBeInstanceOf(ConfigError)
    expect((e as Error).message).toBe(`NODE_ENV must be unset, development, test or production, got "${value}" (dev stand-ins and demo data are switched on with DEV_MODE=1, never by NODE_ENV)`)
  }
})

test('DEV_MODE is 1 or nothing: with NODE_ENV=production it is refused, and a value like true is not guessed at', () => {
  expect((refusal({ ...production, DEV_MODE: '1' }) as Error).message).toMatch(/^DEV_MODE=1 and NODE_ENV=production together/)
  for (const value of ['true', 'yes', '2', 'on']) {
    expect((refusal({ ...real, DEV_MODE: value }) as Error).message).toBe(`DEV_MODE must be 1 (development: dev stand-ins and demo data) or unset, got "${value}"`)
  }
  expect(loadConfig({ NODE_ENV: 'development', DEV_MODE: '1' }).devMode).toBe(true)
  expect(loadConfig({ NODE_ENV: 'test', DEV_MODE: '1' }).devMode).toBe(true)
})

test('the operator token: OPERATOR_TOKEN, else the dev token in dev mode, else a random one per run; never the dev token by accident', () => {
  const a = loadConfig(real)
  const b = loadConfig(real)
  expect(a.operatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(a.operatorToken).not.toBe(b.operatorToken)
  expect(loadConfig({ ...real, OPERATOR_TOKEN: 'o'.repeat(32) })).toMatchObject({ operatorToken: 'o'.repeat(32), operatorTokenSource: 'env' })
  for (const token of ['short', DEV_OPERATOR_TOKEN]) {
    expect((refusal({ ...real, OPERATOR_TOKEN: token }) as Error).message).toContain('OPERATOR_TOKEN of at least 32 characters, not the published dev token')
    expect(refusal({ ...production, OPERATOR_TOKEN: token })).toBeInstanceOf(ConfigError)
  }
  // In dev mode any token the developer sets is theirs to choose.
  expect(loadConfig({ ...dev, OPERATOR_TOKEN: 'x'.repeat(8) })).toMatchObject({ operatorToken: 'xxxxxxxx', operatorTokenSource: 'env' })
})

test('the admin listener: loopback only, its own port, and where the scripts find it', () => {
  for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(loadConfig({ ...dev, ADMIN_HOST: host }).adminHost).toBe(host)
  for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.cn', '127.0.0.1.example.cn']) {
    const e = refusal({ ...dev, ADMIN_HOST: host })
    expect(e).toBeInstanceOf(ConfigError)
    expect((e as Error).message).toMatch(/^ADMIN_HOST must be a loopback address/)
  }
  expect(loadConfig({ ...dev, ADMIN_PORT: '0' }).adminPort).toBe(0)
  expect(() => loadConfig({ ...dev, PORT: '8080', ADMIN_PORT: '8080' })).toThrow(/ADMIN_PORT must differ from PORT/)
  expect(loadConfig({ ...dev, DATA_DIR: 'memory://' }).adminFile).toBeUndefined()
  expect(loadConfig({ ...dev, DATA_DIR: 'memory://', ADMIN_FILE: 'run/admin.json' }).adminFile).toBe(resolve('run/admin.json'))
  expect(loadConfig({ ...dev, DATA_DIR: '/srv/yibao' }).adminFile).toBe('/srv/yibao/admin.json')
})

test('timeouts: 30 s for a request, 72 s keep-alive, 10 s to shut down; configurable, never 0 for a request', () => {
  expect(loadConfig(dev)).toMatchObject({ requestTimeoutMs: 30_000, keepAliveTimeoutMs: 72_000, shutdownTimeoutMs: 10_000 })
  expect(loadConfig({ ...dev, REQUEST_TIMEOUT_MS: '1500', KEEP_ALIVE_TIMEOUT_MS: '5000', SHUTDOWN_TIMEOUT_MS: '2000' }))
    .toMatchObject({ requestTimeoutMs: 1500, keepAliveTimeoutMs: 5000, shutdownTimeoutMs: 2000 })
  expect(() => loadConfig({ ...dev, REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/)
})

describe('TRUST_PROXY', () => {
  test('true trusts the left-most X-Forwarded-For, which the client writes: refused always, saying what to set', () => {
    for (const env of [{ ...production, TRUST_PROXY: 'true' }, { ...dev, TRUST_PROXY: 'true' }, { ...real, TRUST_PROXY: ' true ' }]) {
      const e = refusal(env)
      expect(e).toBeInstanceOf(ConfigError)
      expect((e as Error).message).toMatch(/^TRUST_PROXY=true trusts the X-Forwarded-For of anyone who connects/)
      expect((e as Error).message).toContain('TRUST_PROXY=10.0.0.5')
    }
  })

  test('the proxies\' addresses and subnets are what it takes; unset or false trusts nobody', () => {
    expect(loadConfig({ ...production, TRUST_PROXY: '10.0.0.5' }).trustProxy).toBe('10.0.0.5')
    expect(loadConfig({ ...production, TRUST_PROXY: ' 10.0.0.0/8, 192.168.1.0/255.255.255.0 ,fd00::/8,loopback' }).trustProxy)
      .toBe('10.0.0.0/8,192.168.1.0/255.255.255.0,fd00::/8,loopback')
    expect(loadConfig({ ...production }).trustProxy).toBe(false)
    expect(loadConfig({ ...dev, TRUST_PROXY: 'false' }).trustProxy).toBe(false)
  })

  test.each(['1', '2', 'proxy.internal', '10.0.0.0/33', '10.0.0.5/8/1', '10.0.0.0/8,', '::1/129', '10.0.0.0/255.255.0'])(
    '%j is refused with the variable named, in production and out', (value) => {
      for (const env of [{ ...dev, TRUST_PROXY: value }, { ...production, TRUST_PROXY: value }]) {
        const e = refusal(env)
        expect(e).toBeInstanceOf(ConfigError)
        expect((e as Error).message).toContain('TRUST_PROXY')
      }
    })

  // A range that takes in the whole internet is `true` under another name: anyone could write the address counted.
  test.each(['0.0.0.0/0', '10.0.0.5,0.0.0.0/0', '128.0.0.0/1', '8.0.0.0/4', '0.0.0.0/0.0.0.0', '::/0', '::/6', '2000::/3'])(
    '%j (a range of public addresses) is refused, saying why', (value) => {
      const e = refusal({ ...production, TRUST_PROXY: value })
      expect(e).toBeInstanceOf(ConfigError)
      expect((e as Error).message).toContain('TRUST_PROXY')
      expect((e as Error).message).toContain('/8')
    })
})

test('views of one share grant counted per minute: 20 unless SHARE_GRANT_VIEWS_PER_MINUTE says otherwise', () => {
  expect(loadConfig(dev).shareGrantViewsPerMinute).toBe(20)
  expect(loadConfig({ ...dev, SHARE_GRANT_VIEWS_PER_MINUTE: '5' }).shareGrantViewsPerMinute).toBe(5)
  expect(() => loadConfig({ ...dev, SHARE_GRANT_VIEWS_PER_MINUTE: '0' })).toThrow(/SHARE_GRANT_VIEWS_PER_MINUTE/)
})
