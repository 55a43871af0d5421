// Platform login through the real WeChat client and the fake WeChat server: only the dev stand-in verifies.
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'

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
