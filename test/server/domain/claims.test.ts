// Claims: the stage rules, the operator's move (claim + timeline event in one transaction), and the one subscribe
// message it sends through the real WeChat client against the fake WeChat server, spending the subscription.
import { and, eq, sql } from 'drizzle-orm'
import { WechatAccessToken } from '../../../server/adapters/wechat-access-token'
import { WechatSubscribeSender } from '../../../server/adapters/wechat-subscribe'
import type { ClaimNoticeConfig } from '../../../server/config'
import type { DbHandle } from '../../../server/db'
import { claimEvents, claimSubscriptions, claims, platformIdentities } from '../../../server/db/schema'
import { seedDemo } from '../../../server/demo/seed'
import { ClaimService, DEDUCTION_WORDS, chinaTimeText, claimDeductions, nextStep, type ClaimLog } from '../../../server/domain/claims'
import { AppError } from '../../../server/domain/errors'
import { DataCipher } from '../../../server/domain/secrets'
import type { ClaimStage } from '../../../types/api/claims'
import { FAKE_SUBSCRIBE_TEMPLATE, startWechatServer, type FakeWechatServer } from '../../fakes/wechat-server'
import { TEST_AS_OF, TestClock } from '../../support/app'
import { demoPerson, demoPersonId } from '../../support/demo'
import { testDb } from '../../support/db'

const TMPL = FAKE_SUBSCRIBE_TEMPLATE.id
const notice: ClaimNoticeConfig = { templateId: TMPL, keys: { title: 'thing1', stage: 'phrase2', time: 'time3', note: 'thing4' } }
const cipher = new DataCipher('test-data-key-for-claims-domain-0123')
const OPENID = demoPerson(1).wechatSubject

let h: DbHandle
let fake: FakeWechatServer
let clock: TestClock
let service: ClaimService
let logs: { level: string; obj: Record<string, unknown>; msg: string }[]
let personId: number
let otherPersonId: number
let wechatIdentity: number
let alipayIdentity: number
let seq = 0

const log: ClaimLog = {
  info: (obj, msg) => { logs.push({ level: 'info', obj, msg }) },
  warn: (obj, msg) => { logs.push({ level: 'warn', obj, msg }) },
}

function makeService (o: { notice?: ClaimNoticeConfig | null } = {}): ClaimService {
  const cfg = { appId: fake.appId, secret: fake.secret, apiBase: fake.url }
  const sender = new WechatSubscribeSender(cfg, new WechatAccessToken(cfg, { db: h.db, cipher }), { timeoutMs: 2000 })
  return new ClaimService({ db: h.db, cipher, clock, notice: o.notice === null ? undefined : (o.notice ?? notice), sender, log })
}

beforeAll(async () => {
  h = await testDb()
  fake = await startWechatServer()
  await seedDemo(h.db, { cipher, asOf: TEST_AS_OF, production: false })
  personId = await demoPersonId(h.db, 1)
  otherPersonId = await demoPersonId(h.db, 2)
  const ids = await h.db.select({ id: platformIdentities.id, platform: platformIdentities.platform }).from(platformIdentities)
    .where(eq(platformIdentities.personId, personId))
  wechatIdentity = ids.find((i) => i.platform === 'wechat')!.id
  alipayIdentity = ids.find((i) => i.platform === 'alipay')!.id
})
afterAll(async () => {
  await fake.close()
  await h.close()
})
beforeEach(() => {
  clock = new TestClock()
  logs = []
  fake.calls.length = 0
  fake.queue.length = 0
  fake.deliveries.length = 0
  service = makeService()
})

/** A fresh claim of person 1 at `stage`, with a payout card, submitted a few days before the clock. */
async function makeClaim (stage: ClaimStage, o: { claimedFen?: number; approvedFen?: number | null; personId?: number } = {}) {
  seq++
  const submittedAt = new Date(clock.now().getTime() - 5 * 86_400_000)
  const [row] = await h.db.insert(claims).values({
    personId: o.personId ?? personId, claimNo: `TEST${String(seq).padStart(6, '0')}`, title: '门诊费用零星报销（测试）', stage,
    claimedFen: o.claimedFen ?? 100_000,
    approvedFen: o.approvedFen !== undefined ? o.approvedFen : (stage === 'approved' || stage === 'paid' ? 80_000 : null),
    missingMaterials: stage === 'materials_needed' ? ['费用明细清单'] : [],
    submittedAt, updatedAt: submittedAt, payoutBank: '上海银行', payoutCardEnc: cipher.encrypt('6231990000000004321'),
  }).returning()
  await h.db.insert(claimEvents).values({ claimId: row!.id, stage, occurredAt: submittedAt, note: '测试' })
  return row!
}

const subscriptionRows = (claimId: number) => h.db.select().from(claimSubscriptions).where(eq(claimSubscriptions.claimId, claimId))
const sendCalls = () => fake.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send')
const appError = async (p: Promise<unknown>) => {
  const e = await p.catch((err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

describe('stage rules', () => {
  // Written out from the rules, not copied from the code: submitted → first_review → second_review → approved →
  // paid; first_review and second_review may also end in rejected or go to materials_needed, which returns to
  // first_review.
  const allowed: Record<ClaimStage, ClaimStage[]> = {
    submitted: ['first_review'],
    first_review: ['second_review', 'rejected', 'materials_needed'],
    second_review: ['approved', 'rejected', 'materials_needed'],
    approved: ['paid'],
    paid: [],
    rejected: [],
    materials_needed: ['first_review'],
  }
  const stages = Object.keys(allowed) as ClaimStage[]

  test('every move the rules allow succeeds, every other one is a 409 that names both stages', async () => {
    const quiet = makeService({ notice: null })
    for (const from of stages) {
      for (const to of stages) {
        const c = await makeClaim(from)
        const opts = to === 'materials_needed' ? { missingMaterials: ['出院小结'] } : {}
        if (allowed[from].includes(to)) {
          await expect(quiet.advance(c.claimNo, to, undefined, opts)).resolves.toMatchObject({ claimNo: c.claimNo, stage: to, notice: 'off' })
        } else {
          const e = await appError(quiet.advance(c.claimNo, to, undefined, opts))
          expect([e.status, e.code]).toEqual([409, 'claim_stage_invalid'])
          const [after] = await h.db.select().from(claims).where(eq(claims.id, c.id))
          expect(after!.stage).toBe(from)
        }
      }
    }
    const e = await appError(quiet.advance((await makeClaim('paid')).claimNo, 'first_review'))
    expect(e.message).toBe('这笔报销现在是“已打款”，不能变为“初审中”（已办结）')
    const e2 = await appError(quiet.advance((await makeClaim('submitted')).claimNo, 'paid'))
    expect(e2.message).toBe('这笔报销现在是“已提交”，不能变为“已打款”；可以变为“初审中”')
  })

  test('an unknown claim number is a 404; bad options are 400s that say what is wrong', async () => {
    expect((await appError(service.advance('NOSUCHCLAIM', 'first_review'))).status).toBe(404)
    const review = await makeClaim('second_review', { claimedFen: 50_000 })
    const tooMuch = await appError(service.advance(review.claimNo, 'approved', undefined, { approvedFen: 50_001 }))
    expect([tooMuch.status, tooMuch.code, tooMuch.message]).toEqual([400, 'validation_failed', '核定报销金额不能超过申请金额 ¥500.00'])
    expect((await appError(service.advance(review.claimNo, 'materials_needed'))).message).toBe('需补充材料时，请列出缺少的材料')
    expect((await appError(service.advance(review.claimNo, 'materials_needed', undefined, { missingMaterials: ['  '] }))).status).toBe(400)
    expect((await appError(service.advance(review.claimNo, 'rejected', undefined, { missingMaterials: ['x'] }))).status).toBe(400)
    expect((await appError(service.advance(review.claimNo, 'rejected', undefined, { approvedFen: 1 }))).status).toBe(400)
    const [after] = await h.db.select().from(claims).where(eq(claims.id, review.id))
    expect(after!.stage).toBe('second_review')
  })
})

describe('advance writes the claim and one timeline event', () => {
  test('through the whole happy path, with amounts, materials and default notes', async () => {
    const quiet = makeService({ notice: null })
    const c = await makeClaim('submitted', { claimedFen: 123_456 })
    const steps: [ClaimStage, Parameters<ClaimService['advance']>[3]?, string?][] = [
      ['first_review'], ['materials_needed', { missingMaterials: ['出院小结（加盖公章）', '费用明细清单'] }], ['first_review', undefined, '材料已补齐'],
      ['second_review'], ['approved', { approvedFen: 100_000 }], ['paid'],
    ]
    for (const [to, opts, note] of steps) {
      clock.advance(3600_000)
      await quiet.advance(c.claimNo, to, note, opts)
      const [row] = await h.db.select().from(claims).where(eq(claims.id, c.id))
      expect(row!.stage).toBe(to)
      expect(row!.updatedAt).toEqual(clock.now())
      expect(row!.missingMaterials).toEqual(to === 'materials_needed' ? ['出院小结（加盖公章）', '费用明细清单'] : [])
      expect(row!.approvedFen).toBe(to === 'approved' || to === 'paid' ? 100_000 : null)
    }
    const events = await h.db.select().from(claimEvents).where(eq(claimEvents.claimId, c.id)).orderBy(claimEvents.occurredAt, claimEvents.id)
    expect(events.map((e) => [e.stage, e.note])).toEqual([
      ['submitted', '测试'],
      ['first_review', '医保经办机构已受理，正在初审'],
      ['materials_needed', '材料不全，请补充：出院小结（加盖公章）、费用明细清单'],
      ['first_review', '材料已补齐'],
      ['second_review', '初审通过，进入复审'],
      ['approved', '复审通过，核定报销金额 ¥1,000.00'],
      ['paid', '报销款已拨付至本人社会保障卡银行账户'],
    ])
  })

  test('approval without an amount approves the claimed amount', async () => {
    const c = await makeClaim('second_review', { claimedFen: 77_700 })
    await makeService({ notice: null }).advance(c.claimNo, 'approved')
    const [row] = await h.db.select().from(claims).where(eq(claims.id, c.id))
    expect(row!.approvedFen).toBe(77_700)
  })

  test('an amount approved below the claim keeps one explained part for the difference, through payment; a rejection keeps its reason', async () => {
    const quiet = makeService({ notice: null })
    const c = await makeClaim('second_review', { claimedFen: 100_000 })
    await quiet.advance(c.claimNo, 'approved', undefined, { approvedFen: 91_250 })
    const read = async () => (await h.db.select().from(claims).where(eq(claims.id, c.id)))[0]!
    expect((await read()).deductions).toEqual([{ kind: 'other', amountFen: 8_750 }])
    await quiet.advance(c.claimNo, 'paid')
    const paid = await read()
    expect(paid.deductions).toEqual([{ kind: 'other', amountFen: 8_750 }])
    expect(claimDeductions(paid)).toEqual([{ kind: 'other', ...DEDUCTION_WORDS.other, amountFen: 8_750 }])

    const full = await makeClaim('second_review', { claimedFen: 50_000 })
    await quiet.advance(full.claimNo, 'approved')
    expect((await h.db.select().from(claims).where(eq(claims.id, full.id)))[0]!.deductions).toEqual([])

    const turned = await makeClaim('first_review')
    await quiet.advance(turned.claimNo, 'rejected', '就诊医院不是定点医疗机构')
    const row = (await h.db.select().from(claims).where(eq(claims.id, turned.id)))[0]!
    expect(row.rejectReason).toBe('就诊医院不是定点医疗机构')
    expect(nextStep(row, null, clock.now())).toMatch(/原因是：就诊医院不是定点医疗机构。/)
  })

  test('the explained parts always add up to the difference: what no part names is named 经审核不予报销', () => {
    const parts = claimDeductions({ claimedFen: 100_000, approvedFen: 70_000, deductions: [{ kind: 'deductible', amountFen: 20_000 }] })
    expect(parts.map((d) => [d.kind, d.name, d.amountFen])).toEqual([['deductible', '起付线以下', 20_000], ['other', '经审核不予报销', 10_000]])
    expect(parts.reduce((sum, d) => sum + d.amountFen, 0)).toBe(30_000)
    expect(claimDeductions({ claimedFen: 100_000, approvedFen: null, deductions: [] })).toEqual([])
    expect(claimDeductions({ claimedFen: 100_000, approvedFen: 100_000, deductions: [] })).toEqual([])
  })

  test('a refused move writes nothing', async () => {
    const c = await makeClaim('rejected')
    await appError(service.advance(c.claimNo, 'paid'))
    expect(await h.db.select().from(claimEvents).where(eq(claimEvents.claimId, c.id))).toHaveLength(1)
  })
})

describe('the subscribe message', () => {
  test('one subscription, one stage change: exactly one message through the real client, in Chinese, and the subscription is spent', async () => {
    const c = await makeClaim('first_review')
    await expect(service.subscribe(personId, c.id, wechatIdentity, [TMPL])).resolves.toEqual({ subscribed: true, remaining: 1 })
    fake.acceptSubscription(OPENID, TMPL)
    clock.advance(60_000)
    const result = await service.advance(c.claimNo, 'second_review')
    expect(result).toEqual({ id: c.id, claimNo: c.claimNo, stage: 'second_review', stageName: '复审中', notice: 'sent' })
    expect(sendCalls()).toHaveLength(1)
    expect(fake.deliveries).toEqual([{
      touser: OPENID, templateId: TMPL, page: `packages/account/pages/claim/index?id=${c.id}`,
      data: {
        thing1: { value: '门诊费用零星报销（测试）' }, phrase2: { value: '复审中' },
        time3: { value: chinaTimeText(clock.now()) }, thing4: { value: '初审通过，进入复审' },
      },
    }])
    expect(chinaTimeText(clock.now())).toBe('2026年11月20日 11:01')
    const [sub] = await subscriptionRows(c.id)
    expect(sub!.usedAt).toEqual(clock.now())
    // The next change has no subscription left: nothing is sent.
    clock.advance(60_000)
    await expect(service.advance(c.claimNo, 'approved')).resolves.toMatchObject({ notice: 'no_subscription' })
    expect(sendCalls()).toHaveLength(1)
  })

  test('two subscriptions: each stage change uses the oldest one, one message each', async () => {
    const c = await makeClaim('submitted')
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    clock.advance(1000)
    await expect(service.subscribe(personId, c.id, wechatIdentity, [TMPL])).resolves.toEqual({ subscribed: true, remaining: 2 })
    fake.acceptSubscription(OPENID, TMPL, 2)
    const [first, second] = (await subscriptionRows(c.id)).sort((a, b) => a.id - b.id)
    await service.advance(c.claimNo, 'first_review')
    let rows = await subscriptionRows(c.id)
    expect(rows.find((r) => r.id === first!.id)!.usedAt).not.toBeNull()
    expect(rows.find((r) => r.id === second!.id)!.usedAt).toBeNull()
    expect(fake.deliveries).toHaveLength(1)
    await service.advance(c.claimNo, 'materials_needed', undefined, { missingMaterials: ['出院小结', '费用明细清单', '银行账户信息'] })
    rows = await subscriptionRows(c.id)
    expect(rows.every((r) => r.usedAt !== null)).toBe(true)
    expect(fake.deliveries.map((d) => [d.data.phrase2!.value, d.data.thing4!.value]))
      .toEqual([['初审中', '医保经办机构已受理，正在初审'], ['需补充材料', '请补充3项材料，点开查看清单']])
  })

  test('approved and paid notices name the amount and the card\'s last four digits; a long title is cut to 20 characters', async () => {
    const c = await makeClaim('second_review', { claimedFen: 418_400 })
    await h.db.update(claims).set({ title: '异地就医住院费用报销（海南省三亚市人民医院）' }).where(eq(claims.id, c.id))
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    fake.acceptSubscription(OPENID, TMPL, 2)
    await service.advance(c.claimNo, 'approved')
    await service.advance(c.claimNo, 'paid')
    expect(fake.deliveries.map((d) => d.data.thing4!.value)).toEqual(['核定报销金额¥4,184.00', '已打到尾号4321的银行卡'])
    expect(fake.deliveries[0]!.data.thing1!.value).toBe('异地就医住院费用报销（海南省三亚市人民…')
    expect(Array.from(fake.deliveries[0]!.data.thing1!.value)).toHaveLength(20)
  })

  test('a control character in the operator\'s note does not break the message (WeChat refuses them)', async () => {
    const c = await makeClaim('first_review')
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    fake.acceptSubscription(OPENID, TMPL)
    await expect(service.advance(c.claimNo, 'rejected', '不符合条件\n详见通知')).resolves.toMatchObject({ notice: 'sent' })
    expect(fake.deliveries[0]!.data.thing4!.value).toBe('不符合条件 详见通知')
  })

  test('WeChat refuses (43101, no acceptance left): the stage change stays, the subscription is spent, the log has no personal data', async () => {
    const c = await makeClaim('first_review')
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    // No fake.acceptSubscription: WeChat has no acceptance for this openid.
    const result = await service.advance(c.claimNo, 'second_review')
    expect(result).toMatchObject({ stage: 'second_review', notice: 'refused' })
    expect(sendCalls().map((x) => x.answer!.errcode)).toEqual([43101])
    const [row] = await h.db.select().from(claims).where(eq(claims.id, c.id))
    expect(row!.stage).toBe('second_review')
    expect((await h.db.select().from(claimEvents).where(eq(claimEvents.claimId, c.id))).map((e) => e.stage)).toEqual(['first_review', 'second_review'])
    expect((await subscriptionRows(c.id))[0]!.usedAt).not.toBeNull()
    expect(logs).toEqual([{ level: 'info', obj: expect.objectContaining({ claimId: c.id, outcome: 'refused', errcode: 43101 }), msg: expect.any(String) }])
    const logged = JSON.stringify(logs)
    for (const secret of [OPENID, '门诊费用零星报销', demoPerson(1).name, TMPL]) expect(logged).not.toContain(secret)
  })

  test('WeChat busy (a failure that may pass): the stage change stays and the subscription is kept for the next change', async () => {
    const c = await makeClaim('first_review')
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    fake.acceptSubscription(OPENID, TMPL)
    fake.queue.push({ path: '/cgi-bin/message/subscribe/send', answer: { errcode: -1 } })
    await expect(service.advance(c.claimNo, 'second_review')).resolves.toMatchObject({ stage: 'second_review', notice: 'failed' })
    expect((await subscriptionRows(c.id))[0]!.usedAt).toBeNull()
    expect(logs.map((l) => [l.level, l.obj.outcome, l.obj.code])).toEqual([['warn', 'failed', 'platform_unavailable']])
    await expect(service.advance(c.claimNo, 'approved')).resolves.toMatchObject({ notice: 'sent' })
    expect(fake.deliveries.map((d) => d.data.phrase2!.value)).toEqual(['审核通过'])
  })

  test('our template or data refused (40037): the subscription is given back, the stage change stays', async () => {
    const wrong = makeService({ notice: { ...notice, templateId: 'tmpl-the-fake-does-not-know' } })
    const c = await makeClaim('first_review')
    await wrong.subscribe(personId, c.id, wechatIdentity, ['tmpl-the-fake-does-not-know'])
    await expect(wrong.advance(c.claimNo, 'second_review')).resolves.toMatchObject({ stage: 'second_review', notice: 'rejected' })
    expect(sendCalls().map((x) => x.answer!.errcode)).toEqual([40037])
    expect((await subscriptionRows(c.id))[0]!.usedAt).toBeNull()
    expect(logs.map((l) => [l.level, l.obj.errcode])).toEqual([['warn', 40037]])
  })

  test('no subscription: no call to WeChat at all', async () => {
    const c = await makeClaim('submitted')
    fake.acceptSubscription(OPENID, TMPL) // WeChat would accept, but the person did not subscribe to this claim
    await expect(service.advance(c.claimNo, 'first_review')).resolves.toMatchObject({ notice: 'no_subscription' })
    expect(sendCalls()).toHaveLength(0)
    fake.acceptSubscription(OPENID, TMPL, -1)
  })

  test('another claim\'s subscription is not used', async () => {
    const mine = await makeClaim('submitted')
    const other = await makeClaim('submitted')
    await service.subscribe(personId, other.id, wechatIdentity, [TMPL])
    await expect(service.advance(mine.claimNo, 'first_review')).resolves.toMatchObject({ notice: 'no_subscription' })
    expect((await subscriptionRows(other.id))[0]!.usedAt).toBeNull()
  })
})

describe('subscribe', () => {
  test('needs a WeChat identity bound to the person, an open claim of theirs, and our template id', async () => {
    const c = await makeClaim('first_review')
    const code = async (p: Promise<unknown>) => { const e = await appError(p); return [e.status, e.code] }
    expect(await code(service.subscribe(personId, c.id, alipayIdentity, [TMPL]))).toEqual([403, 'subscribe_unavailable'])
    expect(await code(service.subscribe(personId, c.id, null, [TMPL]))).toEqual([403, 'subscribe_unavailable'])
    expect(await code(service.subscribe(otherPersonId, c.id, wechatIdentity, [TMPL]))).toEqual([404, 'not_found'])
    expect(await code(service.subscribe(personId, c.id, wechatIdentity, ['someone-elses-template']))).toEqual([400, 'subscribe_template_unknown'])
    expect(await code(service.subscribe(personId, (await makeClaim('paid')).id, wechatIdentity, [TMPL]))).toEqual([409, 'claim_final'])
    expect(await code(service.subscribe(personId, (await makeClaim('rejected')).id, wechatIdentity, [TMPL]))).toEqual([409, 'claim_final'])
    expect(await code(makeService({ notice: null }).subscribe(personId, c.id, wechatIdentity, [TMPL]))).toEqual([403, 'subscribe_unavailable'])
    expect(await subscriptionRows(c.id)).toEqual([])
    // A WeChat identity of another person (e.g. after re-binding) cannot subscribe for this one.
    const [foreign] = await h.db.select({ id: platformIdentities.id }).from(platformIdentities)
      .where(and(eq(platformIdentities.personId, otherPersonId), eq(platformIdentities.platform, 'wechat')))
    expect(await code(service.subscribe(personId, c.id, foreign!.id, [TMPL]))).toEqual([403, 'subscribe_unavailable'])
  })

  test('a row per acceptance, kept at most 10 unused per claim', async () => {
    const c = await makeClaim('first_review')
    for (let i = 1; i <= 12; i++) {
      await expect(service.subscribe(personId, c.id, wechatIdentity, [TMPL])).resolves.toEqual({ subscribed: true, remaining: Math.min(i, 10) })
    }
    const rows = await subscriptionRows(c.id)
    expect(rows).toHaveLength(10)
    expect(rows.every((r) => r.identityId === wechatIdentity && r.personId === personId && r.templateId === TMPL)).toBe(true)
  })

  test('detail tells whether a subscription is waiting and which template to request', async () => {
    const c = await makeClaim('first_review')
    let d = await service.detail(personId, c.id, wechatIdentity)
    expect([d.subscribed, d.subscribeTemplateId]).toEqual([false, TMPL])
    await service.subscribe(personId, c.id, wechatIdentity, [TMPL])
    d = await service.detail(personId, c.id, wechatIdentity)
    expect([d.subscribed, d.subscribeTemplateId]).toEqual([true, TMPL])
    // Not from Alipay or H5, not for a finished claim, not when notices are off.
    expect((await service.detail(personId, c.id, alipayIdentity)).subscribeTemplateId).toBeNull()
    expect((await service.detail(personId, c.id, null)).subscribeTemplateId).toBeNull()
    expect((await service.detail(personId, (await makeClaim('paid')).id, wechatIdentity)).subscribeTemplateId).toBeNull()
    expect((await makeService({ notice: null }).detail(personId, c.id, wechatIdentity)).subscribeTemplateId).toBeNull()
  })
})

describe('nextStep', () => {
  // 2026-11-20 is a Friday; times are China time.
  const at = (iso: string) => new Date(iso)
  const card = { bankName: '上海银行', cardMasked: '**** 4321', last4: '4321' }
  const now = at('2026-11-20T11:00:00+08:00')

  test('working days skip the weekend, and the date reads the Chinese way', () => {
    expect(nextStep({ stage: 'submitted', updatedAt: at('2026-11-20T10:00:00+08:00'), missingMaterials: [] }, card, now))
      .toBe('医保经办机构会受理您的申请并开始初审，预计2026年11月25日前开始初审。')
    expect(nextStep({ stage: 'second_review', updatedAt: at('2026-11-19T16:00:00+08:00'), missingMaterials: [] }, card, now))
      .toBe('初审已通过，正在复审，预计2026年12月3日前给出审核结果。')
    expect(nextStep({ stage: 'approved', updatedAt: at('2026-11-20T09:30:00+08:00'), missingMaterials: [] }, card, now))
      .toBe('审核已通过，报销款预计2026年12月4日前打到尾号 4321 的银行卡。')
  })

  test('a stage that took longer than usual says so instead of a date in the past', () => {
    const text = nextStep({ stage: 'first_review', updatedAt: at('2026-10-01T10:00:00+08:00'), missingMaterials: [] }, card, now)
    expect(text).toMatch(/^正在初审，比通常时间长一些/)
    expect(text).toContain('12393')
    expect(text).not.toMatch(/年.*月.*日前/)
  })

  test('what the person must do, and the finished stages', () => {
    expect(nextStep({ stage: 'materials_needed', updatedAt: now, missingMaterials: ['出院小结', '费用明细清单'] }, null, now))
      .toBe('请补充 2 项材料：出院小结、费用明细清单。补齐后交到参保地医保经办机构，会重新进入初审。')
    expect(nextStep({ stage: 'paid', updatedAt: at('2026-11-18T15:00:00+08:00'), missingMaterials: [] }, card, now))
      .toBe('报销款已于2026年11月18日打到尾号 4321 的银行卡，请留意银行的到账短信。本次报销已办结。')
    expect(nextStep({ stage: 'approved', updatedAt: now, missingMaterials: [] }, null, now)).toMatch(/登记收款银行账户/)
    expect(nextStep({ stage: 'rejected', updatedAt: now, missingMaterials: [] }, card, now)).toMatch(/^本次申请未通过/)
  })

  test('a rejection says its reason, not where to look for it', () => {
    const said = nextStep({ stage: 'rejected', updatedAt: now, missingMaterials: [], rejectReason: '所购药品为医保目录外（丙类）药品，不予报销。' }, card, now)
    expect(said).toBe('本次申请未通过，原因是：所购药品为医保目录外（丙类）药品，不予报销。如有疑问，可以拨打 12393 医保服务热线咨询；符合条件后可以重新申请。')
    expect(nextStep({ stage: 'rejected', updatedAt: now, missingMaterials: [], rejectReason: null }, card, now)).not.toMatch(/办理记录/)
  })
})

test('the advance and the event happen in one transaction: a failing event insert leaves the claim as it was', async () => {
  const c = await makeClaim('submitted')
  // A constraint added for this test makes the event insert fail; the claim's update must roll back with it.
  await h.db.execute(sql`alter table claim_events add constraint test_no_second_review check (stage <> 'second_review') not valid`)
  try {
    const quiet = makeService({ notice: null })
    await quiet.advance(c.claimNo, 'first_review')
    await expect(quiet.advance(c.claimNo, 'second_review')).rejects.toThrow()
    const [row] = await h.db.select().from(claims).where(eq(claims.id, c.id))
    expect(row!.stage).toBe('first_review')
  } finally {
    await h.db.execute(sql`alter table claim_events drop constraint test_no_second_review`)
  }
})
