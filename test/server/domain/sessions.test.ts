// Session rules through the real app: idle expiry never fires early although last_seen_at is written at most once a
// minute; a deactivated person's sessions stop at once (checked on every request, and revoked with the deactivation);
// and a revoked, expired or unknown token gets one and the same answer.
import { eq, sql } from 'drizzle-orm'
import { persons, sessions } from '../../../server/db/schema'
import { deactivatePerson } from '../../../server/domain/persons'
import { makeTestApp, type TestApp } from '../../support/app'
import { demoPasswordSession } from '../../support/consent'
import { demoPersonId } from '../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

const IDLE_MS = 30 * 60_000
const as = (token: string) => ({ authorization: `Bearer ${token}` })
/** A route that needs nothing but a live session of a bound person. */
const touch = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: as(token) })

const loginAs = async (n: number) => (await demoPasswordSession(t, n, { consents: false })).token
const personId = (n: number) => demoPersonId(t.handle.db, n)

describe('idle expiry', () => {
  test('a request 59 s after the last write keeps the session for a full idle period after that request', async () => {
    const token = await loginAs(1) // last_seen_at written now
    t.clock.advance(59_000)
    expect((await touch(token)).statusCode).toBe(200) // within the write interval: last_seen_at is not written
    t.clock.advance(IDLE_MS - 1) // one millisecond short of a full idle period since that request
    expect((await touch(token)).statusCode).toBe(200)
  })

  test('at the boundary of every request in the write interval it is still live; a full idle period later it is not', async () => {
    const token = await loginAs(2)
    for (const gap of [1, 29_999, 29_999]) { // all inside the minute after the login's write
      t.clock.advance(gap)
      expect((await touch(token)).statusCode).toBe(200)
    }
    t.clock.advance(IDLE_MS - 1)
    expect((await touch(token)).statusCode).toBe(200)
    // That request was written (more than a minute since the last write); idleness now counts from it.
    t.clock.advance(IDLE_MS + 60_000 + 1)
    expect((await touch(token)).statusCode).toBe(401)
  })
})

describe('a deactivated person', () => {
  test('is refused on the next request even when the status changed behind the server\'s back', async () => {
    const token = await loginAs(3)
    expect((await touch(token)).statusCode).toBe(200)
    const id = await personId(3)
    await t.handle.db.update(persons).set({ status: 'inactive' }).where(eq(persons.id, id))
    try {
      const refused = await touch(token)
      expect(refused.statusCode).toBe(401)
      const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })
      expect(account.statusCode).toBe(401)
    } finally {
      await t.handle.db.update(persons).set({ status: 'active' }).where(eq(persons.id, id))
    }
  })

  test('deactivatePerson ends every session of the person, with the status, in one transaction', async () => {
    const id = await personId(4)
    const tokens = [await loginAs(4), await loginAs(4)]
    const other = await loginAs(1)

    // If ending the sessions fails, the person is not deactivated either.
    await t.handle.db.execute(sql.raw(`create or replace function test_refuse_revoke() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`))
    await t.handle.db.execute(sql.raw(`create trigger test_refuse_revoke before update of revoked_at on sessions
      for each row execute function test_refuse_revoke()`))
    try {
      await expect(deactivatePerson(t.handle.db, id, t.clock.now())).rejects.toThrow()
    } finally {
      await t.handle.db.execute(sql.raw('drop trigger test_refuse_revoke on sessions'))
      await t.handle.db.execute(sql.raw('drop function test_refuse_revoke()'))
    }
    const [still] = await t.handle.db.select({ status: persons.status }).from(persons).where(eq(persons.id, id))
    expect(still!.status).toBe('active')
    for (const token of tokens) expect((await touch(token)).statusCode).toBe(200)

    await deactivatePerson(t.handle.db, id, t.clock.now())
    const [after] = await t.handle.db.select({ status: persons.status }).from(persons).where(eq(persons.id, id))
    expect(after!.status).toBe('inactive')
    const live = await t.handle.db.select({ id: sessions.id }).from(sessions)
      .where(sql`${sessions.personId} = ${id} and ${sessions.revokedAt} is null`)
    expect(live).toEqual([])
    for (const token of tokens) expect((await touch(token)).statusCode).toBe(401)
    expect((await touch(other)).statusCode).toBe(200) // nobody else's
    await t.handle.db.update(persons).set({ status: 'active' }).where(eq(persons.id, id))
  })
})

test('revoked, idle, expired, deactivated and unknown tokens all get the same answer', async () => {
  const answers: { label: string; status: number; body: string }[] = []
  const record = async (label: string, token: string) => {
    const res = await touch(token)
    answers.push({ label, status: res.statusCode, body: res.body })
  }

  const revoked = await loginAs(1)
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: as(revoked) })
  await record('revoked', revoked)
  await record('unknown', 'A'.repeat(43))

  const idle = await loginAs(2)
  t.clock.advance(IDLE_MS + 60_000 + 1)
  await record('idle', idle)

  const old = await loginAs(2)
  for (let i = 0; i < 36; i++) { t.clock.advance(20 * 60_000); await touch(old) } // never idle, 12 hours in all
  t.clock.advance(1)
  await record('expired', old)

  const id = await personId(3)
  const deactivated = await loginAs(3)
  await deactivatePerson(t.handle.db, id, t.clock.now())
  await record('deactivated', deactivated)
  await t.handle.db.update(persons).set({ status: 'active' }).where(eq(persons.id, id))

  for (const a of answers) expect([a.label, a.status, a.body]).toEqual([a.label, 401, answers[0]!.body])
  expect(JSON.parse(answers[0]!.body)).toEqual({ error: { code: 'session_expired', message: '登录已失效，请重新登录' } })
})
