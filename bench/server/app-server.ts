// Child process of run.ts: the real app, started the way server/main.ts starts it (loadConfig from the environment,
// openDb with migrations, createAdapters, buildApp with the normal pino logger at LOG_LEVEL, listen), with two
// differences: no demo seeding (the bench data set is already there, and seedDemo would replace it with the four
// demo persons), and the global rate limit raised through buildApp's `rateLimitMax` (BENCH_RATE_LIMIT_MAX), because
// the config has no environment knob for it. The rate-limit store still does its per-request upsert, as in
// production. Prints `listening on <url>` like main.ts; closes app and database on SIGTERM.
import { loadConfig } from '../../server/config'
import { openDb } from '../../server/db'
import { buildApp } from '../../server/app'
import { createAdapters } from '../../server/adapters'
import { systemClock } from '../../server/adapters/clock'
import { DataCipher } from '../../server/domain/secrets'

async function main (): Promise<void> {
  const cfg = loadConfig()
  const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir })
  const cipher = new DataCipher(cfg.dataKey)
  const adapters = createAdapters(cfg, { db: handle.db, cipher })
  const rateLimitMax = process.env.BENCH_RATE_LIMIT_MAX ? Number(process.env.BENCH_RATE_LIMIT_MAX) : undefined
  const app = await buildApp({ db: handle.db, cfg, clock: systemClock, cipher, ...adapters, rateLimitMax })

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
  process.stderr.write(`app server failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  process.exit(1)
})
