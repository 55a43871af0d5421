// The operator's way to move a claim along (so that the flow — stage change, timeline, WeChat notice — can be shown
// end to end): POST /api/v1/operator/claims/{claimNo}/advance {stage, note?, approvedFen?, missingMaterials?}.
//
// Users cannot reach it: it answers only a caller on this machine that came through no proxy (any X-Forwarded-For,
// Forwarded or X-Real-IP header, or another address, gets the same 404 as an unknown URL), and only with the
// `X-Operator-Token` header equal to OPERATOR_TOKEN. It is registered only when a token is configured: outside
// production a dev default (DEV_OPERATOR_TOKEN) applies; in production only an OPERATOR_TOKEN of ≥ 32 characters
// set by the operator. It is not in the published OpenAPI document. `npm run claims:advance -- <claimNo> <stage>
// [note]` (scripts/claims-advance.ts) calls it on the running server, which sends the notice through its own
// WeChat adapter (the fake in tests, the dev outbox locally) — with PGlite, a second process could not open the
// database anyway.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { createHash, timingSafeEqual } from 'node:crypto'
import { ClaimAdvanceBody, ClaimAdvanceParams, ClaimAdvanceResult } from '../../../../../types/api/claims'
import { ErrorBody } from '../../../../../types/api/common'
import { AppError } from '../../../../domain/errors'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

/** The gate of every operator endpoint (this one and routes/api/v1/institutions/operator.ts): loopback, no proxy, the token. */
export function assertOperator (req: FastifyRequest, token: string): void {
  const h = req.headers
  const forwarded = h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined
  if (forwarded || !loopback.has(req.socket.remoteAddress ?? '')) throw new AppError(404, 'not_found')
  const given = h['x-operator-token']
  if (typeof given !== 'string' || !timingSafeEqual(digest(given), digest(token))) {
    throw new AppError(403, 'forbidden', '操作员口令不对：请在 X-Operator-Token 里给出服务端配置的 OPERATOR_TOKEN')
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { cfg, claims } = app.services
  const token = cfg.operatorToken
  if (!token) return
  app.post('/operator/claims/:claimNo/advance', {
    schema: {
      hide: true, params: ClaimAdvanceParams, body: ClaimAdvanceBody,
      response: { 200: ClaimAdvanceResult, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    // Before body validation: a stranger learns nothing, not even that the body was wrong.
    onRequest: async (req) => { assertOperator(req, token) },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store')
    const b = req.body
    return claims.advance(req.params.claimNo, b.stage, b.note, { missingMaterials: b.missingMaterials, approvedFen: b.approvedFen })
  })
}
export default routes
