// The WeChat private-message client (activityid/create) against the fake WeChat server: a GET carrying the token and
// the sharer's openid, a refused token renewed once, and every failure a 502 whose diagnostic names no secret.
import { ACTIVITY_UNAVAILABLE_MESSAGE, WechatActivityIds } from '../../../server/adapters/wechat-activity'
import { AppError } from '../../../server/domain/errors'
import { wechatClientUnderTest } from '../../support/wechat-client'

const PATH = '/cgi-bin/message/wxopen/activityid/create'
const wx = wechatClientUnderTest({
  dataKey: 'test-data-key-for-wechat-activity-01',
  client: (cfg, tokens) => new WechatActivityIds(cfg, tokens, { timeoutMs: 500 }),
})

const activityCalls = () => wx.fake.calls.filter((c) => c.path === PATH)

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

test('a GET with the access token and the sharer\'s openid gives an activity id bound to that openid, with its expiry', async () => {
  const before = Date.now()
  const made = await wx.client.create('o-sharer-0001')
  const [call] = activityCalls()
  expect(call).toMatchObject({ method: 'GET', query: { openid: 'o-sharer-0001', access_token: wx.fake.currentToken } })
  expect(call!.body).toBeUndefined()
  expect(made.activityId).toBe(call!.answer!.activity_id)
  expect(wx.fake.activities.get(made.activityId)).toMatchObject({ openid: 'o-sharer-0001' })
  // WeChat's default: 24 hours, given in Unix seconds.
  expect(made.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 86_400_000)
  expect(made.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000)
  // Each share gets its own id.
  expect((await wx.client.create('o-sharer-0001')).activityId).not.toBe(made.activityId)
})

test('a revoked access token is replaced and the call made once more', async () => {
  await wx.client.create('o-sharer-0002')
  wx.fake.revokeTokens()
  await expect(wx.client.create('o-sharer-0002')).resolves.toMatchObject({ activityId: expect.any(String) })
  expect(activityCalls().map((c) => c.answer!.errcode)).toEqual([0, 40001, 0])
})

test('WeChat\'s own example sends errcode as a string: "42001" is a refused token too', async () => {
  wx.fake.queue.push({ path: PATH, answer: { status: 200, body: '{"errcode":"42001","errmsg":"access_token 过期"}' } })
  await expect(wx.client.create('o-sharer-0003')).resolves.toMatchObject({ activityId: expect.any(String) })
  expect(activityCalls()).toHaveLength(2)
})

test.each([
  ['busy (-1)', { errcode: -1 }, 'wechat activityid create errcode -1'],
  ['busy as a string', { status: 200, body: '{"errcode":"-1","errmsg":"system error"}' }, 'wechat activityid create errcode -1'],
  ['no activity_id', { status: 200, body: '{"errcode":0,"expiration_time":1900000000}' }, 'wechat activityid create answered without activity_id / expiration_time'],
  ['no expiration_time', { status: 200, body: '{"errcode":0,"activity_id":"1_x"}' }, 'wechat activityid create answered without activity_id / expiration_time'],
  ['HTTP 502', { status: 502, body: '' }, 'wechat activityid create http 502'],
  ['malformed JSON', { status: 200, body: '<html>' }, 'wechat activityid create answered malformed JSON'],
  ['no answer at all', { hang: true }, 'wechat activityid create timed out after 500 ms'],
] as const)('%s → 502 with a diagnostic that names no secret', async (_name, answer, cause) => {
  wx.fake.queue.push({ path: PATH, answer })
  const e = await failure(wx.client.create('o-sharer-0004'))
  expect([e.status, e.code, e.message, e.cause]).toEqual([502, 'platform_unavailable', ACTIVITY_UNAVAILABLE_MESSAGE, cause])
  expect(String(e.cause)).not.toContain('o-sharer-0004')
  expect(String(e.cause)).not.toContain(wx.fake.currentToken ?? 'no-token-issued')
  expect(String(e.cause)).not.toContain(wx.fake.secret)
})

test('the fake refuses what WeChat refuses: a POST, a bad openid, no token', async () => {
  const token = (await wx.client.create('o-sharer-0005'), wx.fake.currentToken!)
  const url = `${wx.fake.url}${PATH}?access_token=${token}&openid=o-sharer-0005`
  expect(await (await fetch(url, { method: 'POST', body: '{}' })).json()).toMatchObject({ errcode: 43001 })
  expect(await (await fetch(`${wx.fake.url}${PATH}?access_token=${token}&openid=bad`)).json()).toMatchObject({ errcode: 40003 })
  expect(await (await fetch(`${wx.fake.url}${PATH}?openid=o-sharer-0005`)).json()).toMatchObject({ errcode: 41001 })
})
