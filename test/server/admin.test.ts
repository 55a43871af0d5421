// The admin listener (server/admin.ts) and what the public one no longer has: the operator and dev routes answer only
// there, with the operator token; wrong tokens are limited across processes; the public listener answers for them
// exactly as for any unknown URL; without DEV_MODE the dev token, the dev outbox and the dev stand-ins are gone. Also
// the client address behind a trusted proxy (TRUST_PROXY), which every per-client limit counts.
import { count } from 'drizzle-orm'
import { DEV_OPERATOR_TOKEN } from '../../server/config'
import { WRONG_TOKENS_PER_MINUTE } from '../../server/admin'
import { persons } from '../../server/db/schema'
import { generateRsaKeyPair } from '../fakes/alipay-gateway'
import { startSmsGateway, type FakeSmsGateway } from '../fakes/sms-gateway'
import { startWechatServer, type FakeWechatServer } from '../fakes/wechat-server'
import { makeTestApp, type TestApp } from '../support/app'

interface Err { error: { code: string; message: string } }
type Res = { statusCode: number; json: () => unknown }
const err = (res: Res) => [res.statusCode, (res.json() as Err).error.code]

const ADMIN_ROUTES = [
  { method: 'GET' as const, url: '/api/v1/dev/sms-outbox?phone=13800000001' },
  { method: 'GET' as const, url: '/api/v1/dev/subscribe-outbox' },
  { method: 'POST' as const, url: '/api/v1/operator/claims/BX202611200001/advance', payload: { stage: 'approved' } },
  { method: 'POST' as const, url: '/api/v1/operator/institutions/H31010400001/entry', payload: { renew: true } },
  { method: 'DELETE' as const, url: '/api/v1/operator/institutions/H31010400001/entry' },
]

describe('in dev mode', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp() })
  afterAll(async () => { await t.close() })

  test('the public listener answers the admin routes exactly like an unknown URL: same status, body and headers, even from loopback with the token', async () => {
    const varying = new Set(['date', 'content-length', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
    const same = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !varying.has(k)))
    for (const route of ADMIN_ROUTES) {
      const unknown = await t.app.inject({ ...route, url: route.url.replace(/\/(dev|operator)\//, '/nothing-here/'), headers: t.adminHeaders })
      const res = await t.app.inject({ ...route, headers: t.adminHeaders })
      expect([route.url, res.statusCode, res.body]).toEqual([route.url, 404, unknown.body])
      expect(same(res.headers)).toEqual(same(unknown.headers))
      // And on the admin listener they are there (an unknown claim number is its own answer, not the unknown URL's).
      const there = await t.admin.inject({ ...route, headers: t.adminHeaders })
      expect([route.url, there.body]).not.toEqual([route.url, unknown.body])
    }
  })

  test('every admin route needs the token: none or a wrong one is 403, never the data', async () => {
    for (const route of ADMIN_ROUTES.slice(0, 2)) {
      expect(err(await t.admin.inject(route))).toEqual([403, 'forbidden'])
      expect(err(await t.admin.inject({ ...route, headers: { 'x-operator-token': 'not-it' } }))).toEqual([403, 'forbidden'])
      const ok = await t.admin.inject({ ...route, headers: t.adminHeaders })
      expect([ok.statusCode, ok.headers['cache-control']]).toEqual([200, 'no-store'])
    }
  })
})

test('wrong operator tokens: 10 a minute per address, across processes; then 429 for every token, the right one too', async () => {
  const t = await makeTestApp()
  const other = await makeTestApp({ handle: t.handle, seed: false })
  try {
    const outbox = { method: 'GET' as const, url: '/api/v1/dev/sms-outbox' }
    const wrong = (app: TestApp, n: number) => app.admin.inject({ ...outbox, headers: { 'x-operator-token': `guess-${n}` } })
    // Two server processes on one database count together.
    for (let n = 1; n <= WRONG_TOKENS_PER_MINUTE; n++) expect(err(await wrong(n % 2 ? t : other, n))).toEqual([403, 'forbidden'])
    const limited = await wrong(t, 11)
    expect(err(limited)).toEqual([429, 'rate_limited'])
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    for (const app of [t, other]) {
      expect(err(await app.admin.inject({ ...outbox, headers: app.adminHeaders }))).toEqual([429, 'rate_limited'])
      const advance = await app.admin.inject({ ...ADMIN_ROUTES[2]!, headers: app.adminHeaders })
      expect(err(advance)).toEqual([429, 'rate_limited'])
    }
    // Another caller address (::1) has its own count.
    expect((await t.admin.inject({ ...outbox, headers: t.adminHeaders, remoteAddress: '::1' })).statusCode).toBe(200)
  } finally {
    await other.close()
    await t.close()
  }
})

describe('without DEV_MODE (every real setting, pointing at the fakes)', () => {
  let t: TestApp
  let wechat: FakeWechatServer
  let sms: FakeSmsGateway
  beforeAll(async () => {
    ;[wechat, sms] = await Promise.all([startWechatServer(), startSmsGateway()])
    const alipayKeys = generateRsaKeyPair()
    t = await makeTestApp({
      env: {
        DEV_MODE: '', DATA_KEY: 'a-real-data-key-for-the-admin-test-0123456789',
        WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url,
        ALIPAY_APP_ID: '2021000000000001', ALIPAY_PRIVATE_KEY: alipayKeys.privateKeyBase64, ALIPAY_PUBLIC_KEY: alipayKeys.publicKeyBase64,
        ALIPAY_GATEWAY: 'http://127.0.0.1:9/gateway.do', SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: sms.token,
      },
    })
  })
  afterAll(async () => {
    await t.close()
    await Promise.all([wechat.close(), sms.close()])
  })

  test('no demo persons, no dev outbox; the published dev token is refused and this run\'s random token works', async () => {
    expect(t.cfg.devMode).toBe(false)
    expect((await t.handle.db.select({ n: count() }).from(persons))[0]!.n).toBe(0)
    expect(t.adminHeaders['x-operator-token']).not.toBe(DEV_OPERATOR_TOKEN)
    expect(err(await t.admin.inject({ method: 'GET', url: '/api/v1/dev/sms-outbox', headers: t.adminHeaders }))).toEqual([404, 'not_found'])
    const dev = await t.admin.inject({ method: 'DELETE', url: '/api/v1/operator/institutions/H31010400001/entry', headers: { 'x-operator-token': DEV_OPERATOR_TOKEN } })
    expect(err(dev)).toEqual([403, 'forbidden'])
    const mine = await t.admin.inject({ method: 'DELETE', url: '/api/v1/operator/institutions/H31010400001/entry', headers: t.adminHeaders })
    expect(err(mine)).toEqual([404, 'not_found'])
    expect((mine.json() as Err).error.message).toBe('没有编码为 H31010400001 的医药机构，请核对机构编码')
  })

  test('a dev login code goes to WeChat, which does not know it: the dev exchanger is not there', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-demo-1' } })
    expect(err(res)).toEqual([401, 'invalid_login_code'])
    expect(wechat.calls.some((c) => c.path === '/sns/jscode2session')).toBe(true)
  })
})

describe('TRUST_PROXY: the client is the right-most address the trusted proxy did not add itself', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp({ env: { TRUST_PROXY: 'loopback', LOGIN_RATE_PER_MINUTE: '20' } }) })
  afterAll(async () => { await t.close() })
  const login = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-someone' }, headers, remoteAddress })

  test('30 logins through the proxy, each with a made-up X-Forwarded-For: counted as the one client the proxy saw, limited after 20', async () => {
    const codes: number[] = []
    for (let i = 1; i <= 30; i++) codes.push((await login({ 'x-forwarded-for': `198.51.100.${i}, 203.0.113.50` })).statusCode)
    expect(codes.slice(0, 20)).toEqual(Array(20).fill(200))
    expect(codes.slice(20)).toEqual(Array(10).fill(429))
    // Another client behind the same proxy has its own count.
    expect((await login({ 'x-forwarded-for': '203.0.113.51' })).statusCode).toBe(200)
  })

  test('a client that connects directly is its socket address, whatever X-Forwarded-For it writes', async () => {
    const codes: number[] = []
    for (let i = 1; i <= 21; i++) codes.push((await login({ 'x-forwarded-for': `198.51.100.${i}` }, '192.0.2.77')).statusCode)
    expect(codes.at(-1)).toBe(429)
  })
})
