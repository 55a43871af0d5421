// The WeChat private-message client (activityid/create) against the fake WeChat server: a GET carrying the token and
// the sharer's openid, a refused token renewed once, and every failure a 502 whose diagnostic names no secret.
import { WechatAccessToken } from '../../../server/adapters/wechat-access-token'
import { ACTIVITY_UNAVAILABLE_MESSAGE, WechatActivityIds } from '../../../server/adapters/wechat-activity'
import type { DbHandle } from '../../../server/db'
import { platformTokens } from '../../../server/db/schema'
import { AppError } from '../../../server/domain/errors'
import { DataCipher } from '../../../server/domain/secrets'
import { startWechatServer, type FakeWechatServer } from '../../fakes/wechat-server'
import { testDb } from '../../support/db'

const PATH = '/cgi-bin/message/wxopen/activityid/create'
let h: DbHandle
let fake: FakeWechatServer
let activity: WechatActivityIds
const cipher = new DataCipher('test-data-key-for-wechat-activity-01')

beforeAll(async () => {
  h = await testDb()
  fake = await startWechatServer()
})
afterAll(async () => {
  await fake.close()
  await h.close()
})
beforeEach(async () => {
  await h.db.delete(platformTokens)
  fake.calls.length = 0
  fake.queue.length = 0
  const cfg = { appId: fake.appId, secret: fake.secret, apiBase: fake.url }
  activity = new WechatActivityIds(cfg, new WechatAccessToken(cfg, { db: h.db, cipher }), { timeoutMs: 500 })
})

const activityCalls = () => fake.calls.filter((c) => c.path === PATH)

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

test('a GET with the access token and the sharer\'s openid gives an activity id bound to that openid, with its expiry', async () => {
  const before = Date.now()
  const made = await activity.create('o-sharer-0001')
  const [call] = activityCalls()
  expect(call).toMatchObject({ method: 'GET', query: { openid: 'o-sharer-0001', access_token: fake.currentToken } })
  expect(call!.body).toBeUndefined()
  expect(made.activityId).toBe(call!.answer!.activity_id)
  expect(fake.activities.get(made.activityId)).toMatchObject({ openid: 'o-sharer-0001' })
  // WeChat's default: 24 hours, given in Unix seconds.
  expect(made.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 86_400_000)
  expect(made.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000)
  // Each share gets its own id.
  expect((await activity.create('o-sharer-0001')).activityId).not.toBe(made.activityId)
})

test('a revoked access token is replaced and the call made once more', async () => {
  await activity.create('o-sharer-0002')
  fake.revokeTokens()
  await expect(activity.create('o-sharer-0002')).resolves.toMatchObject({ activityId: expect.any(String) })
  expect(activityCalls().map((c) => c.answer!.errcode)).toEqual([0, 40001, 0])
})

test('WeChat\'s own example sends errcode as a string: "42001" is a refused token too', async () => {
  fake.queue.push({ path: PATH, answer: { status: 200, body: '{"errcode":"42001","errmsg":"access_token 过期"}' } })
  await expect(activity.create('o-sharer-0003')).resolves.toMatchObject({ activityId: expect.any(String) })
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
  fake.queue.push({ path: PATH, answer })
  const e = await failure(activity.create('o-sharer-0004'))
  expect([e.status, e.code, e.message, e.cause]).toEqual([502, 'platform_unavailable', ACTIVITY_UNAVAILABLE_MESSAGE, cause])
  expect(String(e.cause)).not.toContain('o-sharer-0004')
  expect(String(e.cause)).not.toContain(fake.currentToken ?? 'no-token-issued')
  expect(String(e.cause)).not.toContain(fake.secret)
})

test('the fake refuses what WeChat refuses: a POST, a bad openid, no token', async () => {
  const token = (await activity.create('o-sharer-0005'), fake.currentToken!)
  const url = `${fake.url}${PATH}?access_token=${token}&openid=o-sharer-0005`
  expect(await (await fetch(url, { method: 'POST', body: '{}' })).json()).toMatchObject({ errcode: 43001 })
  expect(await (await fetch(`${fake.url}${PATH}?access_token=${token}&openid=bad`)).json()).toMatchObject({ errcode: 40003 })
  expect(await (await fetch(`${fake.url}${PATH}?openid=o-sharer-0005`)).json()).toMatchObject({ errcode: 41001 })
})
