// Expired rows are deleted; live ones stay; every delete is found by an index, not a scan of the whole table.
import { sql } from 'drizzle-orm'
import { housekeepingDeletes, purgeExpired } from '../../../server/domain/housekeeping'
import { expiredWindowsDelete } from '../../../server/plugins/rate-limit'
import { rowsOf } from '../../../server/db/rows'
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

test('family shares go 30 days after they expired or were revoked; live and recently ended ones stay', async () => {
  const now = new Date('2026-11-20T12:00:00Z')
  const person = await h.db.execute(sql`insert into persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash, card_number, insurance_type, region_code)
    values ('测试', 'e', 'housekeeping-id', 'e', 'housekeeping-phone', 'HK0001', 'employee', '310104') returning id`)
  const personId = (person as unknown as { rows: { id: number }[] }).rows[0]!.id
  const claim = await h.db.execute(sql`insert into claims (person_id, claim_no, title, stage, claimed_fen, submitted_at, updated_at)
    values (${personId}, 'HK-CLAIM-1', '门诊费用报销', 'submitted', 100, ${now.toISOString()}, ${now.toISOString()}) returning id`)
  const claimId = (claim as unknown as { rows: { id: number }[] }).rows[0]!.id
  const grant = (hash: string, expires: string, revoked: string | null) => h.db.execute(sql`insert into share_grants
    (person_id, claim_id, token_hash, created_at, expires_at, revoked_at) values (${personId}, ${claimId}, ${hash}, '2026-09-01T00:00:00Z', ${expires}, ${revoked})`)
  await grant('expired-long-ago', '2026-10-19T12:00:00Z', null) // ended 32 days ago: goes
  await grant('revoked-long-ago', '2026-12-01T00:00:00Z', '2026-10-20T11:00:00Z') // revoked 31 days ago: goes
  await grant('expired-recently', '2026-10-22T12:00:00Z', null) // ended 29 days ago: still listed
  await grant('live', '2026-11-25T00:00:00Z', null)
  await purgeExpired(h.db, now)
  const left = await h.db.execute(sql`select token_hash from share_grants order by token_hash`)
  expect((left as unknown as { rows: { token_hash: string }[] }).rows.map((r) => r.token_hash)).toEqual(['expired-recently', 'live'])
})

test('wrong-password counters nobody added to for a day go; a younger one, or one that still locks, stays', async () => {
  const now = new Date('2026-11-20T12:00:00Z')
  await h.db.execute(sql`insert into password_attempts (key, failures, locked_until, updated_at) values
    ('stale', 3, null, '2026-11-19T11:00:00Z'),
    ('stale-lock-over', 5, '2026-11-19T11:30:00Z', '2026-11-19T11:00:00Z'),
    ('recent', 2, null, '2026-11-19T13:00:00Z'),
    ('still-locking', 5, '2026-11-20T13:00:00Z', '2026-11-19T11:00:00Z')`)
  await purgeExpired(h.db, now)
  const left = await h.db.execute(sql`select key from password_attempts order by key`)
  expect(rowsOf<{ key: string }>(left).map((r) => r.key)).toEqual(['recent', 'still-locking'])
})

describe('every housekeeping delete has an index behind it', () => {
  const now = new Date('2026-11-20T12:00:00Z')
  const deletes = [...housekeepingDeletes(now), { table: 'rate_limits', query: expiredWindowsDelete() }]

  test.each(deletes.map((d) => [d.table, d.query] as const))('%s: EXPLAIN shows no sequential scan', async (_table, query) => {
    // With sequential scans priced out, the planner still picks one when no index fits, so a Seq Scan here means
    // the delete would read the whole table every ten minutes in every process.
    const plan = await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain ${query}`)).map((r) => r['QUERY PLAN']).join('\n')
    })
    expect(plan).toMatch(/Index|Bitmap/)
    expect(plan).not.toMatch(/Seq Scan/)
  })

  test('rows that reference a table housekeeping deletes from are found by an index (ON DELETE and the FK check)', async () => {
    const tables = [...new Set(deletes.map((d) => d.table))]
    const res = await h.db.execute(sql`
      select c.conrelid::regclass::text as child, a.attname as column
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid::regclass::text in (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})
        and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`)
    expect(rowsOf<{ child: string; column: string }>(res)).toEqual([])
  })
})
