// The shared WeChat access_token: stored encrypted in platform_tokens, refreshed once under a lock, invalidated on refusal.
import { eq } from 'drizzle-orm'
import { WechatAccessToken, REFRESH_MARGIN_MS } from '../../../server/adapters/wechat-access-token'
import type { Clock } from '../../../server/adapters/types'
import type { WechatConfig } from '../../../server/config'
import type { DbHandle } from '../../../server/db'
import { platformTokens } from '../../../server/db/schema'
import { AppError } from '../../../server/domain/errors'
import { DataCipher } from '../../../server/domain/secrets'
import { startWechatServer, type FakeWechatServer } from '../../fakes/wechat-server'
import { testDb } from '../../support/db'

let h: DbHandle
let fake: FakeWechatServer
let cfg: WechatConfig
const cipher = new DataCipher('test-data-key-for-access-token-0123')

/** A clock the test moves by hand; starts at the real time so the fake's real-time expiry agrees. */
class ManualClock implements Clock {
  t = Date.now()
  now (): Date { return new Date(this.t) }
}

beforeAll(async () => { h = await testDb() })
afterAll(async () => { await h.close() })
beforeEach(async () => {
  fake = await startWechatServer()
  cfg = { appId: fake.appId, secret: fake.secret, apiBase: fake.url }
  await h.db.delete(platformTokens)
})
afterEach(async () => { await fake.close() })

const tokenCalls = () => fake.calls.filter((c) => c.path === '/cgi-bin/stable_token')

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

test('the first get() fetches a stable token, stores it encrypted, and later calls reuse it without fetching', async () => {
  const tokens = new WechatAccessToken(cfg, { db: h.db, cipher })
  const t1 = await tokens.get()
  expect(t1).toBe(fake.currentToken)
  expect(tokenCalls()).toHaveLength(1)
  expect(tokenCalls()[0]!.body).toEqual({ grant_type: 'client_credential', appid: fake.appId, secret: fake.secret, force_refresh: false })
  expect(tokenCalls()[0]!.query).toEqual({}) // the secret travels in the body, never in a URL that proxies log

  const [row] = await h.db.select().from(platformTokens).where(eq(platformTokens.key, `wechat:${fake.appId}`))
  expect(row!.tokenEnc).not.toContain(t1)
  expect(cipher.decrypt(row!.tokenEnc)).toBe(t1)
  expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(7100_000)

  await expect(tokens.get()).resolves.toBe(t1)
  await expect(tokens.get()).resolves.toBe(t1)
  expect(tokenCalls()).toHaveLength(1)
})

test('two concurrent get() on one database — two client instances, as two processes — make ONE fetch', async () => {
  const a = new WechatAccessToken(cfg, { db: h.db, cipher })
  const b = new WechatAccessToken(cfg, { db: h.db, cipher })
  const got = await Promise.all([a.get(), b.get(), a.get(), b.get()])
  expect(new Set(got).size).toBe(1)
  expect(tokenCalls()).toHaveLength(1)
  expect(fake.tokensIssued).toBe(1)
})

test('a token stored by one instance is used by another without a fetch', async () => {
  const t = await new WechatAccessToken(cfg, { db: h.db, cipher }).get()
  const other = new WechatAccessToken(cfg, { db: h.db, cipher })
  await expect(other.get()).resolves.toBe(t)
  expect(tokenCalls()).toHaveLength(1)
})

test('a token with 5 minutes or less left is refreshed; with more it is kept', async () => {
  const clock = new ManualClock()
  const tokens = new WechatAccessToken(cfg, { db: h.db, cipher, clock })
  const t1 = await tokens.get()
  const [row] = await h.db.select().from(platformTokens)
  clock.t = row!.expiresAt.getTime() - REFRESH_MARGIN_MS - 1000 // 5 min 1 s left: still good
  await expect(tokens.get()).resolves.toBe(t1)
  expect(tokenCalls()).toHaveLength(1)

  clock.t = row!.expiresAt.getTime() - REFRESH_MARGIN_MS // exactly 5 min left: refresh
  fake.expireTokens() // WeChat, in its own last 5 minutes, hands out the next token
  const t2 = await tokens.get()
  expect(tokenCalls()).toHaveLength(2)
  expect(t2).not.toBe(t1)
  expect(t2).toBe(fake.currentToken)
})

test('invalidate(token) expires the stored token only if it is still that token', async () => {
  const tokens = new WechatAccessToken(cfg, { db: h.db, cipher })
  const t1 = await tokens.get()
  await tokens.invalidate('some-older-token')
  await expect(tokens.get()).resolves.toBe(t1)
  expect(tokenCalls()).toHaveLength(1)

  fake.revokeTokens() // someone forced a refresh: WeChat now refuses t1 and stable_token gives a new one
  await tokens.invalidate(t1)
  const t2 = await tokens.get()
  expect(t2).not.toBe(t1)
  expect(tokenCalls()).toHaveLength(2)
})

test('a stored token this DATA_KEY cannot open is refetched, not a crash', async () => {
  await new WechatAccessToken(cfg, { db: h.db, cipher: new DataCipher('another-data-key-0123456789') }).get()
  const t = await new WechatAccessToken(cfg, { db: h.db, cipher }).get()
  expect(t).toBe(fake.currentToken)
  expect(tokenCalls()).toHaveLength(2)
})

test.each([
  ['a wrong secret (40125)', { secret: 'wrong-secret' }, 'wechat stable_token errcode 40125'],
  ['a wrong appid (40013)', { appId: 'wx-wrong' }, 'wechat stable_token errcode 40013'],
] as const)('%s → 502 platform_unavailable with the errcode logged, nothing stored', async (_name, change, cause) => {
  const tokens = new WechatAccessToken({ ...cfg, ...change }, { db: h.db, cipher })
  const e = await failure(tokens.get())
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', cause])
  expect(`${e.message} ${String(e.cause)}`).not.toContain(fake.secret)
  expect(await h.db.select().from(platformTokens)).toHaveLength(0)
})

test('busy, HTTP 500, malformed, an answer without a token, a hang, nobody listening → 502', async () => {
  const tokens = new WechatAccessToken(cfg, { db: h.db, cipher, timeoutMs: 300 })
  const path = '/cgi-bin/stable_token'
  fake.queue.push({ path, answer: { errcode: -1 } })
  expect((await failure(tokens.get())).cause).toBe('wechat stable_token errcode -1')
  fake.queue.push({ path, answer: { status: 500, body: 'oops' } })
  expect((await failure(tokens.get())).cause).toBe('wechat stable_token http 500')
  fake.queue.push({ path, answer: { status: 200, body: '{"access_token":' } })
  expect((await failure(tokens.get())).cause).toBe('wechat stable_token answered malformed JSON')
  fake.queue.push({ path, answer: { status: 200, body: '{"expires_in":7200}' } })
  expect((await failure(tokens.get())).cause).toBe('wechat stable_token answered without access_token / expires_in')
  fake.queue.push({ path, answer: { hang: true } })
  expect((await failure(tokens.get())).cause).toBe('wechat stable_token timed out after 300 ms')
  const url = fake.url
  await fake.close()
  const nowhere = new WechatAccessToken({ ...cfg, apiBase: url }, { db: h.db, cipher })
  expect((await failure(nowhere.get())).cause).toBe('wechat stable_token network error')
  fake = await startWechatServer() // for afterEach
})

test('tokens are per appid: another appid has its own row', async () => {
  const other = await startWechatServer({ appId: 'wx0000000000fake02' })
  try {
    const a = await new WechatAccessToken(cfg, { db: h.db, cipher }).get()
    const b = await new WechatAccessToken({ appId: other.appId, secret: other.secret, apiBase: other.url }, { db: h.db, cipher }).get()
    expect(a).not.toBe(b)
    const keys = (await h.db.select({ key: platformTokens.key }).from(platformTokens)).map((r) => r.key).sort()
    expect(keys).toEqual([`wechat:${fake.appId}`, 'wechat:wx0000000000fake02'])
  } finally {
    await other.close()
  }
})
