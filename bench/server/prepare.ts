// Child process of run.ts: opens the bench database (DATA_DIR for PGlite, or DATABASE_URL) the way the server does
// (migrations under the lock), makes sure the data set is there, clears what earlier runs left (access log, rate
// limit windows, sessions), issues a verified session for the long-history person through the domain's
// SessionService and records both consents through ConsentService, walks the filtered list through the domain's
// SpendingService to collect each page's sealed cursor and keyset position, and EXPLAIN ANALYZEs the page query.
// Prints one JSON line (PREPARED_PREFIX), then closes the database so that the server processes can open it
// (PGlite: one process per data directory).
import { and, count, eq, gte, lt, sql } from 'drizzle-orm'
import { openDb } from '../../server/db'
import { rowsOf } from '../../server/db/rows'
import { settlements } from '../../server/db/schema'
import { loadConfig } from '../../server/config'
import { systemClock } from '../../server/adapters/clock'
import { DataCipher } from '../../server/domain/secrets'
import { consentDocuments } from '../../server/domain/consent-documents'
import { ConsentService } from '../../server/domain/consents'
import { SessionService } from '../../server/domain/sessions'
import { spendingPageQuery, type PageStart } from '../../server/db/repositories/settlements'
import { SpendingService, chinaDateRange } from '../../server/domain/spending'
import { AS_OF, FILTER, MAX_PAGES, PREPARED_PREFIX, type PagePlan, type Prepared } from './common'
import { ensureDataset } from './dataset'

const log = (line: string) => process.stderr.write(`  ${line}\n`)

async function main (): Promise<void> {
  const cfg = loadConfig()
  const entries = Number(process.env.BENCH_ENTRIES)
  if (!Number.isInteger(entries) || entries < 1) throw new Error('BENCH_ENTRIES must be a positive integer')
  const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir })
  try {
    const { db } = handle
    const cipher = new DataCipher(cfg.dataKey)
    const writer = process.env.BENCH_WRITER === 'seeder' ? 'seeder' : 'fast'
    const info = await ensureDataset(db, { entries, asOf: AS_OF, cipher, writer, log })
    const [version] = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version') as v`))

    // What earlier runs left behind would make this run's writes (access log, rate-limit upserts) differ.
    await db.execute(sql`truncate table access_logs, rate_limits`)
    await db.execute(sql`delete from sessions`)

    // A session as SMS login issues it (bound, verified); the window is long enough for any run.
    const sessions = new SessionService(db, systemClock, {
      idleMinutes: cfg.sessionIdleMinutes, absoluteHours: cfg.sessionAbsoluteHours, verifyWindowSeconds: cfg.sessionAbsoluteHours * 3600,
    })
    const issued = await sessions.issue({ personId: info.personId, identityId: null, method: 'sms', verified: true })
    // The server reads account data only with the person's current consents, which the app gives after login.
    const consents = new ConsentService(db, systemClock)
    const session = await sessions.authenticate(`Bearer ${issued.token}`)
    for (const d of consentDocuments) await consents.accept(session, { document: d.document, version: d.version, channel: 'weapp' })

    // The pages the app will answer, with the cursors it seals (same DATA_KEY as the server process).
    const spending = new SpendingService(db, cipher, systemClock)
    const pages: PagePlan[] = []
    let cursor: string | null = null
    let before: PageStart | null = null
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await spending.list(info.personId, { ...FILTER, ...(cursor ? { cursor } : {}) })
      pages.push({ page, cursor, before, items: res.items.length })
      const last = res.items[res.items.length - 1]
      if (!res.nextCursor || !last) break
      cursor = res.nextCursor
      before = { t: last.settledAt, id: last.id }
    }

    const range = chinaDateRange(FILTER.from, FILTER.to)
    const [filtered] = await db.select({ n: count() }).from(settlements).where(and(
      eq(settlements.personId, info.personId), eq(settlements.visitType, FILTER.type),
      gte(settlements.settledAt, range.from!), lt(settlements.settledAt, range.to!)))

    const explain = async (start: PageStart | null): Promise<string[]> => {
      const q = spendingPageQuery(db, { personId: info.personId, limit: FILTER.limit + 1, type: FILTER.type, ...range, before: start ?? undefined })
      const res = await db.execute(sql`explain (analyze, costs off) ${q.getSQL()}`)
      return rowsOf<Record<string, string>>(res).map((r) => String(r['QUERY PLAN']))
    }
    // Run each twice and keep the second: the first may include reading pages from disk.
    await explain(null)
    const explainFirst = await explain(null)
    const deep = pages[pages.length - 1]!.before
    if (deep) await explain(deep)
    const explainDeep = deep ? await explain(deep) : null

    const out: Prepared = {
      engine: handle.kind, serverVersion: version?.v ?? '?', personId: info.personId,
      settlements: info.settlements, personEntries: info.personEntries, filteredEntries: Number(filtered?.n ?? 0),
      range: { from: range.from!.toISOString(), to: range.to!.toISOString() },
      pages, token: issued.token, explainFirst, explainDeep,
      reused: info.reused, writer: info.writer, generateMs: info.generateMs, writeMs: info.writeMs, analyzeMs: info.analyzeMs,
      dataDir: handle.kind === 'pglite' ? cfg.dataDir : undefined,
    }
    process.stdout.write(`${PREPARED_PREFIX}${JSON.stringify(out)}\n`)
  } finally {
    await handle.close()
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`prepare failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  process.exit(1)
})
