// The shared WeChat access_token: stored encrypted in platform_tokens, refreshed once under a lease row (no
// transaction across the HTTP call), invalidated on refusal.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq, sql } from 'drizzle-orm'
import { WechatAccessToken, REFRESH_MARGIN_MS } from '../../../server/adapters/wechat-access-token'
import type { Clock } from '../../../server/domain/ports'
import type { WechatConfig } from '../../../server/config'
import type { DbHandle } from '../../../server/db'
import { leases, platformTokens } from '../../../server/db/schema'
import { rowsOf } from '../../../server/db/rows'
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
  await h.db.delete(leases)
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

/**
 * A forwarder to the fake WeChat server that holds every request until `open()` (or, as a fallback so that a
 * broken implementation fails an assertion instead of hanging, until `fallbackMs` have passed).
 */
async function slowForwarder (target: string, fallbackMs = 3000) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => { open = resolve })
  const fallback = setTimeout(() => open(), fallbackMs)
  let arrived!: () => void
  const reached = new Promise<void>((resolve) => { arrived = resolve })
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      arrived()
      void gate.then(async () => {
        const upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method, headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks),
        })
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
        res.end(await upstream.text())
      }).catch(() => res.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves once the first request has arrived (and is being held). */
    reached,
    open: () => open(),
    close: () => new Promise<void>((resolve) => {
      clearTimeout(fallback)
      open()
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

const leaseRows = async () => h.db.select().from(leases)

test('while a refresh waits on a slow WeChat, other queries on the same database are not held up', async () => {
  const slow = await slowForwarder(fake.url)
  try {
    const tokens = new WechatAccessToken({ ...cfg, apiBase: slow.url }, { db: h.db, cipher })
    const done: string[] = []
    const refreshed = tokens.get().then((t) => { done.push('refresh'); return t })
    await slow.reached // the refresh is now inside its HTTP call
    // An unrelated query, and a write: with a transaction held across the HTTP call, PGlite would make both wait.
    await h.db.execute(sql`select count(*) from persons`)
    await h.db.insert(leases).values({ key: 'unrelated', holder: 'test', expiresAt: new Date(Date.now() + 60_000) })
    done.push('query')
    slow.open()
    expect(await refreshed).toBe(fake.currentToken)
    expect(done).toEqual(['query', 'refresh'])
    expect((await leaseRows()).map((r) => r.key)).toEqual(['unrelated']) // the refresh released its own lease
  } finally {
    await slow.close()
  }
})

test('N concurrent get() from two instances while the fetch is slow: one fetch, and the waiter uses the stored token', async () => {
  const slow = await slowForwarder(fake.url)
  try {
    const slowCfg = { ...cfg, apiBase: slow.url }
    const a = new WechatAccessToken(slowCfg, { db: h.db, cipher })
    const b = new WechatAccessToken(slowCfg, { db: h.db, cipher })
    const all = Promise.all([a.get(), b.get(), a.get(), b.get(), a.get(), b.get()])
    await slow.reached
    // One of them holds the lease and is inside the HTTP call; the other polls the token row.
    const [lease] = await leaseRows()
    expect(lease!.key).toBe(`platform_token:wechat:${fake.appId}`)
    slow.open()
    const got = await all
    expect(new Set(got)).toEqual(new Set([fake.currentToken]))
    expect(tokenCalls()).toHaveLength(1)
    expect(await leaseRows()).toHaveLength(0)
  } finally {
    await slow.close()
  }
})

test('a lease left by a holder that died expires, and another process takes it and fetches', async () => {
  // As if a process took the lease and was killed mid-fetch: its row stays until it expires.
  await h.db.execute(sql`insert into leases (key, holder, expires_at)
    values (${`platform_token:wechat:${fake.appId}`}, 'dead-process', now() + interval '400 milliseconds')`)
  const tokens = new WechatAccessToken(cfg, { db: h.db, cipher, timeoutMs: 300 })
  expect(await tokens.get()).toBe(fake.currentToken)
  expect(tokenCalls()).toHaveLength(1)
  expect(await leaseRows()).toHaveLength(0) // taken over, then released by the new holder
})

test('an expired lease is taken at once; a live lease held by nobody who answers ends in a 502, never a second fetch', async () => {
  const key = `platform_token:wechat:${fake.appId}`
  await h.db.execute(sql`insert into leases (key, holder, expires_at) values (${key}, 'long-gone', now() - interval '1 minute')`)
  expect(await new WechatAccessToken(cfg, { db: h.db, cipher, timeoutMs: 200 }).get()).toBe(fake.currentToken)
  expect(tokenCalls()).toHaveLength(1)

  await h.db.delete(platformTokens)
  await h.db.execute(sql`insert into leases (key, holder, expires_at) values (${key}, 'stuck', now() + interval '1 hour')`)
  const e = await failure(new WechatAccessToken(cfg, { db: h.db, cipher, timeoutMs: 200 }).get())
  expect([e.status, e.code]).toEqual([502, 'platform_unavailable'])
  expect(String(e.cause)).toContain('another process')
  expect(tokenCalls()).toHaveLength(1) // it waited for the holder; it did not fetch behind its back
  const rows = rowsOf<{ holder: string }>(await h.db.execute(sql`select holder from leases`))
  expect(rows.map((r) => r.holder)).toEqual(['stuck']) // and it did not remove somebody else's lease
})
