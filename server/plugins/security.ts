// Security headers (helmet; HSTS only on https, no caching of any /api answer) and load shedding (under-pressure
// answers 503 before the process falls over).
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import underPressure from '@fastify/under-pressure'
import { AppError } from '../domain/errors'

/** CSP source expressions ('sha256-…') for the inline scripts of an HTML page, so that exactly those may run. */
export function inlineScriptHashes (html: string): string[] {
  const hashes: string[] = []
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '') || !m[2]) continue
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`)
  }
  return hashes
}

const HSTS = 'max-age=31536000; includeSubDomains'
/** The API's paths, however the client spelled the start of them (the router is case-sensitive, a cache may not be;
 * a request line may carry an absolute URL). */
const apiPath = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?\/+api(?:\/|\?|$)/i

export default fp(async (app, o: { scriptHashes?: string[]; maxEventLoopDelayMs?: number }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'", ...(o.scriptHashes ?? [])], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'], fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
        objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // The same refusal as frame-ancestors 'none', for browsers that only know the older header (helmet's default,
    // SAMEORIGIN, would say the opposite to them).
    frameguard: { action: 'deny' },
    // Only over https (below): on plain HTTP the header means nothing to a browser and says the wrong thing.
    strictTransportSecurity: false,
  })
  app.addHook('onSend', async (req, reply) => {
    // req.protocol honours TRUST_PROXY: X-Forwarded-Proto counts only when a trusted proxy set it.
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS)
    // Tokens, personal data and the refusals about them: no /api answer is kept by a browser or a proxy.
    if (apiPath.test(req.routeOptions.url ?? req.url)) reply.header('cache-control', 'no-store')
  })
  await app.register(underPressure, {
    maxEventLoopDelay: o.maxEventLoopDelayMs ?? 2000, // 0: off
    pressureHandler: () => { throw new AppError('service_unavailable', undefined, { retryAfterSeconds: 5 }) },
  })
}, { name: 'security' })
