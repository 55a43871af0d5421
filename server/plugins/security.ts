// Security headers (helmet) and load shedding (under-pressure answers 503 before the process falls over).
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
  })
  await app.register(underPressure, {
    maxEventLoopDelay: o.maxEventLoopDelayMs ?? 2000, // 0: off
    pressureHandler: () => { throw new AppError(503, 'service_unavailable', undefined, { 'retry-after': '5' }) },
  })
}, { name: 'security' })
