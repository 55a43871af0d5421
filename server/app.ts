// Builds the public Fastify app (used by main.ts and, through inject, by the tests): plugins, /api/v1 routes, the H5
// app. The operator routes and dev outboxes are not here: they live on the loopback-only admin app (server/admin.ts).
import Fastify, { type FastifyHttpOptions, type FastifyReply, type FastifyServerOptions } from 'fastify'
import type { Server } from 'node:http'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import fastifyStatic from '@fastify/static'
import { existsSync, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { ServerConfig } from './config'
import { AppError, errorBody } from './domain/errors'
import { startHousekeeping } from './domain/housekeeping'
import errorsPlugin, { clientErrorHandler } from './plugins/errors'
import inputPlugin, { ajvInputRules } from './plugins/input'
import swaggerPlugin from './plugins/swagger'
import securityPlugin, { inlineScriptHashes } from './plugins/security'
import rateLimitPlugin from './plugins/rate-limit'
import servicesPlugin, { type ServicesOptions } from './plugins/services'
import authPlugin from './plugins/auth'
import idempotencyPlugin from './plugins/idempotency'
import { loggerOptions } from './plugins/logger'
import healthRoutes from './routes/api/v1/health'
import authRoutes from './routes/api/v1/auth'
import accountRoutes from './routes/api/v1/account'
import contributionRoutes from './routes/api/v1/contributions'
import claimRoutes from './routes/api/v1/claims'
import spendingRoutes from './routes/api/v1/spending'
import verificationRoutes from './routes/api/v1/verifications'
import soterRoutes from './routes/api/v1/verifications/soter'
import bindingRoutes from './routes/api/v1/binding'
import consentRoutes from './routes/api/v1/consents'
import institutionRoutes from './routes/api/v1/institutions'
import hospitalEntryRoutes from './routes/h'
import shareRoutes from './routes/api/v1/shares'
import clientErrorRoutes from './routes/api/v1/client-errors'
import accessLogRoutes from './routes/api/v1/access-logs'

/** The database, config, clock, cipher and adapters (createAdapters) the services are built from, and the app's own options. */
export interface AppDeps extends ServicesOptions {
  logger?: FastifyServerOptions['logger']
  /** Requests per minute per client across the API (tests raise or lower it). */
  rateLimitMax?: number
}

/** What the public app and the admin app (server/admin.ts) share: limits, validation, timeouts, framework errors. */
export function serverOptions (cfg: ServerConfig) {
  return {
    bodyLimit: 64 * 1024,
    // Extra properties are an error (400), not silently dropped.
    // Real dates only, and raw query/path numbers and control characters are checked before coercion (plugins/input).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' as const, allErrors: false }, onCreate: ajvInputRules },
    // A request (headers and body) must arrive within requestTimeoutMs, and a silent connection is closed after it:
    // a body trickled a byte every few seconds cannot hold a socket or a shutdown. Fastify's
    // default requestTimeout 0 also switches off Node's own 300 s limit.
    requestTimeout: cfg.requestTimeoutMs,
    connectionTimeout: cfg.requestTimeoutMs,
    keepAliveTimeout: cfg.keepAliveTimeoutMs,
    // Node checks request and header timeouts every connectionsCheckingInterval (default 30 s): often enough that a
    // short limit is kept to within a tenth or so.
    // (Node checks headersTimeout ≤ requestTimeout when the server is made, before Fastify sets requestTimeout.)
    http: {
      requestTimeout: cfg.requestTimeoutMs,
      headersTimeout: cfg.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(cfg.requestTimeoutMs / 10))),
    },
    // Errors Fastify raises before routing (a malformed URL) get the same envelope as everything else.
    frameworkErrors: (error: { statusCode?: number }, _req: unknown, reply: unknown) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400
      // Sent outside the route hooks, so the no-store of plugins/security is said here.
      void (reply as FastifyReply).status(status).header('cache-control', 'no-store').send(errorBody('bad_request', '网址格式不正确，请检查后重试'))
    },
    // And so do what Node's HTTP parser refuses (bad framing, a 20 KB header: plugins/errors) and a request that
    // arrives during shutdown (a Chinese 503 from plugins/errors instead of Fastify's English one).
    clientErrorHandler,
    return503OnClosing: false,
  } satisfies FastifyHttpOptions<Server>
}

/** A build file whose name carries its content hash (js/app.1a2b3c4d.js): a new build gives it a new name. */
const hashedAsset = /\.[0-9a-f]{8}\.(?:js|css|png|jpe?g|gif|svg|webp|woff2?|ttf)$/

/**
 * How long a browser keeps the H5 app's files: a hashed script or stylesheet a year and never asks again (its name
 * changes with its content); index.html (and the page-like URLs answered with it) is asked for again every time, so
 * that a new build's names reach people at once; anything else unnamed by hash (the icon) a day.
 */
function staticCacheHeaders (reply: { header: (name: string, value: string) => unknown }, path: string): void {
  const name = basename(path)
  if (name === 'index.html') reply.header('cache-control', 'no-cache')
  else if (hashedAsset.test(name)) reply.header('cache-control', 'public, max-age=31536000, immutable')
  else reply.header('cache-control', 'public, max-age=86400')
}

export async function buildApp (deps: AppDeps) {
  const app = Fastify({
    ...serverOptions(deps.cfg),
    logger: deps.logger ?? loggerOptions(deps.cfg.logLevel),
    trustProxy: deps.cfg.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>()

  const staticRoot = deps.cfg.staticRoot && existsSync(join(deps.cfg.staticRoot, 'index.html')) ? deps.cfg.staticRoot : undefined

  await app.register(errorsPlugin)
  await app.register(inputPlugin)
  // The H5 page's one inline script (Taro's rem setup) is allowed by its hash, nothing else inline.
  await app.register(securityPlugin, {
    scriptHashes: staticRoot ? inlineScriptHashes(readFileSync(join(staticRoot, 'index.html'), 'utf8')) : [],
    maxEventLoopDelayMs: deps.cfg.maxEventLoopDelayMs,
  })
  await app.register(rateLimitPlugin, { db: deps.db, max: deps.rateLimitMax })
  await app.register(swaggerPlugin)
  await app.register(servicesPlugin, deps)
  await app.register(authPlugin)
  await app.register(idempotencyPlugin)

  await app.register(async (api) => {
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
    await api.register(healthRoutes)
    await api.register(authRoutes)
    await api.register(accountRoutes)
    await api.register(contributionRoutes)
    await api.register(claimRoutes)
    await api.register(spendingRoutes)
    await api.register(verificationRoutes)
    await api.register(soterRoutes)
    await api.register(bindingRoutes)
    await api.register(consentRoutes)
    await api.register(institutionRoutes)
    await api.register(shareRoutes)
    await api.register(clientErrorRoutes)
    await api.register(accessLogRoutes)
  }, { prefix: '/api/v1' })

  // A printed hospital code's URL, before the H5 app's wildcard (routes/h).
  await app.register(hospitalEntryRoutes)
  if (staticRoot) await app.register(fastifyStatic, { root: staticRoot, index: 'index.html', wildcard: true, setHeaders: staticCacheHeaders })

  // Unknown URLs: the H5 app for page-like GETs, a JSON 404 otherwise; rate-limited so that guessing URLs is slow.
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 60, timeWindow: 60_000 }) }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    if (staticRoot && (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && extname(path) === '') {
      return reply.type('text/html').sendFile('index.html')
    }
    throw new AppError('not_found')
  })

  const stopHousekeeping = startHousekeeping(deps.db, deps.clock, { accessLogDays: deps.cfg.accessLogRetentionDays }, (err) => app.log.warn({ err }, 'housekeeping failed'))
  app.addHook('onClose', async () => { stopHousekeeping() })

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
