// Consent the server enforces: every account read and every account write needs the person's current consent to the
// privacy policy and to the processing of sensitive information (403 consent_required otherwise, between
// binding_required and verification_required); withdrawing either stops it at once, on every server process sharing
// the database, and ends the family links too.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { DEV_CLAIM_TEMPLATE_ID } from '../../../../../../server/config'
import { acceptedDocumentsQuery } from '../../../../../../server/db/repositories/consents'
import { rowsOf } from '../../../../../../server/db/rows'
import { accessLogs, claims, consents, disputes, platformIdentities, settlements, shareGrants } from '../../../../../../server/db/schema'
import { DEMO_INSTITUTIONS } from '../../../../../../server/demo/generator'
import { currentDocument } from '../../../../../../server/domain/consent-documents'
import { accountConsentRequirements } from '../../../../../../server/domain/consents'
import { messageFor } from '../../../../../../server/domain/messages'
import type { ShareCreated, ShareList } from '../../../../../../types/api/shares'
import { makeTestApp, twoProcesses, type TestApp } from '../../../../../support/app'
import { giveConsents, platformSession } from '../../../../../support/consent'
import { demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp({ env: { SHARE_VIEW_RATE_PER_MINUTE: '100000' } }) })
afterAll(async () => { await t.close() })

type Headers = Record<string, string>
interface Res { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }
interface Err { error: { code: string; message: string } }

const PRIVACY_MISSING = '需要您同意《隐私政策》后才能查看医保账户信息，请在弹出的说明中阅读并同意'
const SENSITIVE_MISSING = messageFor('consent_required')
const INVALID_SHARE = { error: { code: 'share_invalid', message: '链接已失效，请让家人重新分享' } }

async function login (code: string): Promise<{ token: string; h: Headers }> {
  const { token, headers } = await platformSession(t, code)
  return { token, h: headers }
}
const withdraw = async (h: Headers, document: 'privacy' | 'sensitive', on: TestApp = t) => {
  const res = await on.app.inject({ method: 'DELETE', url: `/api/v1/consents/${document}`, headers: h, payload: {} })
  expect(res.statusCode).toBe(200)
}
const view = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': token } })

const personId = (n: number, on: TestApp = t) => demoPersonId(on.handle.db, n)
/** Demo person n starts every test with no standing consent (earlier tests gave and withdrew some). */
async function noConsents (n: number, on: TestApp = t): Promise<void> {
  await on.handle.db.delete(consents).where(eq(consents.personId, await personId(n, on)))
}

/** What each account route needs from the demo data: one of the person's settlements, an open claim, a share. */
interface Ids { settlement: number; dispute: number; claim: number; share: number }
async function idsOf (n: number, on: TestApp = t): Promise<Omit<Ids, 'dispute' | 'share'>> {
  const pid = await personId(n, on)
  const [s] = await on.handle.db.select({ id: settlements.id }).from(settlements).where(eq(settlements.personId, pid)).orderBy(settlements.id).limit(1)
  const [c] = await on.handle.db.select({ id: claims.id }).from(claims)
    .where(and(eq(claims.personId, pid), sql`${claims.stage} not in ('paid', 'rejected')`)).orderBy(claims.id).limit(1)
  return { settlement: s!.id, claim: c!.id }
}

const entry = DEMO_INSTITUTIONS[0]!.entryCode
/** Every route that reads a person's account data, and every write on it, with the status it answers when allowed. */
const routes: { name: string; ok: number; send: (h: Headers, ids: Ids, on: TestApp) => Promise<Res> }[] = [
  { name: 'GET /account', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/account', headers: h }) },
  { name: 'GET /contributions', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/contributions', headers: h }) },
  { name: 'GET /spending', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/spending', headers: h }) },
  { name: 'GET /spending/institutions', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/spending/institutions', headers: h }) },
  { name: 'GET /spending/family-premiums', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/spending/family-premiums', headers: h }) },
  { name: 'GET /spending/{id}', ok: 200, send: (h, i, on) => on.app.inject({ method: 'GET', url: `/api/v1/spending/${i.settlement}`, headers: h }) },
  { name: 'GET /claims', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/claims', headers: h }) },
  { name: 'GET /claims/{id}', ok: 200, send: (h, i, on) => on.app.inject({ method: 'GET', url: `/api/v1/claims/${i.claim}`, headers: h }) },
  { name: 'GET /institutions/entries/{code}/mine', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: `/api/v1/institutions/entries/${entry}/mine`, headers: h }) },
  { name: 'GET /shares', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'GET', url: '/api/v1/shares', headers: h }) },
  {
    name: 'POST /spending/{id}/disputes/{d}/withdraw', ok: 200,
    send: (h, i, on) => on.app.inject({ method: 'POST', url: `/api/v1/spending/${i.settlement}/disputes/${i.dispute}/withdraw`, headers: h }),
  },
  { name: 'POST /spending/{id}/disputes', ok: 201, send: (h, i, on) => on.app.inject({ method: 'POST', url: `/api/v1/spending/${i.settlement}/disputes`, headers: h, payload: {} }) },
  {
    name: 'POST /claims/{id}/subscriptions', ok: 200,
    send: (h, i, on) => on.app.inject({ method: 'POST', url: `/api/v1/claims/${i.claim}/subscriptions`, headers: h, payload: { templateIds: [DEV_CLAIM_TEMPLATE_ID] } }),
  },
  { name: 'POST /shares/{id}/revoke', ok: 200, send: (h, i, on) => on.app.inject({ method: 'POST', url: `/api/v1/shares/${i.share}/revoke`, headers: h }) },
  { name: 'POST /shares/revoke-all', ok: 200, send: (h, _i, on) => on.app.inject({ method: 'POST', url: '/api/v1/shares/revoke-all', headers: h }) },
  {
    name: 'POST /claims/{id}/shares', ok: 201,
    send: (h, i, on) => on.app.inject({ method: 'POST', url: `/api/v1/claims/${i.claim}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel: 'h5' } }),
  },
]

/** Every route's answer as [name, status, code, message] (code and message only for a refusal). */
async function answers (h: Headers, ids: Ids, on: TestApp = t): Promise<[string, number, string?, string?][]> {
  const out: [string, number, string?, string?][] = []
  for (const r of routes) {
    const res = await r.send(h, ids, on)
    if (res.statusCode >= 400) {
      const { code, message } = (res.json() as Err).error
      expect(res.headers['cache-control']).toBe('no-store')
      out.push([r.name, res.statusCode, code, message])
    } else {
      out.push([r.name, res.statusCode])
    }
  }
  return out
}
const refusedWith = (message: string) => routes.map((r) => [r.name, 403, 'consent_required', message])
const allowed = () => routes.map((r) => [r.name, r.ok])

/** Ids for the write routes from a session that may write: an open dispute to withdraw and a share to revoke. */
async function writable (h: Headers, n: number, on: TestApp = t): Promise<Ids> {
  const base = await idsOf(n, on)
  await on.handle.db.delete(disputes).where(eq(disputes.personId, await personId(n, on)))
  const d = await on.app.inject({ method: 'POST', url: `/api/v1/spending/${base.settlement}/disputes`, headers: h, payload: {} })
  expect(d.statusCode).toBe(201)
  const s = await on.app.inject({ method: 'POST', url: `/api/v1/claims/${base.claim}/shares`, headers: h, payload: { duration: '1d', showAmounts: false, channel: 'h5' } })
  expect(s.statusCode).toBe(201)
  // The dispute route refuses a second open dispute on one settlement: the one above is withdrawn by the table's
  // withdraw route before the create route runs again.
  return { ...base, dispute: (d.json() as { id: number }).id, share: (s.json() as ShareCreated).grant.id }
}

async function rowCounts (n: number, on: TestApp = t): Promise<number[]> {
  const pid = await personId(n, on)
  const c = async (table: typeof accessLogs | typeof disputes | typeof shareGrants) =>
    (await on.handle.db.select({ id: table.id }).from(table).where(eq(table.personId, pid))).length
  return [await c(accessLogs), await c(disputes), await c(shareGrants)]
}

test('without consent a verified person gets 403 consent_required on every account read and write; nothing is read, logged or written', async () => {
  await noConsents(1)
  const { token, h } = await login('wx-demo-1')
  const ids = { ...await idsOf(1), dispute: 1, share: 1 }
  const before = await rowCounts(1)
  // Neither document: the privacy policy is asked for first.
  expect(await answers(h, ids)).toEqual(refusedWith(PRIVACY_MISSING))
  // The privacy policy alone is not enough.
  await giveConsents(t, token, ['privacy'])
  expect(await answers(h, ids)).toEqual(refusedWith(SENSITIVE_MISSING))
  // The sensitive-information consent alone is not enough either.
  await withdraw(h, 'privacy')
  await giveConsents(t, token, ['sensitive'])
  expect(await answers(h, ids)).toEqual(refusedWith(PRIVACY_MISSING))
  expect(await rowCounts(1)).toEqual(before)
})

test('after both consents every route answers; withdrawing either stops them all at once, consenting again opens them', async () => {
  await noConsents(2)
  const { token, h } = await login('wx-demo-2')
  await giveConsents(t, token)
  expect(await answers(h, await writable(h, 2))).toEqual(allowed())

  for (const document of ['sensitive', 'privacy'] as const) {
    const ids = await writable(h, 2)
    await withdraw(h, document)
    const before = await rowCounts(2)
    expect(await answers(h, ids)).toEqual(refusedWith(document === 'privacy' ? PRIVACY_MISSING : SENSITIVE_MISSING))
    expect(await rowCounts(2)).toEqual(before)
    await giveConsents(t, token, [document])
    expect(await answers(h, await writable(h, 2))).toEqual(allowed())
  }
})

test('a consent to an older version of a text does not count', async () => {
  await noConsents(3)
  const { token, h } = await login('wx-demo-3')
  await giveConsents(t, token)
  const account = () => t.app.inject({ method: 'GET', url: '/api/v1/account', headers: h })
  expect((await account()).statusCode).toBe(200)
  // As if the text had changed since: the standing row is for a version that is no longer current.
  await t.handle.db.update(consents).set({ version: '2020-01-01' })
    .where(and(eq(consents.personId, await personId(3)), eq(consents.document, 'sensitive')))
  const res = await account()
  expect(res.statusCode).toBe(403)
  expect(res.json()).toEqual({ error: { code: 'consent_required', message: SENSITIVE_MISSING } })
  await giveConsents(t, token, ['sensitive'])
  expect((await account()).statusCode).toBe(200)
})

test('the order of the refusals: binding first, then consent, then verification (the app asks for consent right after login)', async () => {
  const account = (h: Headers) => t.app.inject({ method: 'GET', url: '/api/v1/account', headers: h })
  const code = (res: Res) => (res.json() as Err).error.code

  // An unbound platform identity, even one that consented before binding: binding_required.
  const stranger = await login('wx-consent-order-stranger')
  expect(code(await account(stranger.h))).toBe('binding_required')
  await giveConsents(t, stranger.token)
  expect(code(await account(stranger.h))).toBe('binding_required')

  // A bound person past the verification window: consent first, and once it is given, verification.
  await noConsents(4)
  const { token, h } = await login('wx-demo-4')
  t.clock.advance(16 * 60_000)
  expect(code(await account(h))).toBe('consent_required')
  await giveConsents(t, token)
  expect(code(await account(h))).toBe('verification_required')
})

describe('two server processes on one database, as behind a balancer', () => {
  let both: Awaited<ReturnType<typeof twoProcesses>>
  beforeAll(async () => { both = await twoProcesses() })
  afterAll(async () => { await both?.close() })

  test('the sensitive-information consent withdrawn through one process stops every account route on both at once; agreeing again through the other opens them', async () => {
    const { a, b } = both
    await noConsents(2, a)
    const { token, headers: h } = await platformSession(a, 'wx-demo-2')
    await giveConsents(a, token)
    for (const on of [a, b]) expect(await answers(h, await writable(h, 2, on), on)).toEqual(allowed())

    const ids = await writable(h, 2, a)
    await withdraw(h, 'sensitive', b)
    const before = await rowCounts(2, a)
    // Nothing of it is remembered per process: the next request on either, the same session, is refused.
    for (const on of [a, b, a]) expect(await answers(h, ids, on)).toEqual(refusedWith(SENSITIVE_MISSING))
    expect(await rowCounts(2, a)).toEqual(before)

    await giveConsents(b, token, ['sensitive'])
    expect(await answers(h, await writable(h, 2, a), a)).toEqual(allowed())
  })
})

describe('the family view is the owner\'s disclosure', () => {
  async function sharedBy (n: number): Promise<{ token: string; h: Headers; share: ShareCreated }> {
    await noConsents(n)
    const owner = await login(`wx-demo-${n}`)
    await giveConsents(t, owner.token)
    const { claim } = await idsOf(n)
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim}/shares`, headers: owner.h, payload: { duration: '7d', showAmounts: false, channel: 'h5' } })
    expect(res.statusCode).toBe(201)
    const share = res.json() as ShareCreated
    expect((await view(share.token)).statusCode).toBe(200)
    return { ...owner, share }
  }

  test.each(['sensitive', 'privacy'] as const)('withdrawing %s ends the owner\'s links: the view answers like an ended share, and consenting again does not reopen them', async (document) => {
    const owner = await sharedBy(1)
    const views = async () => (await t.handle.db.select({ n: shareGrants.viewCount }).from(shareGrants).where(eq(shareGrants.id, owner.share.grant.id)))[0]!.n
    const counted = await views()
    await withdraw(owner.h, document)
    const res = await view(owner.share.token)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual(INVALID_SHARE)
    expect(await views()).toBe(counted)

    await giveConsents(t, owner.token, [document])
    expect((await view(owner.share.token)).json()).toEqual(INVALID_SHARE)
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: owner.h })).json() as ShareList
    expect(mine.items.find((g) => g.id === owner.share.grant.id)).toMatchObject({ status: 'revoked' })
  })

  test('an owner whose consent is no longer current (a new text not yet agreed): views stop, and resume once it is agreed', async () => {
    const owner = await sharedBy(2)
    await t.handle.db.update(consents).set({ version: '2020-01-01' })
      .where(and(eq(consents.personId, await personId(2)), inArray(consents.document, ['sensitive'])))
    expect((await view(owner.share.token)).json()).toEqual(INVALID_SHARE)
    await giveConsents(t, owner.token, ['sensitive'])
    expect((await view(owner.share.token)).statusCode).toBe(200)
  })
})

test('the check that runs before every account request is one statement on the person\'s index, over thousands of consents', async () => {
  type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] }
  const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)]
  const now = t.clock.now()
  // 4,000 platform identities that consented before binding (or never bound), two documents each.
  const identities: number[] = []
  for (let i = 0; i < 4000; i += 1000) {
    const rows = Array.from({ length: 1000 }, (_, k) => ({ platform: 'wechat' as const, subject: `o-consent-plan-${i + k}` }))
    identities.push(...(await t.handle.db.insert(platformIdentities).values(rows).returning({ id: platformIdentities.id })).map((r) => r.id))
  }
  const held = identities.flatMap((identityId) => (['privacy', 'sensitive'] as const).map((document) => ({
    identityId, document, version: currentDocument(document).version, channel: 'weapp', acceptedAt: now,
  })))
  try {
    for (let i = 0; i < held.length; i += 1000) await t.handle.db.insert(consents).values(held.slice(i, i + 1000))
    await t.handle.db.execute(sql.raw('analyze consents'))
    const q = acceptedDocumentsQuery(t.handle.db, await personId(1), accountConsentRequirements())
    const res = await t.handle.db.execute(sql`explain (format json) ${q.getSQL()}`)
    const raw = rowsOf<Record<string, unknown>>(res)[0]!['QUERY PLAN']
    const nodes = flatten(((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }])[0].Plan)
    const scans = nodes.filter((n) => typeof n['Node Type'] === 'string' && (n['Node Type'] as string).includes('Scan'))
    expect(scans.map((n) => n['Node Type'])).not.toContain('Seq Scan')
    expect(scans.map((n) => n['Index Name']).filter(Boolean)).toEqual(['consents_person_idx'])
  } finally {
    await t.handle.db.delete(consents).where(inArray(consents.identityId, identities))
    await t.handle.db.delete(platformIdentities).where(inArray(platformIdentities.id, identities))
  }
})
