// Builds the real app on a fresh test database with demo data, a controllable clock and the dev stand-ins (DEV_MODE=1),
// and its admin app (operator routes, dev outboxes) on the same services.
import type { FastifyServerOptions } from 'fastify'
import { buildApp, type App } from '../../server/app'
import { buildAdminApp, type AdminApp } from '../../server/admin'
import { loadConfig, type ServerConfig } from '../../server/config'
import { openDb, type DbHandle } from '../../server/db'
import { createAdapters } from '../../server/adapters'
import type { Clock } from '../../server/domain/ports'
import { DataCipher } from '../../server/domain/secrets'
import { seedDemo } from '../../server/demo/seed'
import { testDb } from './db'

export const TEST_AS_OF = new Date('2026-11-20T08:00:00+08:00')

export class TestClock implements Clock {
  constructor (public t: Date = new Date(TEST_AS_OF.getTime() + 3 * 3600_000)) {}
  now (): Date { return new Date(this.t.getTime()) }
  advance (ms: number): void { this.t = new Date(this.t.getTime() + ms) }
}

export interface TestApp {
  app: App; handle: DbHandle; clock: TestClock; cfg: ServerConfig; cipher: DataCipher
  /** The admin app (server/admin.ts) over the same services: inject with `adminHeaders` (the operator token). */
  admin: AdminApp
  adminHeaders: { 'x-operator-token': string }
  /** What the dev SMS provider would have printed on the console. */
  smsLines: string[]
  close (): Promise<void>
}

/** Waits (polling, no fixed sleep) until the dev SMS provider has written `count` messages in all: codes go out
 * after the answer, so that its timing never tells whether a phone is on file. */
export async function smsSent (t: Pick<TestApp, 'smsLines'>, count: number, ms = 5000): Promise<void> {
  for (const start = Date.now(); t.smsLines.length < count;) {
    if (Date.now() - start > ms) throw new Error(`expected ${count} SMS, saw ${t.smsLines.length}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

export async function makeTestApp (o: { env?: Record<string, string>; handle?: DbHandle; seed?: boolean; rateLimitMax?: number; logger?: FastifyServerOptions['logger'] } = {}): Promise<TestApp> {
  const handle = o.handle ?? await testDb()
  const cfg = loadConfig({
    NODE_ENV: 'test', DEV_MODE: '1', STATIC_ROOT: '', LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: '0', SMS_RESEND_SECONDS: '0', LOGIN_RATE_PER_MINUTE: '1000', SMS_RATE_PER_HOUR: '1000', ...o.env,
  })
  const cipher = new DataCipher(cfg.dataKey)
  // Demo data only in dev mode (seedDemo refuses otherwise); a test that turns DEV_MODE off gets an empty database.
  if (o.seed ?? cfg.devMode) await seedDemo(handle.db, { cipher, asOf: TEST_AS_OF, production: !cfg.devMode })
  const clock = new TestClock()
  const smsLines: string[] = []
  const adapters = createAdapters(cfg, { db: handle.db, cipher, devSmsOut: (line) => smsLines.push(line) })
  const app = await buildApp({ db: handle.db, cfg, clock, cipher, ...adapters, logger: o.logger ?? false, rateLimitMax: o.rateLimitMax ?? 10_000 })
  await app.ready()
  const admin = await buildAdminApp({ main: app })
  await admin.ready()
  return {
    app, admin, adminHeaders: { 'x-operator-token': cfg.operatorToken }, handle, clock, cfg, cipher, smsLines,
    close: async () => { await admin.close(); await app.close(); if (!o.handle) await handle.close() },
  }
}

/**
 * Two server processes on one database, as in production behind a balancer: on PostgreSQL (DATABASE_URL) two
 * connection pools; on PGlite both apps share its one connection. `a` seeded the demo data; `first` is a's database.
 */
export async function twoProcesses (): Promise<{ a: TestApp; b: TestApp; first: DbHandle; close (): Promise<void> }> {
  const first = await testDb()
  const second = process.env.DATABASE_URL ? await openDb({ databaseUrl: process.env.DATABASE_URL }) : first
  const a = await makeTestApp({ handle: first })
  const b = await makeTestApp({ handle: second, seed: false })
  return {
    a, b, first,
    close: async () => {
      await a.close(); await b.close()
      if (second !== first) await second.close()
      await first.close()
    },
  }
}
