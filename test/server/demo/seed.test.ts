// Seeding the demo data into the database (server/demo/seed.ts): complete, encrypted, idempotent, never in production.
import { eq, sql } from 'drizzle-orm'
import type { DbHandle } from '../../../server/db'
import { institutionEntries, institutions, ledgerEntries, meta, persons, platformIdentities, sessions, smsCodes } from '../../../server/db/schema'
import { BULK_QUERY_PASSWORD, DEMO_VERSION, generateBulk, generateDemo } from '../../../server/demo/generator'
import { parseDemoAsOf, seedDemo, writeDemoData } from '../../../server/demo/seed'
import { DataCipher, verifyPassword } from '../../../server/domain/secrets'
import { testDb } from '../../support/db'

const AS_OF = new Date('2026-11-20T08:00:00+08:00')
const cipher = new DataCipher('test-data-key-for-demo-seed-tests')
let h: DbHandle

beforeAll(async () => { h = await testDb() })
afterAll(async () => { await h.close() })

async function counts () {
  const n = async (table: string) => {
    const res = await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`))
    return (res as unknown as { rows: { n: number }[] }).rows[0]!.n
  }
  return {
    persons: await n('persons'), institutions: await n('institutions'), contributions: await n('contributions'),
    settlements: await n('settlements'), items: await n('settlement_items'), ledger: await n('ledger_entries'),
    claims: await n('claims'), events: await n('claim_events'), identities: await n('platform_identities'),
  }
}

async function metaValue (key: string) {
  const [row] = await h.db.select().from(meta).where(eq(meta.key, key))
  return row?.value
}

describe('seedDemo', () => {
  const data = generateDemo({ asOf: AS_OF })

  test('refuses production and writes nothing', async () => {
    await expect(seedDemo(h.db, { cipher, asOf: AS_OF, production: true })).rejects.toThrow(/生产环境/)
    expect((await counts()).persons).toBe(0)
  })

  test('seeds an empty database with exactly what the generator made', async () => {
    const summary = await seedDemo(h.db, { cipher, asOf: AS_OF, production: false })
    const all = <T>(f: (p: (typeof data.persons)[number]) => T[]) => data.persons.flatMap(f)
    expect(summary).toEqual({ seeded: true, persons: 4, entries: all((p) => p.ledger).length })
    expect(await counts()).toEqual({
      persons: 4, institutions: data.institutions.length, contributions: all((p) => p.contributions).length,
      settlements: all((p) => p.settlements).length, items: all((p) => p.settlements.flatMap((s) => s.items)).length,
      ledger: all((p) => p.ledger).length, claims: all((p) => p.claims).length,
      events: all((p) => p.claims.flatMap((c) => c.events)).length, identities: 8,
    })
    expect(await metaValue('demo_version')).toBe(String(DEMO_VERSION))
    expect(await metaValue('demo_as_of')).toBe('2026-11-20')
    expect(await metaValue('ledger_synced_at')).toBe(AS_OF.toISOString())
  })

  test('each balance by SQL sum equals the generator\'s, and links point at the right rows', async () => {
    const rows = await h.db.select({ card: persons.cardNumber, total: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)::text` })
      .from(persons).leftJoin(ledgerEntries, eq(ledgerEntries.personId, persons.id)).groupBy(persons.cardNumber)
    const byCard = new Map(rows.map((r) => [r.card, Number(r.total)]))
    for (const p of data.persons) expect(byCard.get(p.facts.cardNumber)).toBe(p.balanceFen)
    expect(data.persons[0]!.balanceFen).toBeGreaterThan(0)

    // Every consumption entry equals minus its settlement's account part; every contribution entry its credited part.
    const bad = await h.db.execute(sql`
      select l.id from ledger_entries l
        left join settlements s on s.id = l.settlement_id
        left join contributions c on c.id = l.contribution_id
      where (l.kind = 'consumption' and (s.id is null or l.amount_fen <> -s.account_fen or s.person_id <> l.person_id))
         or (l.kind = 'mutual_aid' and s.id is not null and l.amount_fen <> -s.mutual_aid_fen)
         or (l.kind = 'contribution' and (c.id is null or l.amount_fen <> c.credited_fen or c.person_id <> l.person_id))`)
    expect((bad as unknown as { rows: unknown[] }).rows).toEqual([])
  })

  test('each institution is written with its address, desk and materials, and its one live entry code', async () => {
    const rows = await h.db.select({
      code: institutions.code, address: institutions.address, designated: institutions.designated, deskPlace: institutions.deskPlace,
      deskHours: institutions.deskHours, deskPhone: institutions.deskPhone, bring: institutions.claimMaterials,
      entryCode: institutionEntries.code, revokedAt: institutionEntries.revokedAt,
    }).from(institutions).leftJoin(institutionEntries, eq(institutionEntries.institutionId, institutions.id)).orderBy(institutions.id)
    expect(rows).toEqual(data.institutions.map((i) => ({
      code: i.code, address: i.address, designated: i.designated, deskPlace: i.desk?.place ?? null, deskHours: i.desk?.hours ?? null,
      deskPhone: i.desk?.phone ?? null, bring: i.bring, entryCode: i.entryCode, revokedAt: null,
    })))
  })

  test('no phone or ID number is stored in clear; the keyed hashes and ciphertexts find and return them', async () => {
    const rows = await h.db.select().from(persons)
    const text = JSON.stringify(rows)
    for (const p of data.persons) {
      expect(text).not.toContain(p.facts.phone)
      expect(text).not.toContain(p.facts.idNumber)
      expect(text).not.toContain(p.facts.idNumber.slice(6, 14)) // not even the birth date
      const row = rows.find((r) => r.phoneHash === cipher.lookupHash(p.facts.phone))!
      expect(row.idNumberHash).toBe(cipher.lookupHash(p.facts.idNumber))
      expect(cipher.decrypt(row.phoneEnc)).toBe(p.facts.phone)
      expect(cipher.decrypt(row.idNumberEnc)).toBe(p.facts.idNumber)
      expect(row.queryPasswordHash).toMatch(/^scrypt\$/)
      expect(await verifyPassword(p.facts.queryPassword, row.queryPasswordHash!)).toBe(true)
    }
  })

  test('demo person n is bound to dev-wechat-demo-n and dev-alipay-demo-n', async () => {
    const rows = await h.db.select({ platform: platformIdentities.platform, subject: platformIdentities.subject, card: persons.cardNumber })
      .from(platformIdentities).innerJoin(persons, eq(persons.id, platformIdentities.personId))
    for (const p of data.persons) {
      expect(rows).toContainEqual({ platform: 'wechat', subject: `dev-wechat-demo-${p.facts.n}`, card: p.facts.cardNumber })
      expect(rows).toContainEqual({ platform: 'alipay', subject: `dev-alipay-demo-${p.facts.n}`, card: p.facts.cardNumber })
    }
  })

  test('seeding again for the same day is a no-op', async () => {
    const before = await h.db.select({ id: persons.id, enc: persons.phoneEnc }).from(persons).orderBy(persons.id)
    const later = new Date(AS_OF.getTime() + 6 * 3600_000) // same China date
    const summary = await seedDemo(h.db, { cipher, asOf: later, production: false })
    expect(summary).toMatchObject({ seeded: false, persons: 4, reason: 'up_to_date' })
    expect(await h.db.select({ id: persons.id, enc: persons.phoneEnc }).from(persons).orderBy(persons.id)).toEqual(before)
    expect(await metaValue('ledger_synced_at')).toBe(AS_OF.toISOString())
  })

  test('another asOf day reseeds, removing sessions, SMS codes and identities of the old data set', async () => {
    const [p1] = await h.db.select({ id: persons.id }).from(persons).limit(1)
    const soon = new Date(AS_OF.getTime() + 3600_000)
    await h.db.insert(sessions).values({ tokenHash: 'x', personId: p1!.id, loginMethod: 'sms', expiresAt: soon })
    await h.db.insert(smsCodes).values({ phoneHash: 'y', purpose: 'login', codeHash: 'z', expiresAt: soon })
    await h.db.insert(platformIdentities).values({ platform: 'wechat', subject: 'stranger' })

    const next = new Date('2026-12-03T08:00:00+08:00')
    const summary = await seedDemo(h.db, { cipher, asOf: next, production: false })
    const expected = generateDemo({ asOf: next })
    expect(summary).toEqual({ seeded: true, persons: 4, entries: expected.persons.flatMap((p) => p.ledger).length })
    expect(await metaValue('demo_as_of')).toBe('2026-12-03')
    expect(await metaValue('ledger_synced_at')).toBe(next.toISOString())
    expect(await h.db.select().from(sessions)).toEqual([])
    expect(await h.db.select().from(smsCodes)).toEqual([])
    expect((await counts()).identities).toBe(8)
    expect((await counts()).ledger).toBe(summary.entries)
    // The old data set's entry codes went with it; the same codes are live again, one per institution.
    expect((await h.db.select({ code: institutionEntries.code }).from(institutionEntries)).map((r) => r.code).sort())
      .toEqual(expected.institutions.map((i) => i.entryCode).sort())
  })

  test('another DEMO_VERSION in the database reseeds', async () => {
    await h.db.update(meta).set({ value: '0' }).where(eq(meta.key, 'demo_version'))
    const next = new Date('2026-12-03T09:00:00+08:00')
    expect((await seedDemo(h.db, { cipher, asOf: next, production: false })).seeded).toBe(true)
    expect(await metaValue('demo_version')).toBe(String(DEMO_VERSION))
  })

  test('persons that the generator did not make are never overwritten', async () => {
    await h.db.delete(meta).where(eq(meta.key, 'demo_version'))
    const summary = await seedDemo(h.db, { cipher, asOf: AS_OF, production: false })
    expect(summary).toMatchObject({ seeded: false, reason: 'not_demo_data' })
    expect(await metaValue('demo_as_of')).toBe('2026-12-03')
  })

  test('bulk data goes in through the same writer, in chunks, hashing the shared password once', async () => {
    const bulk = generateBulk({ asOf: AS_OF, persons: 150, months: 12, spendPerMonth: 2, seed: 9 })
    const entries = bulk.persons.reduce((s, p) => s + p.ledger.length, 0)
    expect(entries).toBeGreaterThan(1000) // more than one chunk
    const summary = await writeDemoData(h.db, bulk, { cipher, production: false })
    expect(summary).toEqual({ seeded: true, persons: 150, entries })
    const c = await counts()
    expect(c.persons).toBe(150)
    expect(c.identities).toBe(300)
    const hashes = await h.db.selectDistinct({ h: persons.queryPasswordHash }).from(persons)
    expect(hashes).toHaveLength(1)
    expect(await verifyPassword(BULK_QUERY_PASSWORD, hashes[0]!.h!)).toBe(true)
    const [sum] = await h.db.select({ total: sql<string>`sum(${ledgerEntries.amountFen})::text` }).from(ledgerEntries)
    expect(Number(sum!.total)).toBe(bulk.persons.reduce((s, p) => s + p.balanceFen, 0))
    await expect(writeDemoData(h.db, bulk, { cipher, production: true })).rejects.toThrow()
  })
})

describe('parseDemoAsOf', () => {
  const now = new Date('2026-11-25T03:04:05Z')

  test('unset or empty means now', () => {
    expect(parseDemoAsOf(undefined, now)).toEqual(now)
    expect(parseDemoAsOf('', now)).toEqual(now)
  })

  test('a date means 08:00 China time that day', () => {
    expect(parseDemoAsOf('2026-11-20', now).toISOString()).toBe('2026-11-20T00:00:00.000Z')
    expect(parseDemoAsOf('2024-02-29', now).toISOString()).toBe('2024-02-29T00:00:00.000Z')
  })

  test('a full ISO time is taken as given; without an offset it is China time', () => {
    expect(parseDemoAsOf('2026-11-20T10:30:00+08:00', now).toISOString()).toBe('2026-11-20T02:30:00.000Z')
    expect(parseDemoAsOf('2026-11-20T10:30:00.250Z', now).toISOString()).toBe('2026-11-20T10:30:00.250Z')
    expect(parseDemoAsOf('2026-11-20T10:30', now).toISOString()).toBe('2026-11-20T02:30:00.000Z')
  })

  test.each(['2026-02-30', '2026-13-01', 'yesterday', '20261120', '2026-11-20 08:00', '2026-02-30T08:00:00Z', '2026-11-20T25:00:00Z'])(
    'rejects %p with a clear message', (v) => {
      expect(() => parseDemoAsOf(v, now)).toThrow(/DEMO_AS_OF/)
    })
})
