// Moving a claim along end to end: the person subscribes in the mini-program, the operator (admin listener + token,
// never a user) moves the claim, the person's timeline shows it and one subscribe message goes out — to the dev
// outbox with the dev stand-ins, to the fake WeChat server with real credentials. Also the operator command that
// drives it.
import { and, eq } from 'drizzle-orm'
import type { AddressInfo } from 'node:net'
import { DEV_CLAIM_TEMPLATE_ID, DEV_OPERATOR_TOKEN } from '../../../../../../server/config'
import { claimSubscriptions, claims, platformIdentities } from '../../../../../../server/db/schema'
import type { ClaimDetail, DevSubscribeOutbox } from '../../../../../../types/api/claims'
import { parseArgs, run } from '../../../../../../scripts/claims-advance'
import { FAKE_SUBSCRIBE_TEMPLATE, startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { loggerOptions } from '../../../../../../server/plugins/logger'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin as login } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'

interface Err { error: { code: string; message: string } }
type Res = { statusCode: number; json: () => unknown }
const err = (res: Res) => [res.statusCode, (res.json() as Err).error.code]


async function claimAt (t: TestApp, n: number, stage: 'first_review' | 'second_review' | 'submitted' | 'materials_needed') {
  const [c] = await t.handle.db.select().from(claims).where(and(eq(claims.personId, await demoPersonId(t.handle.db, n)), eq(claims.stage, stage)))
  return c!
}

const advance = (t: TestApp, claimNo: string, body: unknown, headers: Record<string, string> = t.adminHeaders, remoteAddress?: string) =>
  t.admin.inject({ method: 'POST', url: `/api/v1/operator/claims/${claimNo}/advance`, headers, payload: body as Record<string, unknown>, ...(remoteAddress ? { remoteAddress } : {}) })
const subscribeOutbox = (t: TestApp, query = '', headers: Record<string, string> = t.adminHeaders) =>
  t.admin.inject({ method: 'GET', url: `/api/v1/dev/subscribe-outbox${query}`, headers })

describe('with the dev stand-ins', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp() })
  afterAll(async () => { await t.close() })

  test('subscribe, advance, and the person sees the new stage while the message waits in the dev outbox', async () => {
    const h = await login(t, 1)
    const c = await claimAt(t, 1, 'first_review')
    const sub = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${c.id}/subscriptions`, headers: h, payload: { templateIds: [DEV_CLAIM_TEMPLATE_ID] } })
    expect(sub.statusCode).toBe(200)

    const res = await advance(t, c.claimNo, { stage: 'second_review', note: '初审通过，材料齐全' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: c.id, claimNo: c.claimNo, stage: 'second_review', stageName: '复审中', notice: 'sent' })

    const d = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${c.id}`, headers: h })).json() as ClaimDetail
    expect(d).toMatchObject({ stage: 'second_review', stageName: '复审中', subscribed: false })
    expect(d.timeline.at(-1)).toEqual({ stage: 'second_review', stageName: '复审中', at: t.clock.now().toISOString(), note: '初审通过，材料齐全' })

    const box = await subscribeOutbox(t)
    expect(box.statusCode).toBe(200)
    const items = (box.json() as DevSubscribeOutbox).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      touser: demoPerson(1).wechatSubject, templateId: DEV_CLAIM_TEMPLATE_ID, page: `packages/account/pages/claim/index?id=${c.id}`,
      data: { thing1: { value: c.title }, phrase2: { value: '复审中' }, time3: { value: expect.stringMatching(/^2026年11月20日 \d\d:\d\d$/) }, thing4: { value: '初审通过，材料齐全' } },
    })
    const mine = await subscribeOutbox(t, `?touser=${demoPerson(2).wechatSubject}`)
    expect((mine.json() as DevSubscribeOutbox).items).toEqual([])

    // No subscription left: the next move sends nothing.
    const again = await advance(t, c.claimNo, { stage: 'approved', approvedFen: 30_000 })
    expect(again.json()).toMatchObject({ stage: 'approved', notice: 'no_subscription' })
    expect(((await subscribeOutbox(t)).json() as DevSubscribeOutbox).items).toHaveLength(1)
  })

  test('the operator endpoint (admin listener): a wrong or missing token is 403; a forwarded or remote caller gets a plain 404', async () => {
    const c = await claimAt(t, 3, 'second_review')
    const body = { stage: 'approved' }
    expect(err(await advance(t, c.claimNo, body, {}))).toEqual([403, 'forbidden'])
    expect(err(await advance(t, c.claimNo, body, { 'x-operator-token': 'guess' }))).toEqual([403, 'forbidden'])
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }]
    for (const forwarded of proxied) {
      const res = await advance(t, c.claimNo, body, { 'x-operator-token': DEV_OPERATOR_TOKEN, ...forwarded })
      expect(err(res)).toEqual([404, 'not_found'])
    }
    expect(err(await advance(t, c.claimNo, { stage: 'nonsense' }, { 'x-operator-token': DEV_OPERATOR_TOKEN }, '203.0.113.9'))).toEqual([404, 'not_found'])
    const [still] = await t.handle.db.select().from(claims).where(eq(claims.id, c.id))
    expect(still!.stage).toBe('second_review')
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> }
    expect(Object.keys(spec.paths).filter((p) => p.includes('operator') || p.includes('/dev/'))).toEqual([])
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/claims', '/api/v1/claims/{id}', '/api/v1/claims/{id}/subscriptions']))
  })

  test('the public listener has no operator route: with the right token, from loopback, it answers like any unknown URL', async () => {
    const c = await claimAt(t, 3, 'second_review')
    const unknown = await t.app.inject({ method: 'POST', url: `/api/v1/no-such-thing/claims/${c.claimNo}/advance`, headers: t.adminHeaders, payload: { stage: 'approved' } })
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/operator/claims/${c.claimNo}/advance`, headers: t.adminHeaders, payload: { stage: 'approved' } })
    expect([res.statusCode, res.body]).toEqual([404, unknown.body])
    const varying = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'content-length'])
    const same = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !varying.has(k)))
    expect(same(res.headers)).toEqual(same(unknown.headers))
    const [still] = await t.handle.db.select().from(claims).where(eq(claims.id, c.id))
    expect(still!.stage).toBe('second_review')
  })

  test('the operator endpoint refuses moves the rules forbid and bodies that make no sense', async () => {
    const c = await claimAt(t, 3, 'second_review')
    const wrong = await advance(t, c.claimNo, { stage: 'paid' })
    expect(err(wrong)).toEqual([409, 'claim_stage_invalid'])
    expect((wrong.json() as Err).error.message).toBe('这笔报销现在是“复审中”，不能变为“已打款”；可以变为“审核通过”、“未通过”、“需补充材料”')
    expect(err(await advance(t, c.claimNo, { stage: 'approved', approvedFen: 0 }))).toEqual([400, 'validation_failed'])
    expect(err(await advance(t, c.claimNo, { stage: 'approved', extra: true }))).toEqual([400, 'validation_failed'])
    expect(err(await advance(t, 'NO-SUCH-CLAIM', { stage: 'approved' }))).toEqual([404, 'not_found'])
  })

  test('the dev outbox: on the admin listener only, with the operator token, loopback callers only', async () => {
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }]
    for (const headers of proxied) {
      expect(err(await subscribeOutbox(t, '', { ...t.adminHeaders, ...headers }))).toEqual([404, 'not_found'])
    }
    expect(err(await t.admin.inject({ method: 'GET', url: '/api/v1/dev/subscribe-outbox', headers: t.adminHeaders, remoteAddress: '10.1.2.3' }))).toEqual([404, 'not_found'])
    expect(err(await subscribeOutbox(t, '', {}))).toEqual([403, 'forbidden'])
    expect(err(await t.app.inject({ method: 'GET', url: '/api/v1/dev/subscribe-outbox', headers: t.adminHeaders }))).toEqual([404, 'not_found'])
  })

  describe('npm run claims:advance', () => {
    let url: string
    let dir: string
    // The token as the operator's shell would have it; ADMIN_FILE somewhere empty, so that a developer's running
    // server (its .data/admin.json) never takes part.
    let env: NodeJS.ProcessEnv
    beforeAll(async () => {
      await t.admin.listen({ host: '127.0.0.1', port: 0 })
      url = `http://127.0.0.1:${(t.admin.server.address() as AddressInfo).port}`
      dir = mkdtempSync(join(tmpdir(), 'claims-advance-'))
      env = { OPERATOR_TOKEN: DEV_OPERATOR_TOKEN, ADMIN_FILE: join(dir, 'admin.json') }
    })

    test('moves the claim on the running server and says what happened', async () => {
      const c = await claimAt(t, 2, 'submitted')
      const out: string[] = []
      const errs: string[] = []
      const code = await run([c.claimNo, 'first_review', '已受理', '--server', url], env, (s) => out.push(s), (s) => errs.push(s))
      expect([code, errs]).toEqual([0, []])
      expect(out).toEqual([`${c.claimNo} 已变为“初审中”；进度提醒：本人没有订阅这笔报销的提醒，未发送\n`])
      const [row] = await t.handle.db.select().from(claims).where(eq(claims.id, c.id))
      expect(row!.stage).toBe('first_review')
    })

    test('passes the server\'s refusal on, in Chinese; a wrong token and a missing server are explained', async () => {
      const c = await claimAt(t, 1, 'materials_needed')
      const errs: string[] = []
      expect(await run([c.claimNo, 'paid', '--server', url], env, () => undefined, (s) => errs.push(s))).toBe(1)
      expect(errs[0]).toBe('未能变更（HTTP 409）：这笔报销现在是“需补充材料”，不能变为“已打款”；可以变为“初审中”\n')
      expect(await run([c.claimNo, 'first_review', '--server', url], { ...env, OPERATOR_TOKEN: 'wrong' }, () => undefined, (s) => errs.push(s))).toBe(1)
      expect(errs[1]).toMatch(/^未能变更（HTTP 403）：操作员口令不对/)
      expect(await run([c.claimNo, 'first_review', '--server', 'http://127.0.0.1:9'], env, () => undefined, (s) => errs.push(s))).toBe(1)
      expect(errs[2]).toMatch(/^无法连接服务 http:\/\/127\.0\.0\.1:9/)
    })

    test('without --server or OPERATOR_TOKEN it reads the server\'s admin file; with neither token it says where to find one', async () => {
      const c = await claimAt(t, 3, 'second_review')
      const file = join(dir, 'admin.json')
      writeFileSync(file, JSON.stringify({ pid: 1, url, token: t.cfg.operatorToken }), { mode: 0o600 })
      try {
        const out: string[] = []
        expect(await run([c.claimNo, 'rejected', '不在医保目录内'], { ADMIN_FILE: file }, (s) => out.push(s), (s) => out.push(s))).toBe(0)
        expect(out[0]).toMatch(/已变为“未通过”/)
      } finally {
        rmSync(file)
      }
      const errs: string[] = []
      expect(await run([c.claimNo, 'first_review', '--server', url], { ADMIN_FILE: file }, () => undefined, (s) => errs.push(s))).toBe(2)
      expect(errs[0]).toMatch(/^没有操作员口令：请设置 OPERATOR_TOKEN/)
      expect(await run([c.claimNo, 'first_review', '--server', 'http://192.0.2.1:12394'], env, () => undefined, (s) => errs.push(s))).toBe(2)
      expect(errs[1]).toMatch(/^--server 只能是本机地址/)
    })

    test('argument errors print the usage and exit 2', async () => {
      expect(parseArgs(['BX1', 'approved', '复审通过', '--approved-fen', '41840', '--missing', 'a、b'])).toEqual({
        claimNo: 'BX1', server: undefined, body: { stage: 'approved', note: '复审通过', approvedFen: 41840, missingMaterials: ['a', 'b'] },
      })
      expect(parseArgs(['BX1', 'approved', '--approved-fen', '41840', '--deductions', 'deductible:50000，self_pay:120'])).toMatchObject({
        body: { stage: 'approved', approvedFen: 41840, deductions: [{ kind: 'deductible', amountFen: 50000 }, { kind: 'self_pay', amountFen: 120 }] },
      })
      const bad = [['BX1', 'approved', '--deductions', 'tax:5'], ['BX1', 'approved', '--deductions', 'deductible'], ['BX1', 'approved', '--deductions', ',']]
      for (const argv of [[], ['BX1'], ['BX1', 'done'], ['BX1', 'approved', '--approved-fen', '1.5'], ['BX1', 'approved', '--what'], ['BX1', 'paid', '--server'], ...bad]) {
        const errs: string[] = []
        expect(await run(argv, env, () => undefined, (s) => errs.push(s))).toBe(2)
        expect(errs[0]).toContain('用法：npm run claims:advance')
      }
    })
  })
})

describe('an itemised breakdown (its own app: it moves a claim the tests above keep in review)', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp() })
  afterAll(async () => { await t.close() })

  test('approved below the claim: the operator\'s breakdown reaches 报销详情 in its words, what it leaves out as 经审核不予报销', async () => {
    const h = await login(t, 3)
    const c = await claimAt(t, 3, 'second_review')
    const detail = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${c.id}`, headers: h })).json() as ClaimDetail
    const approvedFen = c.claimedFen - 30_000
    // Bad breakdowns first: nothing is written by any of them.
    const refused: [unknown, string][] = [
      [{ stage: 'approved', approvedFen, deductions: [{ kind: 'deductible', amountFen: 20_000 }, { kind: 'self_pay', amountFen: 10_001 }] }, '超过了申请金额与核定金额之差 ¥300.00'],
      [{ stage: 'approved', approvedFen, deductions: [{ kind: 'deductible', amountFen: 1 }, { kind: 'deductible', amountFen: 2 }] }, '重复的种类'],
      [{ stage: 'rejected', deductions: [{ kind: 'deductible', amountFen: 1 }] }, '只有“审核通过”时'],
      [{ stage: 'approved', approvedFen, deductions: [{ kind: 'taxes', amountFen: 1 }] }, ''],
      [{ stage: 'approved', approvedFen, deductions: [{ kind: 'deductible', amountFen: 0 }] }, ''],
      [{ stage: 'approved', approvedFen, deductions: [] }, ''],
    ]
    for (const [body, words] of refused) {
      const res = await advance(t, c.claimNo, body)
      expect(err(res)).toEqual([400, 'validation_failed'])
      expect((res.json() as Err).error.message).toContain(words)
    }
    expect((await detail()).stage).toBe('second_review')

    const res = await advance(t, c.claimNo, { stage: 'approved', approvedFen, deductions: [{ kind: 'deductible', amountFen: 20_000 }, { kind: 'self_pay', amountFen: 8_000 }] })
    expect(res.statusCode).toBe(200)
    const d = await detail()
    expect(d.deductions.map((x) => [x.kind, x.name, x.amountFen])).toEqual([
      ['deductible', '起付线以下', 20_000], ['self_pay', '目录外自费', 8_000], ['other', '经审核不予报销', 2_000],
    ])
    expect(d.deductions.every((x) => x.explanation.length > 10)).toBe(true)
    // Paid keeps the breakdown the approval stored.
    expect((await advance(t, c.claimNo, { stage: 'paid' })).statusCode).toBe(200)
    expect((await detail()).deductions.map((x) => x.amountFen)).toEqual([20_000, 8_000, 2_000])
  })

})

test('the operator token, the openid and the claim\'s text never reach the log', async () => {
  const lines: string[] = []
  const stream = new Writable({ write (chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
  const t = await makeTestApp({ env: { OPERATOR_TOKEN: 'operator-token-for-the-log-test-0123' }, logger: { ...loggerOptions('debug'), stream } })
  try {
    const h = await login(t, 1)
    const c = await claimAt(t, 1, 'first_review')
    await t.app.inject({ method: 'POST', url: `/api/v1/claims/${c.id}/subscriptions`, headers: h, payload: { templateIds: [DEV_CLAIM_TEMPLATE_ID] } })
    const res = await advance(t, c.claimNo, { stage: 'rejected', note: '所购药品不在医保目录内' }, { 'x-operator-token': 'operator-token-for-the-log-test-0123' })
    expect(res.json()).toMatchObject({ notice: 'sent' })
    const log = lines.join('')
    expect(log).toContain('/advance') // the request was logged, and the notice outcome too
    expect(log).toContain('claim notice sent')
    for (const secret of ['operator-token-for-the-log-test-0123', demoPerson(1).wechatSubject, c.title, '所购药品不在医保目录内']) expect(log).not.toContain(secret)
  } finally {
    await t.close()
  }
})

describe('with real WeChat credentials (the fake WeChat server)', () => {
  let t: TestApp
  let fake: FakeWechatServer
  beforeAll(async () => {
    fake = await startWechatServer()
    t = await makeTestApp({
      env: { WECHAT_APPID: fake.appId, WECHAT_SECRET: fake.secret, WECHAT_API_BASE: fake.url, WECHAT_CLAIM_TEMPLATE_ID: FAKE_SUBSCRIBE_TEMPLATE.id },
    })
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })

  test('one stage change, one subscribe message to WeChat; no dev outbox', async () => {
    const c = await claimAt(t, 1, 'first_review')
    const openid = demoPerson(1).wechatSubject
    const [identity] = await t.handle.db.select({ id: platformIdentities.id }).from(platformIdentities)
      .where(and(eq(platformIdentities.platform, 'wechat'), eq(platformIdentities.subject, openid)))
    await t.handle.db.insert(claimSubscriptions).values({ personId: c.personId, claimId: c.id, identityId: identity!.id, templateId: FAKE_SUBSCRIBE_TEMPLATE.id, createdAt: t.clock.now() })
    fake.acceptSubscription(openid, FAKE_SUBSCRIBE_TEMPLATE.id)

    const res = await advance(t, c.claimNo, { stage: 'materials_needed', missingMaterials: ['门诊病历', '费用明细清单'] })
    expect(res.json()).toMatchObject({ stage: 'materials_needed', notice: 'sent' })
    expect(fake.deliveries).toEqual([{
      touser: openid, templateId: FAKE_SUBSCRIBE_TEMPLATE.id, page: `packages/account/pages/claim/index?id=${c.id}`,
      data: {
        thing1: { value: c.title }, phrase2: { value: '需补充材料' }, time3: { value: expect.stringMatching(/^2026年11月20日 /) },
        thing4: { value: '请补充2项材料，点开查看清单' },
      },
    }])
    expect(err(await subscribeOutbox(t))).toEqual([404, 'not_found'])
  })
})
