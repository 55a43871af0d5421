// Idempotency keys on the person's writes: the same key again (in a row, in parallel, through a second server
// process on the same database) gives the first answer and one row; a refusal keeps nothing, so the same action
// can be tried again; the same key for another write is a 422; a claim left by a dead process is taken over; keys
// are the owner's own, and housekeeping drops them after a day.
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { disputes, idempotencyKeys, settlements, shareGrants } from '../../../server/db/schema'
import { rowsOf } from '../../../server/db/rows'
import { purgeExpired } from '../../../server/domain/housekeeping'
import { STALE_MS } from '../../../server/plugins/idempotency'
import type { Dispute } from '../../../types/api/spending'
import { makeTestApp, type TestApp } from '../../support/app'
import { demoLogin } from '../../support/consent'
import { demoPersonId } from '../../support/demo'

type Headers = Record<string, string>
type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }
const err = (res: Res) => [res.statusCode, (res.json() as { error: { code: string } }).error.code]

let t: TestApp
let other: TestApp // a second server process on the same database
beforeAll(async () => {
  t = await makeTestApp()
  other = await makeTestApp({ handle: t.handle, seed: false })
})
afterAll(async () => { await other.close(); await t.close() })

const post = (app: TestApp, url: string, headers: Headers, payload?: unknown): Promise<Res> =>
  app.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })

/** A settlement of demo person n with no dispute yet. */
async function undisputed (n: number, skip = 0): Promise<number> {
  const rows = rowsOf<{ id: number }>(await t.handle.db.execute(sql`
    select s.id::int as id from settlements s where s.person_id = ${await demoPersonId(t.handle.db, n)}
      and not exists (select 1 from disputes d where d.settlement_id = s.id) order by s.id limit 1 offset ${skip}`))
  return rows[0]!.id
}
const disputesOf = (settlementId: number) => t.handle.db.select().from(disputes).where(eq(disputes.settlementId, settlementId))

test('the same key twice in a row: the first answer again, marked as replayed, and one dispute', async () => {
  const h = { ...await demoLogin(t, 1), 'idempotency-key': randomUUID() }
  const id = await undisputed(1)
  const first = await post(t, `/api/v1/spending/${id}/disputes`, h, { note: '不是我' })
  expect(first.statusCode).toBe(201)
  expect(first.headers['idempotent-replayed']).toBeUndefined()
  t.clock.advance(5_000)
  const again = await post(t, `/api/v1/spending/${id}/disputes`, h, { note: '不是我' })
  expect([again.statusCode, again.body]).toEqual([201, first.body])
  expect(again.headers['idempotent-replayed']).toBe('true')
  expect(again.headers['content-type']).toMatch(/^application\/json/)
  expect(await disputesOf(id)).toHaveLength(1)
  // Without a key the same request is a new one, and the rule of one open dispute answers it.
  const { 'idempotency-key': _, ...plain } = h
  expect(err(await post(t, `/api/v1/spending/${id}/disputes`, plain, { note: '不是我' }))).toEqual([409, 'dispute_exists'])
})

test('the same key in parallel, through two server processes: one share, and both get its answer', async () => {
  const h = { ...await demoLogin(t, 1), 'idempotency-key': randomUUID() }
  const claim = rowsOf<{ id: number }>(await t.handle.db.execute(sql`
    select id::int as id from claims where person_id = ${await demoPersonId(t.handle.db, 1)} order by id limit 1`))[0]!.id
  const body = { duration: '1d', showAmounts: false, channel: 'h5', recipientLabel: '女儿' }
  const before = await t.handle.db.select().from(shareGrants)
  const answers = await Promise.all([
    post(t, `/api/v1/claims/${claim}/shares`, h, body), post(other, `/api/v1/claims/${claim}/shares`, h, body),
    post(t, `/api/v1/claims/${claim}/shares`, h, body), post(other, `/api/v1/claims/${claim}/shares`, h, body),
  ])
  expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201])
  expect(new Set(answers.map((a) => a.body)).size).toBe(1)
  expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(3)
  expect(await t.handle.db.select().from(shareGrants)).toHaveLength(before.length + 1)
})

test('a refusal keeps nothing: after the reason is gone, the same key does the work', async () => {
  const h = await demoLogin(t, 2)
  const id = await undisputed(2)
  const open = (await post(t, `/api/v1/spending/${id}/disputes`, h, {})).json() as Dispute
  const key = { ...h, 'idempotency-key': randomUUID() }
  expect(err(await post(t, `/api/v1/spending/${id}/disputes`, key, {}))).toEqual([409, 'dispute_exists'])
  expect((await post(t, `/api/v1/spending/${id}/disputes/${open.id}/withdraw`, h)).statusCode).toBe(200)
  t.clock.advance(60_000)
  const done = await post(t, `/api/v1/spending/${id}/disputes`, key, {})
  expect(done.statusCode).toBe(201)
  expect(done.headers['idempotent-replayed']).toBeUndefined()
  expect((await disputesOf(id)).map((d) => d.status).sort()).toEqual(['open', 'withdrawn'])
})

test('the same key for another write is a 422 that writes nothing; a malformed key is a 400', async () => {
  const h = { ...await demoLogin(t, 2), 'idempotency-key': randomUUID() }
  const [a, b] = [await undisputed(2), await undisputed(2, 1)]
  expect((await post(t, `/api/v1/spending/${a}/disputes`, h, {})).statusCode).toBe(201)
  const elsewhere = await post(t, `/api/v1/spending/${b}/disputes`, h, {})
  expect(err(elsewhere)).toEqual([422, 'idempotency_key_reused'])
  expect((elsewhere.json() as { error: { message: string } }).error.message).toBe('这个请求编号已经用于另一项操作，请返回上一页重新操作')
  expect(err(await post(t, `/api/v1/spending/${a}/disputes`, h, { note: '换了说明' }))).toEqual([422, 'idempotency_key_reused'])
  expect(await disputesOf(b)).toHaveLength(0)
  for (const bad of ['short', 'x'.repeat(65), 'has space in the key!!', 'key/with/slashes/0123']) {
    expect(err(await post(t, `/api/v1/spending/${b}/disputes`, { ...h, 'idempotency-key': bad }, {}))).toEqual([400, 'validation_failed'])
  }
  expect(await disputesOf(b)).toHaveLength(0)
})

test('keys are the owner\'s own: another person with the same key gets their own answer', async () => {
  const key = randomUUID()
  const [a, b] = [await undisputed(1, 2), await undisputed(2, 3)]
  const mine = await post(t, `/api/v1/spending/${a}/disputes`, { ...await demoLogin(t, 1), 'idempotency-key': key }, {})
  expect(mine.statusCode).toBe(201)
  // Person 2 naming person 1's settlement with that key learns nothing from the store: the same 404 as without it.
  const h2 = { ...await demoLogin(t, 2), 'idempotency-key': key }
  expect(err(await post(t, `/api/v1/spending/${a}/disputes`, h2, {}))).toEqual([404, 'not_found'])
  const theirs = await post(t, `/api/v1/spending/${b}/disputes`, h2, {})
  expect(theirs.statusCode).toBe(201)
  expect(theirs.body).not.toBe(mine.body)
})

test('a claim left by a process that died mid-request is taken over after a minute', async () => {
  const h = await demoLogin(t, 3)
  const key = randomUUID()
  const id = await undisputed(3)
  // The first attempt's claim, as its process left it: no answer stored.
  const owner = `person:${await demoPersonId(t.handle.db, 3)}`
  const probe = await post(t, `/api/v1/spending/${id}/disputes`, { ...h, 'idempotency-key': key }, {})
  expect(probe.statusCode).toBe(201)
  await t.handle.db.update(idempotencyKeys).set({ statusCode: null, body: null, createdAt: t.clock.now() }).where(eq(idempotencyKeys.key, key))
  await t.handle.db.delete(disputes).where(eq(disputes.settlementId, id))
  t.clock.advance(STALE_MS + 1_000)
  const retried = await post(t, `/api/v1/spending/${id}/disputes`, { ...h, 'idempotency-key': key }, {})
  expect(retried.statusCode).toBe(201)
  expect(await disputesOf(id)).toHaveLength(1)
  const [row] = await t.handle.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))
  expect(row).toMatchObject({ owner, statusCode: 201, body: retried.body })
})

test('housekeeping drops keys after a day', async () => {
  const h = { ...await demoLogin(t, 4), 'idempotency-key': randomUUID() }
  const id = await undisputed(4)
  expect((await post(t, `/api/v1/spending/${id}/disputes`, h, {})).statusCode).toBe(201)
  const keyOf = () => t.handle.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, h['idempotency-key']))
  await purgeExpired(t.handle.db, new Date(t.clock.now().getTime() + 23 * 3600_000))
  expect(await keyOf()).toHaveLength(1)
  await purgeExpired(t.handle.db, new Date(t.clock.now().getTime() + 25 * 3600_000))
  expect(await keyOf()).toHaveLength(0)
  expect(await t.handle.db.select().from(settlements).where(eq(settlements.id, id))).toHaveLength(1)
})
