// Rate limits (@fastify/rate-limit) whose windows live in PostgreSQL, so every server process counts together: the
// API and unknown URLs, not the health check or the H5 app's own files.
import fp from 'fastify-plugin'
import rateLimit, { type FastifyRateLimitOptions, type FastifyRateLimitStore } from '@fastify/rate-limit'
import { sql, type SQL } from 'drizzle-orm'
import type { RouteOptions } from 'fastify'
import type { Db } from '../db'
import { rowsOf } from '../db/rows'
import { rateLimited } from '../domain/errors'

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void

/** A store class bound to one database: one row per key, incremented atomically by an upsert. */
export function pgRateLimitStore (db: Db, prefix = 'rl:') {
  return class PgRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string
    constructor (_options: FastifyRateLimitOptions, childPrefix = prefix) { this.prefix = childPrefix }

    // The ttl is rounded to whole milliseconds: the float epoch arithmetic must not turn a fresh window's 3600 s into
    // 3601 on one request and not another (the header would then differ by chance between otherwise equal answers).
    incr (key: string, cb: IncrCallback, timeWindow: number, _max: number): void {
      const k = this.prefix + key
      const window = `${Math.max(1, Math.round(timeWindow))} milliseconds`
      db.execute<{ current: number; ttl: number }>(sql`
        insert into rate_limits as r (key, count, reset_at) values (${k}, 1, now() + ${window}::interval)
        on conflict (key) do update set
          count = case when r.reset_at <= now() then 1 else r.count + 1 end,
          reset_at = case when r.reset_at <= now() then now() + ${window}::interval else r.reset_at end
        returning count::int as current, greatest(0, round(extract(epoch from (reset_at - now())) * 1000))::int as ttl`)
        .then((res) => {
          const row = rowsOf<{ current: number; ttl: number }>(res)[0]
          if (!row) throw new Error('rate limit upsert returned no row')
          if (Math.random() < 0.01) void purgeExpired(db)
          cb(null, { current: Number(row.current), ttl: Number(row.ttl) })
        })
        .catch((e: Error) => cb(e))
    }

    // The typings say RouteOptions; at run time the plugin passes its merged options with `routeInfo`.
    child (routeOptions: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      const info = (routeOptions as unknown as { routeInfo?: { method: string; url: string } }).routeInfo
      const route = info ? `${info.method}${info.url}` : `${String(routeOptions.method)}${routeOptions.url}`
      return new PgRateLimitStore({}, `${this.prefix}${route}:`)
    }
  }
}

/** Windows over for an hour (housekeeping takes the rest); rate_limits_reset_idx finds them. */
export function expiredWindowsDelete (): SQL {
  return sql`delete from rate_limits where reset_at < now() - interval '1 hour'`
}

async function purgeExpired (db: Db): Promise<void> {
  await db.execute(expiredWindowsDelete()).catch(() => undefined)
}

/**
 * Routes that take no window, so write no row: the health check, which a load balancer polls every few seconds, and
 * @fastify/static's wildcard for the H5 app's files, which a page load asks for by the dozen. A URL that is no file
 * still reaches the not-found handler, which has its own, stricter window.
 */
const UNCOUNTED = new Set(['/api/v1/health', '/*'])

export default fp(async (app, opts: { db: Db; max?: number }) => {
  // Before the plugin's own onRoute hook, which attaches the global limit to every route not switched off.
  app.addHook('onRoute', (route) => {
    if (UNCOUNTED.has(route.url) && route.config?.rateLimit === undefined) route.config = { ...route.config, rateLimit: false }
  })
  await app.register(rateLimit, {
    global: true,
    max: opts.max ?? 300,
    timeWindow: 60_000,
    store: pgRateLimitStore(opts.db),
    // A store failure must not lock everyone out; the database being down shows up elsewhere.
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => rateLimited(ctx.ttl / 1000),
  })
}, { name: 'rate-limit' })
