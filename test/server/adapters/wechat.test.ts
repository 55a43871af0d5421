// The real WeChat exchanger against the fake jscode2session server, over HTTP.
import { WechatCodeExchanger } from '../../../server/adapters/wechat'
import { AppError } from '../../../server/domain/errors'
import { messageFor } from '../../../server/domain/messages'
import { startWechatServer, type FakeWechatServer } from '../../fakes/wechat-server'

let fake: FakeWechatServer
let wechat: WechatCodeExchanger

beforeAll(async () => {
  fake = await startWechatServer()
  wechat = new WechatCodeExchanger({ appId: fake.appId, secret: fake.secret, apiBase: fake.url }, { timeoutMs: 2000 })
})
afterAll(async () => { await fake.close() })
beforeEach(() => { fake.calls.length = 0; fake.answers.clear() })

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

test('a good code gives the openid and unionid, and nothing of the session_key', async () => {
  fake.answers.set('code-ok', { openid: 'o-user-1', unionid: 'u-union-1', session_key: 'SESSION-KEY-SECRET==' })
  const info = await wechat.exchange('code-ok')
  expect(info).toEqual({ platform: 'wechat', subject: 'o-user-1', unionId: 'u-union-1' })
  expect(JSON.stringify(info)).not.toContain('SESSION-KEY-SECRET')
  expect(Object.keys(info).sort()).toEqual(['platform', 'subject', 'unionId'])
  expect(fake.calls).toHaveLength(1)
  expect(fake.calls[0]!.query).toEqual({ appid: fake.appId, secret: fake.secret, js_code: 'code-ok', grant_type: 'authorization_code' })
  expect(fake.calls[0]!.answer?.session_key).toBe('SESSION-KEY-SECRET==')
})

test('without a unionid the answer has no unionId key, and a random session_key does not leak either', async () => {
  fake.answers.set('code-2', { openid: 'o-user-2' })
  const info = await wechat.exchange('code-2')
  expect(info).toEqual({ platform: 'wechat', subject: 'o-user-2' })
  expect('unionId' in info).toBe(false)
  const sessionKey = fake.calls[0]!.answer?.session_key
  expect(typeof sessionKey).toBe('string')
  expect(JSON.stringify(info)).not.toContain(String(sessionKey))
})

test.each([
  ['40029 invalid code', 40029],
  ['40163 code used', 40163],
])('%s → 401 invalid_login_code with the Chinese message', async (_name, errcode) => {
  fake.answers.set('bad', { errcode })
  const e = await failure(wechat.exchange('bad'))
  expect(e.status).toBe(401)
  expect(e.code).toBe('invalid_login_code')
  expect(e.message).toBe(messageFor('invalid_login_code'))
  expect(e.message).not.toMatch(/invalid|code been used/i)
})

test('a code used twice: the fake answers 40163, the client 401', async () => {
  fake.answers.set('once', { openid: 'o-once' })
  await expect(wechat.exchange('once')).resolves.toMatchObject({ subject: 'o-once' })
  const e = await failure(wechat.exchange('once'))
  expect(fake.calls[1]!.answer?.errcode).toBe(40163)
  expect([e.status, e.code]).toEqual([401, 'invalid_login_code'])
})

test('45011 → 429 rate_limited with Retry-After', async () => {
  fake.answers.set('busy-user', { errcode: 45011 })
  const e = await failure(wechat.exchange('busy-user'))
  expect([e.status, e.code]).toEqual([429, 'rate_limited'])
  expect(e.headers['retry-after']).toBe('60')
  expect(e.message).toBe(messageFor('rate_limited'))
})

test('40226 → 403 platform_rejected', async () => {
  fake.answers.set('risky', { errcode: 40226 })
  const e = await failure(wechat.exchange('risky'))
  expect([e.status, e.code]).toEqual([403, 'platform_rejected'])
  expect(e.message).toBe(messageFor('platform_rejected'))
})

test.each([
  ['-1 system busy', { errcode: -1 }],
  ['an unknown errcode', { errcode: 61234 }],
  ['HTTP 500', { status: 500, body: '{"errcode":-1}' }],
  ['malformed JSON', { status: 200, body: '{"openid": "o-1", ' }],
  ['a JSON non-object', { status: 200, body: '"hello"' }],
  ['no openid', { status: 200, body: '{"session_key":"abc"}' }],
])('%s → 502 platform_unavailable', async (_name, answer) => {
  fake.answers.set('c', answer)
  const e = await failure(wechat.exchange('c'))
  expect([e.status, e.code]).toEqual([502, 'platform_unavailable'])
  expect(e.message).toBe(messageFor('platform_unavailable'))
})

test('the fake refuses a wrong appid (40013) and a wrong secret (40125); the client says 502 and logs the errcode', async () => {
  const wrongAppId = new WechatCodeExchanger({ appId: 'wx-wrong', secret: fake.secret, apiBase: fake.url })
  const wrongSecret = new WechatCodeExchanger({ appId: fake.appId, secret: 'wrong-secret', apiBase: fake.url })
  fake.answers.set('c', { openid: 'o-never' })
  const e1 = await failure(wrongAppId.exchange('c'))
  const e2 = await failure(wrongSecret.exchange('c'))
  expect(fake.calls.map((c) => c.answer?.errcode)).toEqual([40013, 40125])
  expect([e1.status, e1.code, e1.cause]).toEqual([502, 'platform_unavailable', 'wechat jscode2session errcode 40013'])
  expect([e2.status, e2.code, e2.cause]).toEqual([502, 'platform_unavailable', 'wechat jscode2session errcode 40125'])
  expect(e1.message).not.toContain('invalid appid')
})

test('a server that never answers → 502 after the timeout', async () => {
  const quick = new WechatCodeExchanger({ appId: fake.appId, secret: fake.secret, apiBase: fake.url }, { timeoutMs: 200 })
  fake.answers.set('slow', { hang: true })
  const e = await failure(quick.exchange('slow'))
  expect([e.status, e.code]).toEqual([502, 'platform_unavailable'])
  expect(e.cause).toBe('wechat jscode2session timed out after 200 ms')
  expect(fake.calls).toHaveLength(1)
})

test('nobody listening → 502', async () => {
  const other = await startWechatServer()
  const url = other.url
  await other.close()
  const nowhere = new WechatCodeExchanger({ appId: 'a', secret: 's', apiBase: url })
  const e = await failure(nowhere.exchange('x'))
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'wechat jscode2session network error'])
})

test('the default timeout is 5 seconds', () => {
  const w = new WechatCodeExchanger({ appId: 'a', secret: 's', apiBase: fake.url })
  expect((w as unknown as { timeoutMs: number }).timeoutMs).toBe(5000)
  expect(w.kind).toBe('real')
  expect(w.platform).toBe('wechat')
})

test('an API base with a path prefix (a forward proxy) keeps its prefix', async () => {
  const proxied = new WechatCodeExchanger({ appId: fake.appId, secret: fake.secret, apiBase: `${fake.url}/wx-proxy/` })
  const e = await failure(proxied.exchange('c'))
  expect(fake.calls[0]!.path).toBe('/wx-proxy/sns/jscode2session')
  expect([e.status, e.cause]).toEqual([502, 'wechat jscode2session http 404'])
})
