// The WeChat private-message id of a share, through the real client and the fake WeChat server: made only for a
// weapp share by a WeChat session (bound to the sharer's openid); any failure still makes the share, with
// activityId null (the client shares a plain card), and is logged without the openid, the token or the secret.
import { Writable } from 'node:stream'
import { eq } from 'drizzle-orm'
import { claims, persons } from '../../../../../../server/db/schema'
import { loggerOptions } from '../../../../../../server/plugins/logger'
import type { ShareCreated } from '../../../../../../types/api/shares'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoPasswordSession, giveConsents, platformSession } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

const PATH = '/cgi-bin/message/wxopen/activityid/create'
let wx: FakeWechatServer; let t: TestApp
const logLines: string[] = []

beforeAll(async () => {
  wx = await startWechatServer({ appId: 'wx-share-app', secret: 'wx-share-secret-0123456789' })
  const stream = new Writable({ write (chunk, _enc, cb) { logLines.push(String(chunk)); cb() } })
  t = await makeTestApp({
    env: { WECHAT_APPID: 'wx-share-app', WECHAT_SECRET: 'wx-share-secret-0123456789', WECHAT_API_BASE: wx.url },
    logger: { ...loggerOptions('info'), stream },
  })
})
afterAll(async () => { await t.close(); await wx.close() })
beforeEach(() => { wx.queue.length = 0 })

type Headers = Record<string, string>
let codeNo = 0
/** A real WeChat login through the fake (the demo person's openid, bound by the demo data), verified by password. */
async function wechatSession (n: number): Promise<Headers> {
  const code = `share-code-${++codeNo}`
  wx.answers.set(code, { openid: demoPerson(n).wechatSubject })
  const { token, headers: h } = await platformSession(t, code)
  const verified = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/password', headers: h, payload: { password: demoPerson(n).queryPassword } })
  expect(verified.statusCode).toBe(200)
  await giveConsents(t, token)
  return h
}
/** A card-number + password login: verified, but no WeChat identity behind the session. */
const passwordSession = async (n: number): Promise<Headers> => (await demoPasswordSession(t, n)).headers
async function claimOf (n: number): Promise<number> {
  const [row] = await t.handle.db.select({ id: claims.id }).from(claims).innerJoin(persons, eq(persons.id, claims.personId))
    .where(eq(persons.cardNumber, demoPerson(n).cardNumber)).orderBy(claims.id).limit(1)
  return row!.id
}
async function share (h: Headers, channel: string, n = 1): Promise<ShareCreated> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${await claimOf(n)}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel } })
  expect(res.statusCode).toBe(201)
  return res.json() as ShareCreated
}
const activityCalls = () => wx.calls.filter((c) => c.path === PATH)

test('a weapp share by a WeChat session gets an activity id WeChat bound to the sharer\'s openid', async () => {
  const h = await wechatSession(1)
  const made = await share(h, 'weapp')
  expect(made.activityId).toEqual(expect.any(String))
  expect(wx.activities.get(made.activityId!)).toMatchObject({ openid: demoPerson(1).wechatSubject })
  const call = activityCalls().at(-1)!
  expect(call.method).toBe('GET')
  expect(call.query.openid).toBe(demoPerson(1).wechatSubject)
  // Two shares, two cards: each its own id.
  expect((await share(h, 'weapp')).activityId).not.toBe(made.activityId)
})

test('h5 and alipay shares, and a weapp share by a session with no WeChat identity, ask WeChat nothing', async () => {
  const before = activityCalls().length
  const h = await wechatSession(2)
  expect((await share(h, 'h5', 2)).activityId).toBeNull()
  expect((await share(h, 'alipay', 2)).activityId).toBeNull()
  expect((await share(await passwordSession(2), 'weapp', 2)).activityId).toBeNull()
  expect(activityCalls().length).toBe(before)
})

test.each([
  ['busy (-1)', { errcode: -1 }],
  ['an HTTP 500', { status: 500, body: 'oops' }],
  ['malformed JSON', { status: 200, body: '{' }],
] as const)('WeChat failing (%s) still makes the share, with a plain card, and logs no secret', async (_name, answer) => {
  const h = await wechatSession(3)
  const linesBefore = logLines.length
  wx.queue.push({ path: PATH, answer })
  const made = await share(h, 'weapp', 3)
  expect(made.activityId).toBeNull()
  expect(made.token).toEqual(expect.any(String))
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': made.token } })
  expect(res.statusCode).toBe(200)
  const logged = logLines.slice(linesBefore).join('')
  expect(logged).toContain('wechat activity id not created; the share is a plain card')
  expect(logged).toContain(`"grantId":${made.grant.id}`)
  for (const secret of [demoPerson(3).wechatSubject, wx.secret, wx.currentToken!, made.token]) expect(logged).not.toContain(secret)
})
