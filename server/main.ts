// Starts the reference server: config, database (migrated, demo-seeded outside production), adapters, HTTP.
import { loadConfig, ConfigError } from './config'
import { openDb, DataDirLockedError } from './db'
import { buildApp } from './app'
import { createAdapters } from './adapters'
import { systemClock } from './adapters/types'
import { DataCipher } from './domain/secrets'
import { parseDemoAsOf, seedDemo } from './demo/seed'
import { renderDemoBanner } from './demo/readme-table'

async function main (): Promise<void> {
  const cfg = loadConfig()
  const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir })
  const cipher = new DataCipher(cfg.dataKey)
  if (!cfg.production) {
    const seeded = await seedDemo(handle.db, { cipher, asOf: parseDemoAsOf(cfg.demoAsOf, new Date()), production: cfg.production })
    if (seeded.seeded) process.stdout.write(`已生成演示数据：${seeded.persons} 位参保人，${seeded.entries} 条账户流水\n`)
  }
  const adapters = createAdapters(cfg, { db: handle.db, cipher })
  const app = await buildApp({ db: handle.db, cfg, clock: systemClock, cipher, ...adapters })

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    try { await app.close() } finally { await handle.close() }
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  const address = await app.listen({ host: cfg.host, port: cfg.port })
  const url = address.replace('[::1]', 'localhost')
  if (!cfg.production) process.stdout.write(renderDemoBanner(url))
  // Test helpers wait for this exact line.
  process.stdout.write(`listening on ${url}\n`)
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    process.stderr.write(`无法启动：${e.message}\n`)
  } else {
    process.stderr.write(`无法启动：${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  }
  process.exit(1)
})
