// Expired rows are deleted; live ones stay.
import { sql } from 'drizzle-orm'
import { purgeExpired } from '../../../server/domain/housekeeping'
import { testDb } from '../../support/db'
import type { DbHandle } from '../../../server/db'

let h: DbHandle
beforeAll(async () => { h = await testDb() })
afterAll(async () => { await h.close() })

const count = async (table: string) => {
  const res = await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`))
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n
}

test('sessions, codes, outbox and rate-limit windows past their time go; current ones stay', async () => {
  const now = new Date('2026-11-20T12:00:00Z')
  const old = '2026-11-18T12:00:00Z'; const recent = '2026-11-20T11:00:00Z'; const future = '2026-11-20T20:00:00Z'
  await h.db.execute(sql`insert into sessions (token_hash, login_method, created_at, last_seen_at, expires_at) values
    ('a', 'sms', ${old}, ${old}, ${old}), ('b', 'sms', ${recent}, ${recent}, ${future})`)
  await h.db.execute(sql`insert into sessions (token_hash, login_method, created_at, last_seen_at, expires_at, revoked_at) values
    ('c', 'sms', ${old}, ${old}, ${future}, ${old})`)
  await h.db.execute(sql`insert into sms_codes (phone_hash, purpose, code_hash, created_at, expires_at) values
    ('p', 'login', 'x', ${old}, ${old}), ('p', 'login', 'y', ${recent}, ${future})`)
  await h.db.execute(sql`insert into dev_sms_outbox (phone_hash, phone_masked, purpose, code, sent_at) values
    ('p', '138****0001', 'login', '1', ${old}), ('p', '138****0001', 'login', '2', ${recent})`)
  await h.db.execute(sql`insert into rate_limits (key, count, reset_at) values ('k1', 3, ${recent}), ('k2', 1, ${future})`)
  await h.db.execute(sql`insert into soter_challenges (session_id, challenge_hash, created_at, expires_at)
    select id, v.hash, ${old}::timestamptz, v.expires::timestamptz from sessions, (values ('h-old', ${old}), ('h-live', ${future})) as v(hash, expires) where token_hash = 'b'`)
  await h.db.execute(sql`insert into leases (key, holder, expires_at) values ('l-old', 'p1', ${old}), ('l-live', 'p2', ${future})`)
  await purgeExpired(h.db, now)
  expect(await count('sessions')).toBe(1)
  expect(await count('sms_codes')).toBe(1)
  expect(await count('dev_sms_outbox')).toBe(1)
  expect(await count('rate_limits')).toBe(1)
  expect(await count('soter_challenges')).toBe(1)
  expect(await count('leases')).toBe(1)
})
