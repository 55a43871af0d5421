// Writes the demo data set into the database (only in dev mode, DEV_MODE=1) and decides when an existing one is stale.
import { count, sql } from 'drizzle-orm'
import type { Db } from '../db'
import {
  claimEvents, claims, contributions, institutionEntries, institutions, ledgerEntries, meta, persons, platformIdentities, settlementItems,
  settlements,
} from '../db/schema'
import { hashPassword, type DataCipher } from '../domain/secrets'
import { flagSettlements } from '../domain/anomalies'
import { DEMO_VERSION, chinaDateString, chinaTime, generateDemo, type DemoData } from './generator'

export interface SeedSummary {
  seeded: boolean
  persons: number
  /** Ledger entries in the data set. */
  entries: number
  /** Why nothing was written, when nothing was. */
  reason?: 'up_to_date' | 'not_demo_data'
}

/** Rows per INSERT: keeps every statement well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000
const NOT_DEV = '演示数据只在开发模式（DEV_MODE=1）下生成，不能写入生产环境的数据库'
/** Serialises seeding across server processes that start together on one PostgreSQL. */
const SEED_LOCK_ID = 4_712_393_002

/**
 * Every table that holds demo persons or anything hanging off them. TRUNCATE of the whole list is one statement,
 * so foreign-key order does not matter; CASCADE also empties tables added later that reference these
 * (share grants, access logs), which belong to the old data set too.
 */
const DATA_TABLES = ['claim_events', 'claims', 'ledger_entries', 'settlement_items', 'settlements', 'contributions',
  'sessions', 'sms_codes', 'dev_sms_outbox', 'platform_identities', 'persons', 'institution_entries', 'institutions', 'password_attempts']

/**
 * Seeds the demo data set when the database has no persons, or reseeds it (after deleting every data row) when it
 * was made by another DEMO_VERSION or for another asOf day (China time). A database whose persons did not come
 * from the generator (no `demo_version`) is left alone: it may be somebody's real data.
 */
export async function seedDemo (db: Db, o: { cipher: DataCipher; asOf: Date; production: boolean }): Promise<SeedSummary> {
  // `production` is true for every run that is not dev mode (main.ts passes !cfg.devMode), whatever NODE_ENV says.
  if (o.production) throw new Error(NOT_DEV)
  if (Number.isNaN(o.asOf.getTime())) throw new Error('asOf must be a valid Date')
  const asOfDay = chinaDateString(o.asOf)

  const state = await readState(db)
  if (!needsSeed(state, asOfDay)) {
    return { seeded: false, persons: state.persons, entries: await countEntries(db), reason: state.version === undefined ? 'not_demo_data' : 'up_to_date' }
  }

  const data = generateDemo({ asOf: o.asOf })
  const prepared = await prepare(data, o.cipher)
  let summary: SeedSummary = { seeded: false, persons: 0, entries: 0 }
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`)
    // Another process may have seeded while this one waited for the lock.
    const again = await readState(tx)
    if (!needsSeed(again, asOfDay)) {
      summary = { seeded: false, persons: again.persons, entries: await countEntries(tx), reason: 'up_to_date' }
      return
    }
    summary = await replaceData(tx, data, prepared, o.cipher)
  })
  return summary
}

/**
 * Replaces whatever data set the database holds with a generated one (demo or generateBulk), in one transaction,
 * with the same meta facts as seedDemo. For benchmarks; refuses production like seedDemo.
 */
export async function writeDemoData (db: Db, data: DemoData, o: { cipher: DataCipher; production: boolean }): Promise<SeedSummary> {
  if (o.production) throw new Error(NOT_DEV)
  const prepared = await prepare(data, o.cipher)
  let summary: SeedSummary = { seeded: false, persons: 0, entries: 0 }
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`)
    summary = await replaceData(tx, data, prepared, o.cipher)
  })
  return summary
}

/**
 * DEMO_AS_OF: `YYYY-MM-DD` means 08:00 China time that day (a working morning, so 数据截至 reads naturally);
 * a full ISO time is taken as given, and one without an offset as China time. Unset or empty: now.
 */
export function parseDemoAsOf (value: string | undefined, now: Date): Date {
  const v = value?.trim()
  if (!v) return new Date(now.getTime())
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])]
    const t = chinaTime(y, m, d, 8)
    if (chinaDateString(t) !== v) throw new Error(`DEMO_AS_OF "${value}" is not a real calendar date (expected YYYY-MM-DD)`)
    return t
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(v)
  if (iso) {
    const t = new Date(iso[7] ? v : `${v}+08:00`)
    // Date.parse rolls 02-30 over into March; a value that does not survive the round trip is a typo.
    const wall = new Date(t.getTime() + (iso[7] ? offsetMs(iso[7]) : 8 * 3600_000))
    const same = wall.getUTCFullYear() === Number(iso[1]) && wall.getUTCMonth() + 1 === Number(iso[2]) && wall.getUTCDate() === Number(iso[3])
    if (!Number.isNaN(t.getTime()) && same) return t
  }
  throw new Error(`DEMO_AS_OF "${value}" is not understood: use YYYY-MM-DD (08:00 China time that day) or an ISO time such as 2026-11-20T08:00:00+08:00`)
}

function offsetMs (zone: string): number {
  if (zone === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  return sign * (Number(zone.slice(1, 3)) * 3600_000 + Number(zone.slice(4, 6)) * 60_000)
}

// ---------------------------------------------------------------------------------------------------------------

interface DbState { persons: number; version?: string; asOfDay?: string }

async function readState (db: Db): Promise<DbState> {
  const [row] = await db.select({ n: count() }).from(persons)
  const rows = await db.select().from(meta).where(sql`${meta.key} in ('demo_version', 'demo_as_of')`)
  const get = (k: string) => rows.find((r) => r.key === k)?.value
  return { persons: row?.n ?? 0, version: get('demo_version'), asOfDay: get('demo_as_of') }
}

function needsSeed (s: DbState, asOfDay: string): boolean {
  if (s.persons === 0) return true
  if (s.version === undefined) return false // persons that the generator did not make: never overwrite them
  return s.version !== String(DEMO_VERSION) || s.asOfDay !== asOfDay
}

async function countEntries (db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ledgerEntries)
  return row?.n ?? 0
}

interface PreparedPerson { idNumberEnc: string; idNumberHash: string; phoneEnc: string; phoneHash: string; queryPasswordHash: string }

/** The slow part (scrypt, ~50 ms each) runs before the transaction; one hash per distinct password. */
async function prepare (data: DemoData, cipher: DataCipher): Promise<PreparedPerson[]> {
  const hashes = new Map<string, Promise<string>>()
  const hashOf = (pw: string) => {
    let h = hashes.get(pw)
    if (!h) { h = hashPassword(pw); hashes.set(pw, h) }
    return h
  }
  return Promise.all(data.persons.map(async ({ facts: f }) => ({
    idNumberEnc: cipher.encrypt(f.idNumber), idNumberHash: cipher.lookupHash(f.idNumber),
    phoneEnc: cipher.encrypt(f.phone), phoneHash: cipher.lookupHash(f.phone),
    queryPasswordHash: await hashOf(f.queryPassword),
  })))
}

function chunks<T> (rows: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

async function replaceData (db: Db, data: DemoData, prepared: PreparedPerson[], cipher: DataCipher): Promise<SeedSummary> {
  await db.execute(sql.raw(`truncate table ${DATA_TABLES.join(', ')} restart identity cascade`))
  const institutionIds = new Map<string, number>()
  for (const part of chunks(data.institutions)) {
    const rows = await db.insert(institutions).values(part.map((i) => ({
      code: i.code, name: i.name, kind: i.kind, level: i.level, regionCode: i.regionCode, address: i.address, designated: i.designated,
      deskPlace: i.desk?.place ?? null, deskHours: i.desk?.hours ?? null, deskPhone: i.desk?.phone ?? null, claimMaterials: i.bring,
    }))).returning({ id: institutions.id, code: institutions.code })
    for (const r of rows) institutionIds.set(r.code, r.id)
  }
  const institutionId = (code: string) => {
    const id = institutionIds.get(code)
    if (id === undefined) throw new Error(`demo data names an unknown institution ${code}`)
    return id
  }

  const createdAt = new Date(data.asOf.getTime())
  // Each institution's one live entry code (what its printed QR code carries).
  for (const part of chunks(data.institutions)) {
    await db.insert(institutionEntries).values(part.map((i) => ({ institutionId: institutionId(i.code), code: i.entryCode, createdAt })))
  }

  const personIds = new Map<string, number>() // by card number, which is unique
  for (const part of chunks(data.persons.map((p, i) => ({ p, s: prepared[i]! })))) {
    const rows = await db.insert(persons).values(part.map(({ p, s }) => ({
      name: p.facts.name, ...s, cardNumber: p.facts.cardNumber, insuranceType: p.facts.insuranceType,
      regionCode: p.facts.regionCode, status: 'active', createdAt,
    }))).returning({ id: persons.id, cardNumber: persons.cardNumber })
    for (const r of rows) personIds.set(r.cardNumber, r.id)
  }
  const personId = (p: DemoData['persons'][number]) => personIds.get(p.facts.cardNumber)!

  // The dev code exchanger maps wx-demo-<n> / alipay-demo-<n> to these subjects (server/adapters/dev-exchanger.ts).
  const identities = data.persons.flatMap((p) => [
    { platform: 'wechat' as const, subject: p.facts.wechatSubject, personId: personId(p), createdAt, lastLoginAt: createdAt },
    { platform: 'alipay' as const, subject: p.facts.alipaySubject, personId: personId(p), createdAt, lastLoginAt: createdAt },
  ])
  for (const part of chunks(identities)) await db.insert(platformIdentities).values(part)

  const contributionIds = new Map<string, number>()
  const contributionRows = data.persons.flatMap((p) => p.contributions.map((c) => ({ key: c.key, row: {
    personId: personId(p), period: c.period, baseFen: c.baseFen, employerFen: c.employerFen, personalFen: c.personalFen,
    creditedFen: c.creditedFen, payingUnit: c.payingUnit, latePaid: c.latePaid, paidAt: c.paidAt,
  } })))
  for (const part of chunks(contributionRows)) {
    const rows = await db.insert(contributions).values(part.map((c) => c.row))
      .returning({ id: contributions.id, personId: contributions.personId, period: contributions.period })
    const byNatural = new Map(rows.map((r) => [`${r.personId}/${r.period}`, r.id]))
    for (const c of part) contributionIds.set(c.key, byNatural.get(`${c.row.personId}/${c.row.period}`)!)
  }

  const settlementIds = new Map<string, number>()
  // Unusual-charge flags are decided as settlements are written (server/domain/anomalies.ts), per person.
  const institutionByCode = new Map(data.institutions.map((i) => [i.code, i]))
  const institutionOf = (code: string) => {
    const i = institutionByCode.get(code)
    if (!i) throw new Error(`demo data names an unknown institution ${code}`)
    return i
  }
  const flagsOf = (p: DemoData['persons'][number]) => flagSettlements(p.facts.regionCode, p.settlements.map((s) => ({
    settledAt: s.settledAt, totalFen: s.totalFen, visitType: s.visitType, institution: institutionOf(s.institutionCode),
  })))
  const settlementRows = data.persons.flatMap((p) => { const flags = flagsOf(p); return p.settlements.map((s, i) => ({ s, row: {
    personId: personId(p), institutionId: institutionId(s.institutionCode), visitType: s.visitType, settledAt: s.settledAt,
    totalFen: s.totalFen, fundFen: s.fundFen, accountFen: s.accountFen, mutualAidFen: s.mutualAidFen, selfFen: s.selfFen,
    beneficiaryName: s.beneficiaryName, beneficiaryRelation: s.beneficiaryRelation, anomalies: flags[i]!,
  } })) })
  for (const part of chunks(settlementRows)) {
    const rows = await db.insert(settlements).values(part.map((x) => x.row))
      .returning({ id: settlements.id, personId: settlements.personId, settledAt: settlements.settledAt, totalFen: settlements.totalFen })
    // Settlements have no natural key, so ids are matched by position; check that the positions agree.
    rows.forEach((r, i) => {
      const want = part[i]!.row
      if (r.personId !== want.personId || r.settledAt.getTime() !== want.settledAt.getTime() || r.totalFen !== want.totalFen) {
        throw new Error('settlement ids came back in an unexpected order')
      }
      settlementIds.set(part[i]!.s.key, r.id)
    })
  }
  const items = data.persons.flatMap((p) => p.settlements.flatMap((s) => s.items.map((it) => ({
    settlementId: settlementIds.get(s.key)!, name: it.name, category: it.category, quantity: it.quantity,
    amountFen: it.amountFen, fundCoveredFen: it.fundCoveredFen,
  }))))
  for (const part of chunks(items)) await db.insert(settlementItems).values(part)

  const entries = data.persons.flatMap((p) => p.ledger.map((e) => ({
    personId: personId(p), kind: e.kind, amountFen: e.amountFen, occurredAt: e.occurredAt, postedAt: e.postedAt,
    contributionId: e.contributionKey ? contributionIds.get(e.contributionKey)! : null,
    settlementId: e.settlementKey ? settlementIds.get(e.settlementKey)! : null,
    counterpartyName: e.counterpartyName, note: e.note,
  })))
  for (const part of chunks(entries)) await db.insert(ledgerEntries).values(part)

  const claimIds = new Map<string, number>()
  const claimRows = data.persons.flatMap((p) => p.claims.map((c) => ({
    personId: personId(p), claimNo: c.claimNo, institutionId: c.institutionCode ? institutionId(c.institutionCode) : null,
    title: c.title, stage: c.stage, claimedFen: c.claimedFen, approvedFen: c.approvedFen,
    missingMaterials: c.missingMaterials, deductions: c.deductions, rejectReason: c.rejectReason, submittedAt: c.submittedAt, updatedAt: c.updatedAt,
    payoutBank: c.payout?.bankName ?? null, payoutCardEnc: c.payout ? cipher.encrypt(c.payout.cardNumber) : null,
  })))
  for (const part of chunks(claimRows)) {
    const rows = await db.insert(claims).values(part).returning({ id: claims.id, claimNo: claims.claimNo })
    for (const r of rows) claimIds.set(r.claimNo, r.id)
  }
  const events = data.persons.flatMap((p) => p.claims.flatMap((c) => c.events.map((e) => ({
    claimId: claimIds.get(c.claimNo)!, stage: e.stage, occurredAt: e.occurredAt, note: e.note,
  }))))
  for (const part of chunks(events)) await db.insert(claimEvents).values(part)

  const facts: [string, string][] = [
    ['demo_version', String(data.version)],
    ['demo_as_of', chinaDateString(data.asOf)],
    ['ledger_synced_at', data.asOf.toISOString()],
  ]
  for (const [key, value] of facts) {
    await db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } })
  }
  return { seeded: true, persons: data.persons.length, entries: entries.length }
}
