// ShareService and its rules without HTTP: the token's form, the owner's sentence, the payout card never numbered for
// family, nothing read after a grant commits, a revocation that lands between a view's read and its count, and an
// owner who is no longer active. (The scrub of free text: family-text.test.ts.)
import { eq, sql } from 'drizzle-orm'
import type { Db, DbHandle } from '../../../server/db'
import { rowsOf } from '../../../server/db/rows'
import { accessLogs, claims, consents, persons, shareGrants } from '../../../server/db/schema'
import { accountConsentRequirements } from '../../../server/domain/consents'
import { seedDemo } from '../../../server/demo/seed'
import { ClaimService, nextStep } from '../../../server/domain/claims'
import { AppError } from '../../../server/domain/errors'
import { DataCipher } from '../../../server/domain/secrets'
import { newShareToken, ShareService, summary, type ShareLog } from '../../../server/domain/shares'
import { SHARE_TOKEN_PATTERN } from '../../../types/api/shares'
import { TEST_AS_OF, TestClock } from '../../support/app'
import { testDb } from '../../support/db'
import { demoPerson, demoPersonId } from '../../support/demo'

const cipher = new DataCipher('test-data-key-for-shares-domain-0123')
let h: DbHandle
let clock: TestClock
let claimService: ClaimService
let personId: number
let claimId: number
const warnings: Record<string, unknown>[] = []
const log: ShareLog = { warn: (obj) => { warnings.push(obj) } }

beforeAll(async () => {
  h = await testDb()
  await seedDemo(h.db, { cipher, asOf: TEST_AS_OF, production: false })
  personId = await demoPersonId(h.db, 2)
  const [c] = await h.db.select({ id: claims.id }).from(claims).where(eq(claims.personId, personId)).orderBy(claims.id).limit(1)
  claimId = c!.id
  // A view discloses the owner's data, so it needs the owner's current consents (consents/enforced.test.ts).
  await h.db.insert(consents).values(accountConsentRequirements().map((r) => ({ personId, ...r, channel: 'h5', acceptedAt: TEST_AS_OF })))
})
afterAll(async () => { await h.close() })
beforeEach(() => {
  clock = new TestClock()
  claimService = new ClaimService({ db: h.db, cipher, clock })
})

const service = (claimsOf: ClaimService = claimService, db: Db = h.db) => new ShareService({ db, clock, claims: claimsOf, log, grantViewsPerMinute: 20 })
const ctx = { channel: 'h5', scene: null }
async function invalid (p: Promise<unknown>): Promise<void> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  expect([(e as AppError).status, (e as AppError).code, (e as AppError).message]).toEqual([404, 'share_invalid', '链接已失效，请让家人重新分享'])
}

test('tokens: 32 base64url characters of 24 random bytes, never repeated', () => {
  const tokens = Array.from({ length: 2000 }, newShareToken)
  for (const t of tokens) {
    expect(t).toMatch(new RegExp(SHARE_TOKEN_PATTERN))
    expect(Buffer.from(t, 'base64url')).toHaveLength(24)
  }
  expect(new Set(tokens).size).toBe(tokens.length)
})

test('the owner\'s sentence names who, what, whether amounts show and until when (China time)', () => {
  const expiresAt = new Date('2026-11-27T03:05:00Z')
  expect(summary('王**', { title: '门诊慢特病费用报销', stageName: '初审中', missingMaterials: [] }, false, expiresAt))
    .toBe('家人会看到王**的“门诊慢特病费用报销”：办理阶段（初审中）和每一步的日期、下一步怎么办，看不到金额；链接在 2026年11月27日 11:05 前有效，您也可以随时撤回。')
  expect(summary('陈**', { title: '住院费用零星报销', stageName: '需补充材料', missingMaterials: ['出院小结', '费用明细清单'] }, true, expiresAt))
    .toBe('家人会看到陈**的“住院费用零星报销”：办理阶段（需补充材料）和每一步的日期、需要补充的 2 项材料、下一步怎么办，也能看到申请和核定的金额；' +
      '链接在 2026年11月27日 11:05 前有效，您也可以随时撤回。')
})

test('for family, the next step names the payout account without digits; the owner\'s keeps the last four', () => {
  const payout = { cardMasked: '**** 4321', last4: '4321' }
  const now = new Date('2026-11-20T03:00:00Z')
  for (const stage of ['approved', 'paid'] as const) {
    const c = { stage, updatedAt: new Date('2026-11-18T03:00:00Z'), missingMaterials: [] }
    expect(nextStep(c, payout, now)).toContain('尾号 4321 的银行卡')
    const family = nextStep(c, payout, now, 'family')
    expect(family).toContain('登记的银行账户')
    expect(family).not.toContain('4321')
  }
})

test('nothing is read after the grant commits: a database failing from then on cannot leave a grant the owner was not told of', async () => {
  // A database that refuses every read once a transaction has committed: what create needs must be read before.
  let committed = false
  const failingAfterCommit = new Proxy(h.db, {
    get (target, prop) {
      const value: unknown = Reflect.get(target, prop, target)
      if (prop === 'transaction') {
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          committed = true
          return result
        }
      }
      if (committed && (prop === 'select' || prop === 'execute')) return () => { throw new Error('database gone') }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  }) as Db
  const made = await service(claimService, failingAfterCommit).create({ personId, identityId: null }, claimId, { duration: '1h', showAmounts: false, channel: 'h5' })
  expect(committed).toBe(true)
  expect(made.summary).toContain(`家人会看到${demoPerson(2).maskedName}的`)
})

test('a revocation landing between the view\'s read and its count wins: the same 404, nothing counted, nothing logged', async () => {
  const shares = service()
  const made = await shares.create({ personId, identityId: null }, claimId, { duration: '1d', showAmounts: false, channel: 'h5' })
  await shares.view(made.token, ctx)
  const revokingReader = {
    shared: async (owner: number, id: number) => {
      const read = await claimService.shared(owner, id)
      await h.db.update(shareGrants).set({ revokedAt: clock.now() }).where(eq(shareGrants.id, made.grant.id))
      return read
    },
  } as unknown as ClaimService
  await invalid(service(revokingReader).view(made.token, ctx))
  const [grant] = await h.db.select().from(shareGrants).where(eq(shareGrants.id, made.grant.id))
  expect(grant!.viewCount).toBe(1)
  const logged = await h.db.select({ n: sql<number>`count(*)::int` }).from(accessLogs).where(eq(accessLogs.shareGrantId, made.grant.id))
  expect(logged[0]!.n).toBe(1)
})

test('an owner who is no longer active: the link opens nothing (the same 404)', async () => {
  const shares = service()
  const made = await shares.create({ personId, identityId: null }, claimId, { duration: '7d', showAmounts: true, channel: 'h5' })
  await expect(shares.view(made.token, ctx)).resolves.toMatchObject({ ownerNameMasked: demoPerson(2).maskedName })
  await h.db.update(persons).set({ status: 'closed' }).where(eq(persons.id, personId))
  try {
    await invalid(shares.view(made.token, ctx))
  } finally {
    await h.db.update(persons).set({ status: 'active' }).where(eq(persons.id, personId))
  }
})

test('expiry is the server clock\'s: live until the last millisecond, then the same 404', async () => {
  const shares = service()
  const made = await shares.create({ personId, identityId: null }, claimId, { duration: '1h', showAmounts: false, channel: 'h5' })
  clock.advance(3600_000 - 1)
  await expect(shares.view(made.token, ctx)).resolves.toMatchObject({ expiresAt: made.grant.expiresAt })
  clock.advance(1)
  await invalid(shares.view(made.token, ctx))
  expect((await shares.list(personId)).items.find((g) => g.id === made.grant.id)).toMatchObject({ status: 'expired', viewCount: 1 })
})

test('a weapp share with no WeChat client configured asks nobody and logs nothing', async () => {
  const made = await service().create({ personId, identityId: null }, claimId, { duration: '1h', showAmounts: false, channel: 'weapp' })
  expect(made.activityId).toBeNull()
  expect(warnings).toEqual([])
  const res = await h.db.execute(sql`select token_hash from share_grants where id = ${made.grant.id}`)
  expect(rowsOf<{ token_hash: string }>(res)[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/)
})
