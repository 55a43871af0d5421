// Child process of run.ts: the baseline. A bare Fastify instance (no logger, no plugins, no auth, no rate limit, no
// access log, no response schema, no mapping) whose one route runs the same keyset statement the domain runs for
// the filtered 消费记录 page, on the same kind of connection the app uses (PGlite in process, or a pg.Pool of 10
// through DATABASE_URL), and returns the driver's rows as they come.
//
// The statement text is the app's own: spendingPageQuery(...).toSQL() (db/repositories/settlements) is built once at
// start with sentinel values, and each request only puts its values in their places. GET /bare/spending?person=&type=&from=&to=&limit=
// [&t=&id=] where from/to are the instants the domain computes from the China dates, limit is the domain's
// page size + 1, and t/id the keyset position (what the sealed cursor carries).
import Fastify from 'fastify'
import type { Pool } from 'pg'
import { loadConfig } from '../../server/config'
import { openDb } from '../../server/db'
import { spendingPageQuery } from '../../server/db/repositories/settlements'

type Query = (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>
type Slot = 'person' | 'type' | 'from' | 'to' | 'limit' | 't' | 'id'

const S = {
  person: 987_654_321_001, limit: 987_001, type: 'inpatient' as const, from: new Date('1901-01-01T00:00:00.000Z'),
  to: new Date('1902-01-01T00:00:00.000Z'), t: '1903-01-01T00:00:00.000Z', id: 987_654_321_002,
}

interface Template { text: string; slots: Slot[] }

async function main (): Promise<void> {
  const cfg = loadConfig()
  const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, migrate: false })
  const query: Query = handle.pglite
    ? (text, values) => handle.pglite!.query(text, values)
    : (text, values) => (handle.db as unknown as { $client: Pool }).$client.query(text, values)

  const template = (withCursor: boolean): Template => {
    const q = spendingPageQuery(handle.db, {
      personId: S.person, limit: S.limit, type: S.type, from: S.from, to: S.to, before: withCursor ? { t: S.t, id: S.id } : undefined,
    }).toSQL()
    const slots = q.params.map((p): Slot => {
      if (p === S.person) return 'person'
      if (p === S.limit) return 'limit'
      if (p === S.type) return 'type'
      if (p === S.from.toISOString() || (p instanceof Date && p.getTime() === S.from.getTime())) return 'from'
      if (p === S.to.toISOString() || (p instanceof Date && p.getTime() === S.to.getTime())) return 'to'
      if (p === S.t) return 't'
      if (p === S.id) return 'id'
      throw new Error(`unexpected parameter ${String(p)} in the page statement`)
    })
    return { text: q.sql, slots }
  }
  const first = template(false)
  const next = template(true)

  const app = Fastify({ logger: false })
  app.get('/bare/spending', async (req) => {
    const q = req.query as Record<Slot, string | undefined>
    const tpl = q.t === undefined ? first : next
    const res = await query(tpl.text, tpl.slots.map((s) => q[s]))
    return res.rows
  })

  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    try { await app.close() } finally { await handle.close() }
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown())
  process.on('SIGINT', () => void shutdown())

  const address = await app.listen({ host: cfg.host, port: cfg.port })
  process.stdout.write(`listening on ${address}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`bare server failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  process.exit(1)
})
