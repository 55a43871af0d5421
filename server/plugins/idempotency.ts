// Idempotency keys for the writes a person makes (a dispute, a subscription, a share, a consent): a route that
// declares the Idempotency-Key header (schemas.ts `idempotentBearer`) answers a repeated key with its first answer
// and changes nothing twice — the app's retry after an answer lost on a hospital's weak network.
//
// The key is claimed in PostgreSQL before the handler runs (one row per owner and key: the primary key decides
// between parallel requests, in this process or another), the answer stored after it when it is a success, and the
// row dropped when it is not (a refusal changed nothing, and after verifying or agreeing the same action may be
// tried again with the same key). A second request while the first still runs waits for its answer; a row left by a
// process that died mid-request is taken over after STALE_MS. The one window left: a process dying between its
// write's commit and storing the answer lets a retry a minute later write again (then the write's own rules apply:
// one open dispute per charge, one consent per version).
import fp from 'fastify-plugin'
import { createHash } from 'node:crypto'
import { and, eq, isNull, lt } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify'
import { IdempotentHeaders } from '../../types/api/common'
import { idempotencyKeys } from '../db/schema'
import { AppError } from '../domain/errors'
import { sessionOf } from './auth'

/** A claimed key with no answer for this long belongs to a request that will not finish. */
export const STALE_MS = 60_000
/** How long a parallel duplicate waits for the first request's answer before it is told to look again later. */
const WAIT_MS = 10_000
const POLL_MS = 50

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed (its answer is stored on send), or 'replayed' when it answers from the store. */
    idempotency: { owner: string; key: string } | 'replayed' | null
  }
}

/** Whose keys these are: the person, or before binding the platform identity (or the session itself). */
function ownerOf (req: FastifyRequest): string {
  const s = sessionOf(req)
  return s.personId !== null ? `person:${s.personId}` : s.identityId !== null ? `identity:${s.identityId}` : `session:${s.id}`
}

/** What the key was first used for: method, route, parameters and body (the same key elsewhere is a mistake). */
function fingerprintOf (req: FastifyRequest): string {
  const what = JSON.stringify([req.method, req.routeOptions.url, req.params ?? null, req.body ?? null])
  return createHash('sha256').update(what).digest('base64url')
}

export default fp(async (app) => {
  const { db, clock } = app.services
  app.decorateRequest('idempotency', null)

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  const replay = (reply: FastifyReply, statusCode: number, body: string) => {
    reply.request.idempotency = 'replayed'
    return reply.code(statusCode).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(body)
  }

  const claim: preHandlerHookHandler = async (req, reply) => {
    const key = req.headers['idempotency-key']
    if (typeof key !== 'string') return
    const owner = ownerOf(req)
    const fingerprint = fingerprintOf(req)
    for (const deadline = Date.now() + WAIT_MS; ;) {
      const now = clock.now()
      const claimed = await db.insert(idempotencyKeys).values({ owner, key, fingerprint, createdAt: now })
        .onConflictDoNothing().returning({ key: idempotencyKeys.key })
      if (claimed.length === 1) {
        req.idempotency = { owner, key }
        return
      }
      const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)))
      if (!row) continue // dropped between the two statements (the first request failed): claim it now
      if (row.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused')
      if (row.statusCode !== null && row.body !== null) return replay(reply, row.statusCode, row.body)
      // Still running. A request that died long ago leaves its claim: the first retry to update it takes it over.
      const stale = new Date(now.getTime() - STALE_MS)
      const taken = await db.update(idempotencyKeys).set({ createdAt: now })
        .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.statusCode), lt(idempotencyKeys.createdAt, stale)))
        .returning({ key: idempotencyKeys.key })
      if (taken.length === 1) {
        req.idempotency = { owner, key }
        return
      }
      if (Date.now() > deadline) throw new AppError('idempotency_in_progress', undefined, { retryAfterSeconds: 2 })
      await sleep(POLL_MS)
    }
  }

  const settle: onSendHookHandler = async (req, reply, payload) => {
    const held = req.idempotency
    if (held === null || held === 'replayed') return payload
    req.idempotency = null
    const where = and(eq(idempotencyKeys.owner, held.owner), eq(idempotencyKeys.key, held.key))
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await db.update(idempotencyKeys).set({ statusCode: reply.statusCode, body: payload }).where(where)
    } else {
      await db.delete(idempotencyKeys).where(where)
    }
    return payload
  }

  // Every route that declares the header gets both hooks: the claim after its own preHandlers (the session first).
  app.addHook('onRoute', (route) => {
    if ((route.schema as { headers?: unknown } | undefined)?.headers !== IdempotentHeaders) return
    const list = <T> (h: T | T[] | undefined): T[] => h === undefined ? [] : Array.isArray(h) ? h : [h]
    route.preHandler = [...list(route.preHandler), claim]
    route.onSend = [...list(route.onSend), settle]
  })
}, { name: 'idempotency', dependencies: ['services', 'auth'] })
