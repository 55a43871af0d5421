// Starts the reference server: config, database (migrated, demo-seeded in dev mode), adapters, the public listener,
// the loopback-only admin listener (server/admin.ts), and a shutdown that ends within SHUTDOWN_TIMEOUT_MS.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { loadConfig, ConfigError, type ServerConfig } from './config'
import { openDb, DataDirLockedError } from './db'
import { buildApp } from './app'
import { buildAdminApp } from './admin'
import { createAdapters } from './adapters'
import { systemClock } from './adapters/clock'
import { DataCipher } from './domain/secrets'
import { parseDemoAsOf, seedDemo } from './demo/seed'
import { renderDemoBanner } from './demo/readme-table'

/**
 * Tells the local scripts (npm run qr, claims:advance) where the admin listener is and, when the operator did not set
 * OPERATOR_TOKEN, the token of this run: a file only this user can read (created 0600, never over an existing one),
 * never the log or stdout. Returns its remover, which leaves a file another process has written since.
 */
function writeAdminFile (cfg: ServerConfig, url: string): () => void {
  const file = cfg.adminFile
  if (!file) return () => undefined
  const body = JSON.stringify({ pid: process.pid, url, ...(cfg.operatorTokenSource === 'env' ? {} : { token: cfg.operatorToken }) })
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  try { unlinkSync(file) } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e }
  // 'wx': fails rather than follow a link someone put there after the unlink.
  const fd = openSync(file, 'wx', 0o600)
  try { writeSync(fd, `${body}\n`) } finally { closeSync(fd) }
  return () => {
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }).pid === process.pid) unlinkSync(file)
    } catch { /* gone already, or not ours */ }
  }
}

async function main (): Promise<void> {
  const cfg = loadConfig()
  const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir })
  const cipher = new DataCipher(cfg.dataKey)
  if (cfg.devMode) {
    const seeded = await seedDemo(handle.db, { cipher, asOf: parseDemoAsOf(cfg.demoAsOf, new Date()), production: !cfg.devMode })
    if (seeded.seeded) process.stdout.write(`已生成演示数据：${seeded.persons} 位参保人，${seeded.entries} 条账户流水\n`)
  }
  const adapters = createAdapters(cfg, { db: handle.db, cipher })
  const app = await buildApp({ db: handle.db, cfg, clock: systemClock, cipher, ...adapters })
  const admin = await buildAdminApp({ main: app })
  let removeAdminFile = () => undefined as void

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    // In-flight requests may finish until the deadline; then whatever is still open (a client trickling a body, a
    // hung download) is cut, and if even that does not end it, the process exits anyway.
    const deadline = setTimeout(() => {
      app.log.warn({ timeoutMs: cfg.shutdownTimeoutMs }, 'shutdown deadline passed, closing the remaining connections')
      app.server.closeAllConnections()
      admin.server.closeAllConnections()
      setTimeout(() => process.exit(1), 2000).unref()
    }, cfg.shutdownTimeoutMs)
    deadline.unref()
    try {
      removeAdminFile()
      await Promise.all([app.close(), admin.close()])
    } finally {
      clearTimeout(deadline)
      await handle.close()
    }
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  const adminAddress = await admin.listen({ host: cfg.adminHost, port: cfg.adminPort })
  const adminUrl = adminAddress.replace('[::1]', 'localhost')
  removeAdminFile = writeAdminFile(cfg, adminUrl)
  const address = await app.listen({ host: cfg.host, port: cfg.port })
  const url = address.replace('[::1]', 'localhost')
  if (cfg.devMode) process.stdout.write(renderDemoBanner(url))
  // Operator routes and dev outboxes: this machine only, never put behind a proxy. Test helpers read this line.
  process.stdout.write(`admin listening on ${adminUrl}${cfg.adminFile ? ` (${cfg.adminFile})` : ''}\n`)
  // Test helpers wait for this exact line; it comes last.
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
