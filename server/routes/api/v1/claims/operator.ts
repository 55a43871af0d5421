// The operator's way to move a claim along (so that the flow — stage change, timeline, WeChat notice — can be shown
// end to end): POST /api/v1/operator/claims/{claimNo}/advance {stage, note?, approvedFen?, missingMaterials?,
// deductions?: [{kind, amountFen}] — why the parts of a claim approved below its amount were not paid}.
//
// Users cannot reach it: it is registered on the admin app only (server/admin.ts: a listener bound to this machine,
// which no proxy points at, whose every request needs X-Operator-Token, wrong tokens rate-limited), never on the
// public one, where it answers like any unknown URL. It is not in the published OpenAPI document. `npm run
// claims:advance -- <claimNo> <stage> [note]` (scripts/claims-advance.ts) calls it on the running server, which sends
// the notice through its own WeChat adapter (the fake in tests, the dev outbox locally) — with PGlite, a second
// process could not open the database anyway.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ClaimAdvanceBody, ClaimAdvanceParams, ClaimAdvanceResult } from '../../../../../types/api/claims'
import { errorAnswers } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { claims } = app.services
  app.post('/operator/claims/:claimNo/advance', {
    schema: {
      hide: true, params: ClaimAdvanceParams, body: ClaimAdvanceBody,
      response: { 200: ClaimAdvanceResult, ...errorAnswers(400, 403, 404, 409, 429) },
    },
  }, async (req) => {
    const b = req.body
    return claims.advance(req.params.claimNo, b.stage, b.note, { missingMaterials: b.missingMaterials, approvedFen: b.approvedFen, deductions: b.deductions })
  })
}
export default routes
