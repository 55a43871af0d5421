// Platform login through the real WeChat and Alipay clients against fake platform servers: only the dev stand-in verifies.
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { giveConsents } from '../../../../../support/consent'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { generateRsaKeyPair, startAlipayGateway, type FakeAlipayGateway } from '../../../../../fakes/alipay-gateway'

let wx: FakeWechatServer; let t: TestApp
beforeAll(async () => {
  wx = await startWechatServer({ appId: 'wx-test-app', secret: 'wx-test-secret' })
  t = await makeTestApp({ env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: wx.url } })
})
afterAll(async () => { await t.close(); await wx.close() })

const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code } })

test('a new openid becomes an unbound identity; session_key never reaches the answer', async () => {
  wx.answers.set('code-new', { openid: 'o-new-user', session_key: 'SECRET-SESSION-KEY-1' })
  const res = await login('code-new')
  expect(res.statusCode).toBe(200)
  expect(res.json()).toMatchObject({ bound: false, verifiedUntil: null })
  expect(res.body).not.toContain('SECRET-SESSION-KEY-1')
  expect(res.body).not.toContain('o-new-user')
  expect(wx.calls.at(-1)!.query).toMatchObject({ appid: 'wx-test-app', secret: 'wx-test-secret', js_code: 'code-new', grant_type: 'authorization_code' })
})

test('an identity bound to a person is not verified by a real platform login alone', async () => {
  wx.answers.set('code-demo', { openid: 'dev-wechat-demo-1' }) // the demo data bound this subject to person 1
  const res = await login('code-demo')
  const body = res.json() as { token: string; bound: boolean; verifiedUntil: string | null }
  expect(body).toMatchObject({ bound: true, verifiedUntil: null })
  await giveConsents(t, body.token)
  const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${body.token}` } })
  expect(account.statusCode).toBe(403)
  expect((account.json() as { error: { code: string } }).error.code).toBe('verification_required')
})

test('WeChat errors become specific answers: a used code, rate limiting, a busy platform', async () => {
  wx.answers.set('code-once', { openid: 'o-once' })
  expect((await login('code-once')).statusCode).toBe(200)
  const again = await login('code-once') // WeChat answers 40163
  expect(again.statusCode).toBe(401)
  expect((again.json() as { error: { code: string } }).error.code).toBe('invalid_login_code')

  wx.answers.set('code-limited', { errcode: 45011, errmsg: 'api minute-quota reach limit' })
  const limited = await login('code-limited')
  expect(limited.statusCode).toBe(429)
  expect(limited.headers['retry-after']).toBeDefined()
  expect(limited.body).not.toContain('quota')

  wx.answers.set('code-busy', { errcode: -1, errmsg: 'system error' })
  const busy = await login('code-busy')
  expect(busy.statusCode).toBe(502)
  expect(busy.json()).toMatchObject({ error: { code: 'platform_unavailable' } })
})

describe('Alipay through the real client and the fake gateway (RSA2 both ways)', () => {
  let gw: FakeAlipayGateway; let a: TestApp
  beforeAll(async () => {
    const appKeys = generateRsaKeyPair()
    gw = await startAlipayGateway({ appPublicKey: appKeys.publicKey })
    a = await makeTestApp({
      env: {
        ALIPAY_APP_ID: gw.appId, ALIPAY_PRIVATE_KEY: appKeys.privateKeyBase64,
        ALIPAY_PUBLIC_KEY: gw.alipayKeys.publicKeyBase64, ALIPAY_GATEWAY: gw.url,
      },
    })
  })
  afterAll(async () => { await a.close(); await gw.close() })
  const alipayLogin = (code: string) => a.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'alipay', code } })

  test('open_id keys the identity; a demo-bound subject is still not verified by a real login', async () => {
    gw.answers.set('ali-code-1', { openId: 'dev-alipay-demo-2', userId: '2088000000000002' })
    const res = await alipayLogin('ali-code-1')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ bound: true, verifiedUntil: null })
    expect(gw.calls.at(-1)!.signatureValid).toBe(true)
    expect(gw.calls.at(-1)!.params).toMatchObject({ method: 'alipay.system.oauth.token', grant_type: 'authorization_code', code: 'ali-code-1' })
  })

  test('a used code is a 401; a badly signed answer is refused as the platform being unavailable', async () => {
    gw.answers.set('ali-code-2', { openId: 'o-ali-2' })
    expect((await alipayLogin('ali-code-2')).statusCode).toBe(200)
    const again = await alipayLogin('ali-code-2')
    expect(again.statusCode).toBe(401)
    expect((again.json() as { error: { code: string } }).error.code).toBe('invalid_login_code')
    gw.answers.set('ali-code-3', { openId: 'o-ali-3', signing: 'tampered' })
    const tampered = await alipayLogin('ali-code-3')
    expect(tampered.statusCode).toBe(502)
    expect((tampered.json() as { error: { code: string } }).error.code).toBe('platform_unavailable')
  })
})
