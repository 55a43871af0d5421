// The benchmark's data set: about N settlements (消费记录 rows) from the project's own generator, written either by
// bench/server/fast-write.ts (default: the same rows in large unnest() statements) or by the project's own seeder
// (server/demo/seed.ts writeDemoData; BENCH_WRITER=seeder, run.ts --writer seeder), which is several times slower.
//
// Shape: one "long history" person (20 years, about 20 settlements a month: thousands of entries, a hundred or
// more outpatient visits in the last year, so the filtered list has several pages) plus as many ordinary bulk
// persons (10 years, about 2 a month) as it takes to reach N. A marker row in `meta` records what was written, so a
// database that already holds the same data set (a reused PGlite directory, or a DATABASE_URL) is not rewritten.
import { count, eq, sql } from 'drizzle-orm'
import type { Db } from '../../server/db'
import { meta, persons, settlements } from '../../server/db/schema'
import { DEMO_VERSION, generateBulk, type DemoData, type DemoPersonData } from '../../server/demo/generator'
import { writeDemoData } from '../../server/demo/seed'
import { fastWriteData } from './fast-write'
import type { DataCipher } from '../../server/domain/secrets'

/** Bump when the shape below changes: a database holding another version is rewritten. */
const BENCH_DATA_VERSION = 1
const MARKER_KEY = 'bench_server_dataset'

/** The long-history person: found again by this card number. */
export const LONG_CARD = 'BL00000001'
const LONG = { months: 240, spendPerMonth: 20, seed: 7_2026 }
const BULK = { months: 120, spendPerMonth: 2 }

export interface DatasetInfo {
  personId: number
  /** Settlements in the whole table. */
  settlements: number
  /** Settlements of the benchmarked person. */
  personEntries: number
  reused: boolean
  writer: Writer
  /** Generating and writing, ms (0 when reused). */
  generateMs: number
  writeMs: number
  analyzeMs: number
}

export type Writer = 'fast' | 'seeder'

interface Marker { version: number; demoVersion: number; entries: number; asOf: string; writer: Writer; settlements: number }

/** The long person, renumbered so that nothing of it collides with bulk person 1 (keys, card, phone, subjects). */
function longPerson (asOf: Date, n: number, usedIds: Set<string>): DemoPersonData {
  const [p] = generateBulk({ asOf, persons: 1, months: LONG.months, spendPerMonth: LONG.spendPerMonth, seed: LONG.seed }).persons
  if (!p) throw new Error('generator gave no person')
  const key = (k: string) => k.replace(/^\d+:/, `${n}:`)
  const idNumber = p.facts.idNumber
  if (usedIds.has(idNumber)) throw new Error('long person ID number collides with a bulk person; change LONG.seed')
  usedIds.add(idNumber)
  return {
    ...p,
    facts: {
      ...p.facts, n, cardNumber: LONG_CARD, phone: '13700000001', idNumber,
      wechatCode: 'wx-bench-long', alipayCode: 'alipay-bench-long', wechatSubject: 'dev-wechat-bench-long', alipaySubject: 'dev-alipay-bench-long',
    },
    contributions: p.contributions.map((c) => ({ ...c, key: key(c.key) })),
    settlements: p.settlements.map((s) => ({ ...s, key: key(s.key) })),
    ledger: p.ledger.map((e) => ({
      ...e, contributionKey: e.contributionKey && key(e.contributionKey), settlementKey: e.settlementKey && key(e.settlementKey),
    })),
    // Claim numbers embed the person's number; the long person gets none (they are not what is measured).
    claims: [],
  }
}

/** The data set for about `entries` settlements. Deterministic for (entries, asOf). */
export function generateDataset (entries: number, asOf: Date): DemoData {
  // Bulk persons first, sized from the long person's count and a calibration on a sample of bulk persons.
  const probe = generateBulk({ asOf, persons: 1, months: LONG.months, spendPerMonth: LONG.spendPerMonth, seed: LONG.seed })
  const longCount = probe.persons[0]!.settlements.length
  const sample = generateBulk({ asOf, persons: 200, ...BULK })
  const perPerson = sample.persons.reduce((a, p) => a + p.settlements.length, 0) / sample.persons.length
  const bulkPersons = Math.max(1, Math.round(Math.max(0, entries - longCount) / perPerson))
  const data = generateBulk({ asOf, persons: bulkPersons, ...BULK })
  const usedIds = new Set(data.persons.map((p) => p.facts.idNumber))
  data.persons.push(longPerson(asOf, bulkPersons + 1, usedIds))
  return data
}

async function readMarker (db: Db): Promise<Marker | undefined> {
  const [row] = await db.select().from(meta).where(eq(meta.key, MARKER_KEY))
  if (!row) return undefined
  try { return JSON.parse(row.value) as Marker } catch { return undefined }
}

async function settlementCount (db: Db, personId?: number): Promise<number> {
  const q = db.select({ n: count() }).from(settlements)
  const [row] = await (personId === undefined ? q : q.where(eq(settlements.personId, personId)))
  return Number(row?.n ?? 0)
}

/**
 * Makes sure the database holds the data set for (entries, asOf): reuses it when the marker and the row count
 * agree, else writes it (replacing whatever data set was there) and runs ANALYZE.
 */
export async function ensureDataset (db: Db, o: {
  entries: number; asOf: Date; cipher: DataCipher; writer: Writer; log: (line: string) => void
}): Promise<DatasetInfo> {
  const marker = await readMarker(db)
  const want = { version: BENCH_DATA_VERSION, demoVersion: DEMO_VERSION, entries: o.entries, asOf: o.asOf.toISOString(), writer: o.writer }
  let reused = false
  let generateMs = 0; let writeMs = 0; let analyzeMs = 0
  if (marker && marker.version === want.version && marker.demoVersion === want.demoVersion && marker.entries === want.entries &&
      marker.asOf === want.asOf && marker.writer === want.writer && marker.settlements === await settlementCount(db)) {
    reused = true
  } else {
    let t = Date.now()
    const data = generateDataset(o.entries, o.asOf)
    generateMs = Date.now() - t
    const total = data.persons.reduce((a, p) => a + p.settlements.length, 0)
    o.log(`generated ${data.persons.length.toLocaleString('en-US')} persons, ${total.toLocaleString('en-US')} settlements in ` +
      `${(generateMs / 1000).toFixed(1)} s; writing them (${o.writer === 'fast' ? 'fast-write.ts' : 'writeDemoData'}, one transaction)…`)
    t = Date.now()
    if (o.writer === 'fast') await fastWriteData(db, data, o.cipher)
    else await writeDemoData(db, data, { cipher: o.cipher, production: false })
    writeMs = Date.now() - t
    t = Date.now()
    await db.execute(sql`analyze`)
    analyzeMs = Date.now() - t
    const written = await settlementCount(db)
    if (written !== total) throw new Error(`wrote ${written} settlements, expected ${total}`)
    const value = JSON.stringify({ ...want, settlements: written } satisfies Marker)
    await db.insert(meta).values({ key: MARKER_KEY, value }).onConflictDoUpdate({ target: meta.key, set: { value } })
  }
  const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.cardNumber, LONG_CARD))
  if (!p) throw new Error(`no person with card ${LONG_CARD}`)
  return {
    personId: p.id, settlements: await settlementCount(db), personEntries: await settlementCount(db, p.id),
    reused, writer: o.writer, generateMs, writeMs, analyzeMs,
  }
}
