// 分享给家人 over HTTP: creating a grant (only the verified owner's own claim, only the token's hash stored, expiry
// from the server clock, one grant per recipient, a bound on live grants), the family view (the same 404 for unknown,
// malformed, expired and revoked tokens and a missing header; the token only from the header; private headers on
// every answer), 我的分享 with statuses and views, revocation (idempotent, per grant or all), cross-person refusals,
// and the owner's access-log row for every view.
import { and, eq, sql } from 'drizzle-orm'
import { createHash } from 'node:crypto'
import { accessLogs, claims, shareGrants } from '../../../../../../server/db/schema'
import { SHARE_TOKEN_PATTERN, type ShareCreated, type ShareGrant, type ShareList, type ShareView } from '../../../../../../types/api/shares'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'

const BASE = 'https://yibao.example.cn'
let t: TestApp
beforeAll(async () => { t = await makeTestApp({ env: { PUBLIC_BASE_URL: BASE, SHARE_VIEW_RATE_PER_MINUTE: '100000' } }) })
afterAll(async () => { await t.close() })

type Headers = Record<string, string>
interface Err { error: { code: string; message: string } }
interface Res { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }

const HOUR = 3600_000
const DAY = 24 * HOUR
const INVALID = { error: { code: 'share_invalid', message: '链接已失效，请让家人重新分享' } }

/** A dev WeChat login of demo person n: bound and verified for the window from the test clock's now. */
const login = (n: number) => demoLogin(t, n)
const personId = (n: number) => demoPersonId(t.handle.db, n)
async function claimsOf (n: number): Promise<{ id: number; title: string; claimNo: string; stage: string }[]> {
  return t.handle.db.select({ id: claims.id, title: claims.title, claimNo: claims.claimNo, stage: claims.stage }).from(claims)
    .where(eq(claims.personId, await personId(n))).orderBy(claims.id)
}
async function firstClaim (n: number): Promise<number> {
  return (await claimsOf(n))[0]!.id
}

const create = (h: Headers, claimId: number | string, body: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel: 'h5', ...body } })
async function share (h: Headers, claimId: number, body: Record<string, unknown> = {}): Promise<ShareCreated> {
  const res = await create(h, claimId, body)
  expect(res.statusCode).toBe(201)
  return res.json() as ShareCreated
}
const view = (token: string | undefined, extra: Headers = {}, url = '/api/v1/share-view') =>
  t.app.inject({ method: 'GET', url, headers: token === undefined ? extra : { 'x-share-token': token, ...extra } })
const list = async (h: Headers): Promise<ShareGrant[]> => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: h })
  expect(res.statusCode).toBe(200)
  expect(res.headers['cache-control']).toBe('no-store')
  return (res.json() as ShareList).items
}
const revoke = (h: Headers, id: number | string) => t.app.inject({ method: 'POST', url: `/api/v1/shares/${id}/revoke`, headers: h })
const revokeAll = (h: Headers) => t.app.inject({ method: 'POST', url: '/api/v1/shares/revoke-all', headers: h })
const err = (res: Res) => [res.statusCode, (res.json() as Err).error.code]

/** The answer every token that opens nothing gets: status, body and the private headers, byte for byte. */
function expectInvalid (res: Res): void {
  expect(res.statusCode).toBe(404)
  expect(res.json()).toEqual(INVALID)
  expectPrivate(res)
}
function expectPrivate (res: Res): void {
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
  expect(res.headers['x-robots-tag']).toBe('noindex')
}

describe('create', () => {
  test('a grant on the owner\'s claim: 201, a 32-character token shown once, only its SHA-256 stored; path, H5 link, summary', async () => {
    const h = await login(1)
    const claim = (await claimsOf(1)).find((c) => c.stage === 'materials_needed')!
    const res = await create(h, claim.id, { recipientLabel: '女儿', duration: '1d' })
    expect(res.statusCode).toBe(201)
    expect(res.headers['cache-control']).toBe('no-store')
    const made = res.json() as ShareCreated
    expect(made.token).toMatch(new RegExp(SHARE_TOKEN_PATTERN))
    expect(Buffer.from(made.token, 'base64url')).toHaveLength(24)
    expect(made.path).toBe(`/packages/share/pages/view/index?t=${made.token}`)
    expect(made.url).toBe(`${BASE}/#/packages/share/pages/view/index?t=${made.token}`)
    expect(made.activityId).toBeNull() // h5, and no WeChat credentials here
    expect(made.grant).toEqual({
      id: expect.any(Number), claim: { id: claim.id, title: claim.title, claimNo: claim.claimNo }, recipientLabel: '女儿', showAmounts: false,
      createdAt: t.clock.now().toISOString(), expiresAt: new Date(t.clock.now().getTime() + DAY).toISOString(), revokedAt: null,
      status: 'active', viewCount: 0, lastViewedAt: null,
    })
    expect(made.summary).toBe(`家人会看到${demoPerson(1).maskedName}的“${claim.title}”：办理阶段（需补充材料）和每一步的日期、需要补充的 3 项材料、下一步怎么办，` +
      '看不到金额；链接在 2026年11月21日 11:00 前有效，您也可以随时撤回。')

    const [row] = await t.handle.db.select().from(shareGrants).where(eq(shareGrants.id, made.grant.id))
    expect(row!.tokenHash).toBe(createHash('sha256').update(made.token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(made.token)
    // Nothing the owner reads later carries the token again.
    expect(JSON.stringify(await list(h))).not.toContain(made.token)
  })

  test('1h, 1d and 7d run from the server clock, whatever the client thinks the time is', async () => {
    const h = await login(1)
    const id = await firstClaim(1)
    const now = t.clock.now().getTime()
    for (const [duration, ms] of [['1h', HOUR], ['1d', DAY], ['7d', 7 * DAY]] as const) {
      const made = await share({ ...h, date: 'Thu, 01 Jan 2099 00:00:00 GMT' }, id, { duration })
      expect(made.grant.expiresAt).toBe(new Date(now + ms).toISOString())
    }
  })

  test('one grant per recipient: each its own row and token, each revoked alone; amounts when asked; without PUBLIC_BASE_URL no link', async () => {
    const h = await login(2)
    const id = await firstClaim(2)
    const a = await share(h, id, { recipientLabel: '儿子', showAmounts: true })
    const b = await share(h, id, { recipientLabel: '   ' }) // (a line break is refused: a control character)
    expect(a.grant.id).not.toBe(b.grant.id)
    expect(a.token).not.toBe(b.token)
    expect([a.grant.showAmounts, b.grant.showAmounts]).toEqual([true, false])
    expect(b.grant.recipientLabel).toBeNull() // blank is none
    expect(a.summary).toContain('也能看到申请和核定的金额')
    expect((await revoke(h, a.grant.id)).json()).toEqual({ revoked: 1 })
    expectInvalid(await view(a.token))
    expect((await view(b.token)).statusCode).toBe(200)

    const bare = await makeTestApp({ handle: t.handle, seed: false })
    try {
      const res = await bare.app.inject({ method: 'POST', url: `/api/v1/claims/${id}/shares`, headers: h, payload: { duration: '1h', showAmounts: false, channel: 'alipay' } })
      expect(res.statusCode).toBe(201)
      expect((res.json() as ShareCreated).url).toBeNull()
    } finally { await bare.app.close() }
  })

  test('bad bodies are 400 validation_failed with a Chinese sentence', async () => {
    const h = await login(1)
    const id = await firstClaim(1)
    for (const body of [
      { duration: '30d' }, { duration: 7 }, { showAmounts: 'yes' }, { channel: 'web' }, { recipientLabel: '一'.repeat(21) },
      { recipientLabel: '' }, { extra: 1 },
    ]) {
      const res = await create(h, id, body)
      expect(err(res)).toEqual([400, 'validation_failed'])
      const message = (res.json() as Err).error.message
      expect(message).toMatch(/[\u4e00-\u9fff]/)
      expect(message).not.toMatch(/duration|showAmounts|channel|recipientLabel/)
    }
    expect((await create(h, id, { duration: '30d' })).json()).toEqual({ error: { code: 'validation_failed', message: '有效期只能选 1 小时、1 天或 7 天' } })
    const missing = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${id}/shares`, headers: h, payload: { duration: '1d', showAmounts: false } })
    expect(err(missing)).toEqual([400, 'validation_failed'])
    expect(err(await create(h, '0'))).toEqual([400, 'validation_failed'])
    expect(err(await create(h, 'abc'))).toEqual([400, 'validation_failed'])
    expect(await list(h)).not.toContainEqual(expect.objectContaining({ recipientLabel: '一'.repeat(21) }))
  })

  test('another person\'s claim or a missing id: the same 404 as GET /claims/{id}, and nothing is made', async () => {
    const h = await login(1)
    const before = (await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(shareGrants))[0]!.n
    for (const id of [await firstClaim(2), await firstClaim(3), 999_999_999]) {
      const res = await create(h, id)
      const detail = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${id}`, headers: h })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual(detail.json())
    }
    expect((await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(shareGrants))[0]!.n).toBe(before)
  })

  test('signed out 401; unbound 403 binding_required; past the verification window 403 verification_required — on every owner route', async () => {
    const id = await firstClaim(1)
    const routes = (h: Headers) => [create(h, id), t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: h }), revoke(h, 1), revokeAll(h)]
    for (const res of await Promise.all(routes({}))) expect(err(res)).toEqual([401, 'unauthorized'])
    const stranger = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-stranger-shares' } })
    const unbound = { authorization: `Bearer ${(stranger.json() as { token: string }).token}` }
    for (const res of await Promise.all(routes(unbound))) expect(err(res)).toEqual([403, 'binding_required'])
    const h = await login(1)
    t.clock.advance(16 * 60_000)
    for (const res of await Promise.all(routes(h))) expect(err(res)).toEqual([403, 'verification_required'])
  })

  test('at most 20 live grants per person: the 21st is 409 share_limit_reached; a revoked or expired one frees a place', async () => {
    const h = await login(3)
    await revokeAll(h)
    const id = await firstClaim(3)
    const made: ShareCreated[] = []
    made.push(await share(h, id, { duration: '1h' }))
    for (let i = 1; i < 20; i++) made.push(await share(h, id, { duration: '7d' }))
    const refused = await create(h, id)
    expect(err(refused)).toEqual([409, 'share_limit_reached'])
    expect((refused.json() as Err).error.message).toBe('同时有效的分享最多 20 份，请先在“我的分享”里撤回不再需要的，再分享')
    await revoke(h, made[5]!.grant.id)
    await share(h, id)
    expect(err(await create(h, id))).toEqual([409, 'share_limit_reached'])
    t.clock.advance(HOUR) // the 1h grant expires
    const again = await login(3)
    await share(again, id)
    expect(err(await create(again, id))).toEqual([409, 'share_limit_reached'])
    expect((await revokeAll(again)).json()).toEqual({ revoked: 20 })
  })
})

describe('the family view', () => {
  test('a live token shows the masked owner and the claim\'s stage, dated timeline, materials and next step; amounts hidden by default', async () => {
    const h = await login(1)
    const claim = (await claimsOf(1)).find((c) => c.stage === 'materials_needed')!
    const made = await share(h, claim.id)
    const res = await view(made.token)
    expect(res.statusCode).toBe(200)
    expectPrivate(res)
    const body = res.json() as ShareView
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: h })).json() as {
      stageName: string; timeline: unknown[]; missingMaterials: string[]; nextStep: string; institution: { name: string } | null; submittedAt: string; updatedAt: string
    }
    expect(body).toEqual({
      ownerNameMasked: demoPerson(1).maskedName,
      claim: {
        title: claim.title, stage: 'materials_needed', stageName: '需补充材料', submittedAt: detail.submittedAt, updatedAt: detail.updatedAt,
        institutionName: detail.institution?.name ?? null, timeline: detail.timeline, missingMaterials: detail.missingMaterials,
        nextStep: detail.nextStep, claimedFen: null, approvedFen: null,
      },
      showAmounts: false,
      expiresAt: made.grant.expiresAt,
    })
    expect(body.claim.missingMaterials).toHaveLength(3)
    expect(body.claim.timeline.length).toBeGreaterThan(1)
  })

  test('amounts only when allowed; a hidden amount is also gone from the timeline\'s notes', async () => {
    const h = await login(1)
    const paid = (await claimsOf(1)).find((c) => c.stage === 'paid')!
    const shown = (await view((await share(h, paid.id, { showAmounts: true })).token)).json() as ShareView
    expect([shown.showAmounts, shown.claim.claimedFen, shown.claim.approvedFen]).toEqual([true, 128_640, 110_230])
    expect(shown.claim.timeline.map((e) => e.note)).toContain('复审通过，核定报销金额 ¥1,102.30')
    const hidden = (await view((await share(h, paid.id)).token)).json() as ShareView
    expect([hidden.showAmounts, hidden.claim.claimedFen, hidden.claim.approvedFen]).toEqual([false, null, null])
    expect(hidden.claim.timeline.map((e) => e.note)).toContain('复审通过，核定报销金额（金额不显示）')
    expect(JSON.stringify(hidden)).not.toMatch(/1,102\.30|1102\.30|110230|1,286\.40|1286\.40|128640/)
    // The payout card: never its digits, whatever the owner allowed.
    expect(shown.claim.nextStep).toContain('登记的银行账户')
    expect(JSON.stringify(shown)).not.toMatch(/尾号|\*\*\*\*/)
  })

  test('unknown, malformed, expired and revoked tokens and a missing or oversized header: one and the same 404', async () => {
    const h = await login(1)
    const id = await firstClaim(1)
    const expiring = await share(h, id, { duration: '1h' })
    const revoked = await share(h, id, { duration: '7d' })
    const live = await share(h, id, { duration: '7d' })
    expect((await view(expiring.token)).statusCode).toBe(200)
    expect((await view(revoked.token)).statusCode).toBe(200)
    expect((await revoke(h, revoked.grant.id)).json()).toEqual({ revoked: 1 })
    t.clock.advance(HOUR - 1)
    expect((await view(expiring.token)).statusCode).toBe(200) // one millisecond left
    t.clock.advance(1)

    const flipped = `${live.token.slice(0, -1)}${live.token.endsWith('A') ? 'B' : 'A'}`
    const answers = [
      await view(expiring.token), await view(revoked.token), await view(flipped), await view('A'.repeat(32)),
      await view(live.token.slice(0, 31)), await view(`${live.token}A`), await view(`${live.token} `), await view('not a token at all'),
      await view(''), await view(undefined), await view('x'.repeat(5000)), await view(live.token.toLowerCase() === live.token ? 'Z'.repeat(32) : live.token.toLowerCase()),
    ]
    for (const res of answers) expectInvalid(res)
    expect(new Set(answers.map((r) => r.body)).size).toBe(1)
    expect((await view(live.token)).statusCode).toBe(200)
  })

  test('the token is read from the X-Share-Token header only: a ?t= query is ignored, with or without a header', async () => {
    const h = await login(1)
    const made = await share(h, await firstClaim(1))
    expectInvalid(await view(undefined, {}, `/api/v1/share-view?t=${made.token}`))
    expectInvalid(await view(undefined, {}, `/api/v1/share-view?token=${made.token}`))
    expectInvalid(await view(undefined, { authorization: `Bearer ${made.token}` }))
    expectInvalid(await view(undefined, { cookie: `t=${made.token}` }))
    expect((await view(made.token, {}, '/api/v1/share-view?t=garbage')).statusCode).toBe(200)
    expectInvalid(await view('A'.repeat(32), {}, `/api/v1/share-view?t=${made.token}`))
  })

  test('only GET opens a view: HEAD, POST or OPTIONS with a live token count nothing', async () => {
    const h = await login(1)
    const made = await share(h, await firstClaim(1))
    for (const method of ['HEAD', 'POST', 'OPTIONS', 'PUT'] as const) {
      const res = await t.app.inject({ method, url: '/api/v1/share-view', headers: { 'x-share-token': made.token } })
      expect(res.statusCode).toBe(404)
      expect(res.body).not.toContain(made.grant.claim.title)
    }
    const [row] = await t.handle.db.select({ viewCount: shareGrants.viewCount }).from(shareGrants).where(eq(shareGrants.id, made.grant.id))
    expect(row!.viewCount).toBe(0)
  })

  test('a session\'s bearer token is no share token, and a share token is no session', async () => {
    const h = await login(1)
    const made = await share(h, await firstClaim(1))
    expectInvalid(await view(h.authorization!.slice('Bearer '.length)))
    expect(err(await t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: { authorization: `Bearer ${made.token}` } }))).toEqual([401, 'session_expired'])
    expect(err(await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${made.token}` } }))).toEqual([401, 'session_expired'])
  })

  test('each view: view count + 1, last viewed, and one row in the OWNER\'s access log (actor share, the grant, the claim, channel, scene)', async () => {
    const h = await login(2)
    const id = await firstClaim(2)
    const made = await share(h, id)
    const owner = await personId(2)
    const logs = () => t.handle.db.select().from(accessLogs).where(and(eq(accessLogs.personId, owner), eq(accessLogs.actor, 'share')))
    const before = (await logs()).length
    expect((await view(made.token, { 'x-client-channel': 'weapp', 'x-entry-scene': 'share:1007' })).statusCode).toBe(200)
    t.clock.advance(60_000)
    expect((await view(made.token, { 'x-client-channel': 'mars', 'x-entry-scene': '<script>' })).statusCode).toBe(200)
    const rows = (await logs()).slice(before)
    expect(rows.map((r) => ({ ...r, id: 0 }))).toEqual([
      { id: 0, personId: owner, sessionId: null, resource: 'claim_detail', resourceId: String(id), actor: 'share', channel: 'weapp', scene: 'share:1007', shareGrantId: made.grant.id, at: new Date(t.clock.now().getTime() - 60_000) },
      { id: 0, personId: owner, sessionId: null, resource: 'claim_detail', resourceId: String(id), actor: 'share', channel: null, scene: 'script', shareGrantId: made.grant.id, at: t.clock.now() },
    ])
    const again = await login(2)
    const grant = (await list(again)).find((g) => g.id === made.grant.id)!
    expect([grant.viewCount, grant.lastViewedAt]).toEqual([2, t.clock.now().toISOString()])

    // A refused view counts nothing and logs nothing.
    await revoke(again, made.grant.id)
    expectInvalid(await view(made.token))
    expect((await logs()).length).toBe(before + 2)
    expect((await list(again)).find((g) => g.id === made.grant.id)!.viewCount).toBe(2)
  })
})

describe('我的分享 and revocation', () => {
  test('newest first with status active / expired / revoked; ended more than 30 days ago no longer listed', async () => {
    const h0 = await login(4)
    expect(await list(h0)).toEqual([]) // person 4 has no claims, so no grants
    const h = await login(1)
    await revokeAll(h)
    const id = await firstClaim(1)
    const old = await share(h, id, { duration: '1h', recipientLabel: '旧的' })
    t.clock.advance(HOUR)
    let h2 = await login(1)
    const revoked = await share(h2, id, { recipientLabel: '撤回的' })
    t.clock.advance(HOUR)
    h2 = await login(1)
    await revoke(h2, revoked.grant.id)
    t.clock.advance(1000)
    h2 = await login(1)
    const live = await share(h2, id, { duration: '7d', recipientLabel: '妈妈' })
    const items = await list(h2)
    const mine = items.filter((g) => [old, revoked, live].some((m) => m.grant.id === g.id))
    expect(mine.map((g) => [g.recipientLabel, g.status])).toEqual([['妈妈', 'active'], ['撤回的', 'revoked'], ['旧的', 'expired']])
    expect(mine[1]!.revokedAt).toBe(new Date(t.clock.now().getTime() - 1000).toISOString())
    const created = items.map((g) => Date.parse(g.createdAt))
    expect([...created].sort((a, b) => b - a)).toEqual(created)

    // 30 days after the 1h grant expired it is gone; the revoked one (ended an hour later) is still there until its own 30 days pass.
    t.clock.advance(30 * DAY - HOUR)
    const later = (await list(await login(1))).map((g) => g.id)
    expect(later).not.toContain(old.grant.id)
    expect(later).toContain(revoked.grant.id)
    expect(later).toContain(live.grant.id) // expired 23 days ago
    t.clock.advance(HOUR)
    const after = (await list(await login(1))).map((g) => g.id)
    expect(after).not.toContain(revoked.grant.id)
    expect(after).toContain(live.grant.id)
  })

  test('revoking twice, or an expired grant, answers revoked: 0; revoke-all revokes only what is live', async () => {
    const h = await login(2)
    await revokeAll(h)
    const id = await firstClaim(2)
    const a = await share(h, id)
    const b = await share(h, id)
    const c = await share(h, id, { duration: '1h' })
    expect((await revoke(h, a.grant.id)).json()).toEqual({ revoked: 1 })
    expect((await revoke(h, a.grant.id)).json()).toEqual({ revoked: 0 })
    t.clock.advance(HOUR)
    const h2 = await login(2)
    expect((await revoke(h2, c.grant.id)).json()).toEqual({ revoked: 0 })
    const res = await revokeAll(h2)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toEqual({ revoked: 1 })
    expect((await revokeAll(h2)).json()).toEqual({ revoked: 0 })
    const statuses = Object.fromEntries((await list(h2)).map((g) => [g.id, g.status]))
    expect([statuses[a.grant.id], statuses[b.grant.id], statuses[c.grant.id]]).toEqual(['revoked', 'revoked', 'expired'])
    for (const m of [a, b, c]) expectInvalid(await view(m.token))
  })

  test('a missing grant id is 404 not_found; malformed ids are 400', async () => {
    const h = await login(1)
    expect(err(await revoke(h, 999_999_999))).toEqual([404, 'not_found'])
    expect(err(await revoke(h, 0))).toEqual([400, 'validation_failed'])
    expect(err(await revoke(h, '1e3'))).toEqual([400, 'validation_failed'])
    expect(err(await revoke(h, '9'.repeat(16)))).toEqual([400, 'validation_failed'])
  })
})

describe('cross-person', () => {
  test('B cannot list, revoke (one or all) or reach A\'s grants by id; A\'s link keeps working', async () => {
    const a = await login(1)
    const b = await login(2)
    const made = await share(a, await firstClaim(1), { recipientLabel: '女儿' })
    expect((await list(b)).map((g) => g.id)).not.toContain(made.grant.id)
    const theirs = await revoke(b, made.grant.id)
    const missing = await revoke(b, 999_999_998)
    expect(theirs.statusCode).toBe(404)
    expect(theirs.body).toBe(missing.body) // the same as a grant that does not exist
    await revokeAll(b)
    for (const url of [`/api/v1/shares/${made.grant.id}`, `/api/v1/share-view/${made.grant.id}`, `/api/v1/share-view?id=${made.grant.id}`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: b })
      expect(res.statusCode).toBe(404)
      expect(res.body).not.toContain(made.grant.claim.title)
    }
    const res = await view(made.token)
    expect(res.statusCode).toBe(200)
    expect((await list(a)).find((g) => g.id === made.grant.id)).toMatchObject({ status: 'active', recipientLabel: '女儿' })
  })

  test('the next id after B\'s own grant (ids are sequential) is A\'s: 404 for B, and A\'s link keeps working', async () => {
    const a = await login(1)
    const b = await login(2)
    const mine = await share(b, await firstClaim(2))
    const next = await share(a, await firstClaim(1))
    expect(next.grant.id).toBe(mine.grant.id + 1)
    expect(err(await revoke(b, next.grant.id))).toEqual([404, 'not_found'])
    expect((await view(next.token)).statusCode).toBe(200)
  })
})

test('the OpenAPI document names the share routes and the X-Share-Token header, and no route takes a token in its URL', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>
  }
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
    '/api/v1/claims/{id}/shares', '/api/v1/shares', '/api/v1/shares/{id}/revoke', '/api/v1/shares/revoke-all', '/api/v1/share-view',
  ]))
  const params = doc.paths['/api/v1/share-view']!.get!.parameters ?? []
  expect(params).toContainEqual(expect.objectContaining({ name: 'x-share-token', in: 'header' }))
  expect(params.filter((p) => p.in === 'query' || p.in === 'path')).toEqual([])
})
