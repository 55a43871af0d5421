// Hospital entries over HTTP: the public answer for a demo code, unknown / revoked / malformed codes, the per-client
// limit (guessing, forged X-Forwarded-For, parallel requests), 我在这里 for the verified person with this year's
// figures at the boundaries and its access-log row, and GET /h/<code>'s redirects in front of the H5 app.
import { and, eq, isNull, sql } from 'drizzle-orm'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rowsOf } from '../../../../../../server/db/rows'
import { claims, institutionEntries, institutions, settlements } from '../../../../../../server/db/schema'
import { DEMO_INSTITUTIONS } from '../../../../../../server/demo/generator'
import { InstitutionService } from '../../../../../../server/domain/institutions'
import { messageFor } from '../../../../../../server/domain/messages'
import type { InstitutionEntry, InstitutionMine } from '../../../../../../types/api/institutions'
import { TEST_AS_OF, makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp({ env: { ENTRY_RATE_PER_MINUTE: '1000' } }) })
afterAll(async () => { await t.close() })

type Headers = Record<string, string>
interface Err { error: { code: string; message: string } }
type Res = { statusCode: number; json: () => unknown }
const err = (res: Res) => [res.statusCode, (res.json() as Err).error.code]
const demo = (code: string) => DEMO_INSTITUTIONS.find((i) => i.code === code)!
const entryOf = (code: string) => demo(code).entryCode
const publicEntry = (entryCode: string, o: { remoteAddress?: string; headers?: Headers; app?: TestApp } = {}) =>
  (o.app ?? t).app.inject({ method: 'GET', url: `/api/v1/institutions/entries/${entryCode}`, headers: o.headers, ...(o.remoteAddress ? { remoteAddress: o.remoteAddress } : {}) })
const mine = (entryCode: string, headers: Headers) => t.app.inject({ method: 'GET', url: `/api/v1/institutions/entries/${entryCode}/mine`, headers })

const login = (n: number) => demoLogin(t, n)
const personId = (n: number) => demoPersonId(t.handle.db, n)
async function institutionId (code: string): Promise<number> {
  const [row] = await t.handle.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, code))
  return row!.id
}

describe('GET /api/v1/institutions/entries/{entryCode} (public)', () => {
  test('a demo hospital: name, kind, level, region, address, 定点, its desk and what to bring; no login, not cached', async () => {
    const res = await publicEntry(entryOf('H31010400001'))
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toEqual({
      entryCode: entryOf('H31010400001'),
      institution: {
        code: 'H31010400001', name: '上海市徐汇区滨江医院', kind: 'hospital', kindName: '医院', level: '三级乙等',
        regionName: '上海市徐汇区', address: '上海市徐汇区龙腾大道 1280 号', designated: true,
      },
      desk: { place: '门诊楼一层 医保服务窗口（12 号）', hours: '周一至周五 8:00–11:30，13:30–17:00；周六 8:00–11:30', phone: '021-0104 0012' },
      bring: demo('H31010400001').bring,
    } satisfies InstitutionEntry)
  })

  test('a pharmacy without a desk answers desk null; a clinic is a 诊所; every demo institution has a working code', async () => {
    const pharmacy = (await publicEntry(entryOf('P31010400001'))).json() as InstitutionEntry
    expect(pharmacy).toMatchObject({ institution: { kind: 'pharmacy', kindName: '药店', level: null }, desk: null })
    expect(pharmacy.bring.length).toBeGreaterThan(0)
    expect(((await publicEntry(entryOf('H11010500002'))).json() as InstitutionEntry).institution).toMatchObject({ kind: 'clinic', kindName: '诊所', regionName: '北京市朝阳区' })
    for (const i of DEMO_INSTITUTIONS) {
      const res = await publicEntry(i.entryCode)
      expect([res.statusCode, (res.json() as InstitutionEntry).institution.code]).toEqual([200, i.code])
    }
  })

  test('an unknown code is 404 entry_code_unknown, with its own sentence and nothing about any institution', async () => {
    const res = await publicEntry('ABCD2345')
    expect(res.json()).toEqual({ error: { code: 'entry_code_unknown', message: '没有找到这家机构，二维码可能已失效，请向医院的医保窗口咨询' } })
    expect(res.statusCode).toBe(404)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  test('a revoked code is 410 entry_code_revoked, with nothing about the institution; its new code works', async () => {
    const service = new InstitutionService(t.handle.db, t.clock)
    const old = entryOf('H31010400004')
    const issued = await service.issue('H31010400004', { renew: true })
    expect(issued).toMatchObject({ issued: true, revokedCode: old })
    const res = await publicEntry(old)
    expect(err(res)).toEqual([410, 'entry_code_revoked'])
    expect((res.json() as Err).error.message).toBe(messageFor('entry_code_revoked'))
    expect(res.body).not.toContain('康健')
    expect(res.body).not.toContain('H31010400004')
    expect(((await publicEntry(issued.entryCode)).json() as InstitutionEntry).institution.code).toBe('H31010400004')
  })

  test.each([
    ['lower case', 'abcd2345'], ['an O', 'ABCDO345'], ['too short', 'ABCD234'], ['too long', 'ABCD23456'],
    ['an encoded space', 'ABCD%20345'], ['SQL', "A'%20OR%201=1--"], ['a scene', 'h=ABCD2345'],
  ])('a malformed code (%s) is a 400 validation_failed that says to scan again', async (_what, code) => {
    const res = await publicEntry(code)
    expect(res.json()).toEqual({ error: { code: 'validation_failed', message: '二维码无法识别，请重新扫描医院张贴的二维码，或向医保窗口咨询' } })
  })

  test('the OpenAPI document has both entry routes, and neither the operator route nor /h', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { responses: object }>> }
    expect(Object.keys(spec.paths['/api/v1/institutions/entries/{entryCode}']!.get!.responses).sort()).toEqual(['200', '400', '404', '410', '429'])
    expect(spec.paths['/api/v1/institutions/entries/{entryCode}/mine']).toBeDefined()
    expect(Object.keys(spec.paths).filter((p) => p.includes('operator') || p.startsWith('/h'))).toEqual([])
  })
})

describe('the per-client limit on the public route (ENTRY_RATE_PER_MINUTE)', () => {
  let limited: TestApp
  const LIMIT = 5
  // The same database (the windows live there), another app with a small limit; addresses unique to each test.
  beforeAll(async () => { limited = await makeTestApp({ handle: t.handle, seed: false, env: { ENTRY_RATE_PER_MINUTE: String(LIMIT) } }) })
  afterAll(async () => { await limited.close() })

  test('guessing: every answer counts (hit, miss, malformed), then 429 rate_limited with Retry-After', async () => {
    const ip = '198.51.100.10'
    const codes = [entryOf('H31010400001'), 'ABCD2345', 'ZZZZ0000', 'bad', 'ABCD2346']
    const statuses = []
    for (const c of codes) statuses.push((await publicEntry(c, { app: limited, remoteAddress: ip })).statusCode)
    expect(statuses).toEqual([200, 404, 404, 400, 404])
    const res = await publicEntry(entryOf('H31010400001'), { app: limited, remoteAddress: ip })
    expect(res.statusCode).toBe(429)
    expect((res.json() as Err).error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^操作太频繁，(请 \d+ 秒后|请在 \d\d:\d\d 后)再试$/) })
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    // Only this route is this tight: the rest of the API still answers the same address (401: asked, not limited).
    expect((await limited.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(401)
    // Another client has its own window.
    expect((await publicEntry(entryOf('H31010400001'), { app: limited, remoteAddress: '198.51.100.11' })).statusCode).toBe(200)
  })

  test('a forged X-Forwarded-For changes nothing when no proxy is trusted: the socket address is counted', async () => {
    const ip = '198.51.100.20'
    const statuses = []
    for (let i = 0; i < LIMIT + 3; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}`, forwarded: `for=203.0.113.${i}` }
      statuses.push((await publicEntry('ABCD2345', { app: limited, remoteAddress: ip, headers: forged })).statusCode)
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(404), 429, 429, 429])
  })

  test('parallel requests cannot slip past the limit: exactly LIMIT answers, the rest 429', async () => {
    const ip = '198.51.100.30'
    const answers = await Promise.all(Array.from({ length: 4 * LIMIT }, (_, i) =>
      publicEntry(i % 2 ? entryOf('H31010400002') : 'ABCD2345', { app: limited, remoteAddress: ip })))
    const counted = answers.map((a) => a.statusCode)
    expect(counted.filter((s) => s !== 429)).toHaveLength(LIMIT)
    expect(counted.filter((s) => s === 429)).toHaveLength(3 * LIMIT)
  })
})

describe('GET /api/v1/institutions/entries/{entryCode}/mine (verified person)', () => {
  /** This year's figures computed here with plain SQL, independently of the service. */
  async function expected (n: number, code: string) {
    const year = sql`'2026-01-01T00:00:00+08:00'::timestamptz`
    const s = rowsOf<{ count: number; total: string; account: string; self: string }>(await t.handle.db.execute(sql`
      select count(*)::int as count, coalesce(sum(total_fen), 0)::text as total, coalesce(sum(account_fen), 0)::text as account,
             coalesce(sum(self_fen), 0)::text as self
      from settlements where person_id = ${await personId(n)} and institution_id = ${await institutionId(code)}
        and settled_at >= ${year} and settled_at <= ${TEST_AS_OF.toISOString()}::timestamptz`))[0]!
    const c = rowsOf<{ count: number; open: number; claimed: string }>(await t.handle.db.execute(sql`
      select count(*)::int as count, (count(*) filter (where stage not in ('paid', 'rejected')))::int as open,
             coalesce(sum(claimed_fen), 0)::text as claimed
      from claims where person_id = ${await personId(n)} and institution_id = ${await institutionId(code)}
        and submitted_at >= ${year} and submitted_at < '2027-01-01T00:00:00+08:00'::timestamptz`))[0]!
    return {
      year: 2026, institutionCode: code, asOf: TEST_AS_OF.toISOString(),
      spending: { count: s.count, totalFen: Number(s.total), accountFen: Number(s.account), selfFen: Number(s.self) },
      claims: { count: c.count, openCount: c.open, claimedFen: Number(c.claimed) },
    }
  }

  test('person 1 at a hospital they go to: this year\'s settlements and claims there; not cached; one log row naming it', async () => {
    const h = { ...(await login(1)), 'x-client-channel': 'h5', 'x-entry-scene': 'hospital:0' }
    const want = await expected(1, 'H31010400001')
    expect(want.spending.count).toBeGreaterThan(0)
    const before = await logRows(1)
    const res = await mine(entryOf('H31010400001'), h)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toEqual(want satisfies InstitutionMine)
    const rows = await logRows(1)
    expect(rows.length).toBe(before.length + 1)
    expect(rows[0]).toEqual({ resource: 'institution', resource_id: 'H31010400001', actor: 'self', channel: 'h5', scene: 'hospital:0' })
  })

  test('the year\'s edges: 1 January 00:00 China time counts, the last second of last year and records after the sync do not', async () => {
    const p = await personId(4)
    const inst = await institutionId('H31010400001')
    const at = (s: string) => new Date(s)
    const settle = (settledAt: string, totalFen: number, accountFen: number) => ({
      personId: p, institutionId: inst, visitType: 'outpatient' as const, settledAt: at(settledAt), totalFen, fundFen: 0, accountFen,
      mutualAidFen: 0, selfFen: totalFen - accountFen,
    })
    await t.handle.db.insert(settlements).values([
      settle('2025-12-31T23:59:59+08:00', 1000, 1000), settle('2026-01-01T00:00:00+08:00', 2000, 1500),
      settle('2026-11-20T07:59:00+08:00', 3000, 0), settle('2026-11-20T09:00:00+08:00', 4000, 4000),
    ])
    const claim = (no: string, submittedAt: string, stage: 'paid' | 'first_review' | 'rejected', claimedFen: number) => ({
      personId: p, claimNo: no, institutionId: inst, title: '门诊费用零星报销', stage, claimedFen, submittedAt: at(submittedAt), updatedAt: at(submittedAt),
      approvedFen: stage === 'paid' ? claimedFen : null,
    })
    await t.handle.db.insert(claims).values([
      claim('EDGE-1', '2025-12-31T23:59:00+08:00', 'paid', 5000), claim('EDGE-2', '2026-01-01T00:00:00+08:00', 'paid', 10_000),
      claim('EDGE-3', '2026-06-01T10:00:00+08:00', 'first_review', 20_000), claim('EDGE-4', '2026-07-01T10:00:00+08:00', 'rejected', 30_000),
    ])
    const res = await mine(entryOf('H31010400001'), await login(4))
    expect(res.json()).toEqual({
      year: 2026, institutionCode: 'H31010400001', asOf: TEST_AS_OF.toISOString(),
      spending: { count: 2, totalFen: 5000, accountFen: 1500, selfFen: 3500 },
      claims: { count: 3, openCount: 1, claimedFen: 60_000 },
    })
    expect(await expected(4, 'H31010400001')).toEqual(res.json())
  })

  test('somewhere the person never went: zeros, not an error', async () => {
    const res = await mine(entryOf('P44010600001'), await login(2))
    expect(res.json()).toMatchObject({ spending: { count: 0, totalFen: 0, accountFen: 0, selfFen: 0 }, claims: { count: 0, openCount: 0, claimedFen: 0 } })
  })

  test('no session 401, unbound 403 binding_required, stale 403 verification_required; none of them leaves a log row', async () => {
    const code = entryOf('H31010400002')
    expect(err(await mine(code, {}))).toEqual([401, 'unauthorized'])
    const stranger = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'wx-stranger-hospital' } })
    expect(err(await mine(code, { authorization: `Bearer ${(stranger.json() as { token: string }).token}` }))).toEqual([403, 'binding_required'])
    const h = await login(3)
    const before = (await logRows(3)).length
    t.clock.advance(16 * 60_000)
    try {
      expect(err(await mine(code, h))).toEqual([403, 'verification_required'])
    } finally {
      t.clock.advance(-16 * 60_000)
    }
    expect((await logRows(3)).length).toBe(before)
  })

  test('unknown 404, revoked 410, malformed 400: no figures and no log row', async () => {
    const h = await login(1)
    const before = (await logRows(1)).length
    expect(err(await mine('ABCD2345', h))).toEqual([404, 'entry_code_unknown'])
    const old = entryOf('H31010400003')
    await new InstitutionService(t.handle.db, t.clock).issue('H31010400003', { renew: true })
    expect(err(await mine(old, h))).toEqual([410, 'entry_code_revoked'])
    expect(err(await mine('abcd2345', h))).toEqual([400, 'validation_failed'])
    expect((await logRows(1)).length).toBe(before)
  })

  async function logRows (n: number) {
    return rowsOf<Record<string, unknown>>(await t.handle.db.execute(sql`
      select resource, resource_id, actor, channel, scene from access_logs where person_id = ${await personId(n)} order by id desc`))
  }
})

describe('entry codes in the database', () => {
  test('issuing: the current code unless renewed; a renewal revokes the old one in the same step; one live code always', async () => {
    const service = new InstitutionService(t.handle.db, t.clock)
    const inst = await institutionId('H11010500001')
    const first = await service.issue('H11010500001')
    expect(first).toMatchObject({ entryCode: entryOf('H11010500001'), issued: false, revokedCode: null })
    const renewed = await Promise.all([1, 2, 3, 4].map(() => service.issue('H11010500001', { renew: true })))
    const live = await t.handle.db.select({ code: institutionEntries.code }).from(institutionEntries)
      .where(and(eq(institutionEntries.institutionId, inst), isNull(institutionEntries.revokedAt)))
    expect(live).toHaveLength(1)
    // The renewals took turns: each revoked the code the one before it made.
    const made = renewed.map((r) => r.entryCode)
    expect(new Set(made).size).toBe(4)
    expect(renewed.map((r) => r.revokedCode).sort()).toEqual([first.entryCode, ...made].filter((c) => c !== live[0]!.code).sort())
    expect(made).toContain(live[0]!.code)
  })

  test('a code already used by anyone, live or revoked, is never issued again: another one is drawn', async () => {
    const taken = [entryOf('H44010600001'), entryOf('H44010600002')]
    const draws = [...taken, 'QQQQ2345']
    const service = new InstitutionService(t.handle.db, t.clock, () => draws.shift()!)
    const res = await service.issue('P44010600001', { renew: true })
    expect(res).toMatchObject({ entryCode: 'QQQQ2345', revokedCode: entryOf('P44010600001') })
    expect(((await publicEntry(taken[0]!)).json() as InstitutionEntry).institution.code).toBe('H44010600001')
  })

  test('revoking leaves the institution without a live code; issuing then makes one', async () => {
    const service = new InstitutionService(t.handle.db, t.clock)
    const old = entryOf('H33010600001')
    expect(await service.revoke('H33010600001')).toEqual({ institution: { code: 'H33010600001', name: '杭州市西湖区文三医院' }, revokedCode: old })
    expect(await service.revoke('H33010600001')).toMatchObject({ revokedCode: null })
    expect(err(await publicEntry(old))).toEqual([410, 'entry_code_revoked'])
    const next = await service.issue('H33010600001')
    expect(next).toMatchObject({ issued: true, revokedCode: null })
    expect((await publicEntry(next.entryCode)).statusCode).toBe(200)
  })
})

describe('GET /h/<code> (the printed URL)', () => {
  let withH5: TestApp
  beforeAll(async () => {
    // A stand-in H5 build, to show /h is answered before the H5 app's catch-all.
    const root = mkdtempSync(join(tmpdir(), 'h5-'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>H5</title>')
    withH5 = await makeTestApp({ handle: t.handle, seed: false, env: { STATIC_ROOT: root } })
  })
  afterAll(async () => { await withH5.close() })
  const go = (url: string, method: 'GET' | 'HEAD' = 'GET') => withH5.app.inject({ method, url })

  test('a well-formed code → 302 to the H5 hospital page, never cached, without looking it up', async () => {
    for (const url of ['/h/ABCD2345', '/h/ABCD2345/', '/h/ABCD2345?from=poster', `/h/${entryOf('H31010400001')}`]) {
      const res = await go(url)
      const code = url.slice(3, 11)
      expect([res.statusCode, res.headers.location, res.headers['cache-control']])
        .toEqual([302, `/#/packages/hospital/pages/index/index?code=${code}`, 'no-store'])
    }
    expect((await go('/h/ABCD2345', 'HEAD')).headers.location).toBe('/#/packages/hospital/pages/index/index?code=ABCD2345')
  })

  test('anything else → 302 to 首页 with entry=invalid; nothing of the request is reflected', async () => {
    for (const url of ['/h/abcd2345', '/h/ABCD234', '/h/', '/h', '/h/ABCD2345/x', '/h/%2F%2Fevil.example.com', '/h/javascript:alert(1)',
      '/h/ABCD2345%0D%0ASet-Cookie:x=1', '/h/..%2F..%2Fapi%2Fv1%2Fhealth']) {
      const res = await go(url)
      expect([url, res.statusCode, res.headers.location, res.headers['cache-control']])
        .toEqual([url, 302, '/#/pages/index/index?entry=invalid', 'no-store'])
      expect(res.headers['set-cookie']).toBeUndefined()
    }
  })

  test('other page-like paths still get the H5 app', async () => {
    const res = await go('/packages/hospital/pages/index/index')
    expect([res.statusCode, res.body]).toEqual([200, '<!doctype html><title>H5</title>'])
  })
})
