// The admin app: the operator routes and (in dev mode) the dev outboxes, on a listener of their own that main.ts binds
// to this machine only (ADMIN_HOST/ADMIN_PORT) and that no proxy points at. Every request needs X-Operator-Token;
// wrong tokens are counted per caller address in the shared rate-limit table, and past the limit every token check
// answers 429 until the window ends, so the token cannot be guessed.
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { createHash, timingSafeEqual } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { serverOptions, type App } from './app'
import type { Db } from './db'
import { rowsOf } from './db/rows'
import { AppError, rateLimited } from './domain/errors'
import errorsPlugin from './plugins/errors'
import inputPlugin from './plugins/input'
import { pgRateLimitStore } from './plugins/rate-limit'
import claimOperatorRoutes from './routes/api/v1/claims/operator'
import institutionOperatorRoutes from './routes/api/v1/institutions/operator'
import devRoutes from './routes/api/v1/dev'

/** Wrong tokens per caller address per minute, all server processes together; then 429 for every token. */
export const WRONG_TOKENS_PER_MINUTE = 10
const WINDOW_MS = 60_000
const PREFIX = 'admin-token:'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

/** The wrong-token counter: the public app's rate-limit store (one row per key in rate_limits), read and incremented. */
function tokenLimiter (db: Db) {
  const Store = pgRateLimitStore(db, PREFIX)
  const store = new Store({})
  const count = (key: string) => new Promise<{ current: number; ttl: number }>((resolve, reject) => {
    store.incr(key, (e, r) => { if (e || !r) reject(e ?? new Error('no count')); else resolve(r) }, WINDOW_MS, WRONG_TOKENS_PER_MINUTE)
  })
  /** Milliseconds until the window ends if this caller is over the limit, else 0. */
  const lockedFor = async (key: string): Promise<number> => {
    const res = await db.execute(sql`
      select greatest(0, ceil(extract(epoch from (reset_at - now())) * 1000))::int as ttl from rate_limits
      where key = ${PREFIX + key} and count >= ${WRONG_TOKENS_PER_MINUTE} and reset_at > now()`)
    return Number(rowsOf<{ ttl: number }>(res)[0]?.ttl ?? 0)
  }
  return { count, lockedFor }
}

export interface AdminDeps {
  /** The public app: its services (the same database, adapters and domain services) and its listener's address. */
  main: App
  /** Default: a child of the public app's logger, with the same scrubbing. */
  logger?: FastifyServerOptions['logger']
}

export async function buildAdminApp ({ main, logger }: AdminDeps) {
  const services = main.services
  const { cfg, db } = services
  const admin = Fastify({
    ...serverOptions(cfg),
    ...(logger !== undefined ? { logger } : { loggerInstance: main.log.child({ listener: 'admin' }) }),
  }).withTypeProvider<TypeBoxTypeProvider>()
  admin.decorate('services', services)
  await admin.register(errorsPlugin)
  // The catalogue of route inputs (plugins/input.ts), so that the input property test can walk these routes too.
  await admin.register(inputPlugin)

  const limiter = tokenLimiter(db)
  const expected = digest(cfg.operatorToken)
  // Before routing and body validation: a caller without the token learns nothing, not even that a body was wrong.
  // Tokens, SMS codes, entry codes: nothing here may be kept by a cache.
  admin.addHook('onSend', async (_req, reply) => { reply.header('cache-control', 'no-store') })
  admin.addHook('onRequest', async (req: FastifyRequest) => {
    // The listener is bound to loopback; this also refuses anything a local proxy forwarded, should one be pointed here.
    const h = req.headers
    const forwarded = h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined
    const address = req.socket.remoteAddress ?? ''
    if (forwarded || !loopback.has(address)) throw new AppError('not_found')
    const given = h['x-operator-token']
    const right = typeof given === 'string' && timingSafeEqual(digest(given), expected)
    if (right) {
      const ms = await limiter.lockedFor(address)
      if (ms > 0) throw rateLimited(ms / 1000)
      return
    }
    const { current, ttl } = await limiter.count(address)
    if (current > WRONG_TOKENS_PER_MINUTE) throw rateLimited(ttl / 1000)
    throw new AppError('forbidden', '操作员口令不对：请在 X-Operator-Token 里给出服务端的 OPERATOR_TOKEN（未设置时见数据目录里的 admin.json）')
  })

  await admin.register(async (api) => {
    await api.register(claimOperatorRoutes)
    await api.register(institutionOperatorRoutes, { publicServer: main.server })
    if (cfg.devMode) await api.register(devRoutes)
  }, { prefix: '/api/v1' })

  admin.setNotFoundHandler(() => { throw new AppError('not_found') })
  return admin
}

export type AdminApp = Awaited<ReturnType<typeof buildAdminApp>>
